import type { PayloadRequest } from 'payload'

import { xlsxResponse } from '../cockpit/excel'
import { HttpError } from '../http/errors'
import { defineRoute } from '../http/route'
import { IMPORT_KINDS, KIND_LABELS, type ImportKind } from './columns'
import { assertMayImport, dryRun, prepareImport, type ImportFile, type ProgressEvent } from './service'
import { templateWorkbook } from './workbook'
import { poolOf } from '../db/pool'
import { organizationCodeNames, themeNamesInOrder } from './queries'

const MAX_FILE_BYTES = 20 * 1024 * 1024

const kindOf = (kind: string | undefined): ImportKind => {
  if (!IMPORT_KINDS.includes(kind as ImportKind)) throw new HttpError(404, '未知的导入类型（可选：people、organizations、questions）')
  return kind as ImportKind
}

/** The uploaded workbook: multipart field `file`, an .xlsx of at most 20 MB. */
const fileOf = async (req: PayloadRequest): Promise<ImportFile> => {
  let form: FormData | undefined
  try {
    form = await req.formData?.()
  } catch {
    form = undefined
  }
  const file = form?.get('file')
  if (!file || typeof file === 'string') throw new HttpError(400, '请选择要上传的 Excel 文件（字段 file）')
  if (file.size > MAX_FILE_BYTES) throw new HttpError(413, '文件超过 20 MB：请分成几个文件导入')
  return { name: file.name || '未命名.xlsx', body: Buffer.from(await file.arrayBuffer()) }
}

/** Lists from the database the templates' 说明 sheet offers (organisation codes, themes). */
const templateExtras = async (req: PayloadRequest, kind: ImportKind): Promise<Array<[string, string[]]>> => {
  const pool = poolOf(req.payload)
  if (kind === 'questions') return [['专题', await themeNamesInOrder(pool)]]
  const orgs = await organizationCodeNames(pool)
  return [['组织编码（编码　名称）', orgs]]
}

/**
 * The import's routes (signed-in callers; who may import each kind is checked per kind, before the
 * file is read). A file that is not a workbook is a 400 (WorkbookError), a refused import a 422
 * with its report: both answered by the route, neither logged.
 */
export const importRoutes = [
  defineRoute({
    // GET /api/import/{people|organizations|questions}/template — the .xlsx template with its 说明 sheet.
    method: 'get',
    path: '/import/:kind/template',
    callers: 'signedIn',
    handler: async (req, { params }) => {
      const kind = kindOf(params.kind)
      assertMayImport(req, kind)
      return xlsxResponse(await templateWorkbook(kind, await templateExtras(req, kind)), `${KIND_LABELS[kind]}导入模板.xlsx`)
    },
  }),
  defineRoute({
    // POST /api/import/{kind}/check (multipart `file`) — the dry run's report; nothing is written.
    method: 'post',
    path: '/import/:kind/check',
    callers: 'signedIn',
    handler: async (req, { params }) => {
      const kind = kindOf(params.kind)
      assertMayImport(req, kind)
      return Response.json(await dryRun(req, kind, await fileOf(req)))
    },
  }),
  defineRoute({
    // POST /api/import/{kind} (multipart `file`) — the import, all or nothing. 422 with the report if
    // any row has a problem; otherwise NDJSON: {"type":"progress","done","total"} lines while writing,
    // then {"type":"done","report"} after the commit or {"type":"error","message"} (nothing written).
    method: 'post',
    path: '/import/:kind',
    callers: 'signedIn',
    handler: async (req, { params }) => {
      const kind = kindOf(params.kind)
      assertMayImport(req, kind)
      const run = await prepareImport(req, kind, await fileOf(req))
      const encoder = new TextEncoder()
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          const emit = (event: ProgressEvent) => {
            try {
              controller.enqueue(encoder.encode(JSON.stringify(event) + '\n'))
            } catch {
              // The page went away: the import still finishes (or rolls back) on its own.
            }
          }
          await run(emit)
          try {
            controller.close()
          } catch {
            /* already closed by a cancelled reader */
          }
        },
      })
      return new Response(stream, {
        headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
      })
    },
  }),
]
