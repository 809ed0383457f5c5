import type { Endpoint, PayloadRequest } from 'payload'
import { APIError } from 'payload'

import { xlsxResponse } from '../cockpit/excel'
import { IMPORT_KINDS, KIND_LABELS, type ImportKind } from './columns'
import { assertMayImport, dryRun, prepareImport, type ImportFile, type ProgressEvent } from './service'
import { templateWorkbook, WorkbookError } from './workbook'
import { poolOf } from '../db/pool'

const MAX_FILE_BYTES = 20 * 1024 * 1024

const kindOf = (req: PayloadRequest): ImportKind => {
  const kind = req.routeParams?.kind
  if (!IMPORT_KINDS.includes(kind as ImportKind))
    throw new APIError('未知的导入类型（可选：people、organizations、questions）', 404, null, true)
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
  if (!file || typeof file === 'string') throw new APIError('请选择要上传的 Excel 文件（字段 file）', 400, null, true)
  if (file.size > MAX_FILE_BYTES) throw new APIError('文件超过 20 MB：请分成几个文件导入', 413, null, true)
  return { name: file.name || '未命名.xlsx', body: Buffer.from(await file.arrayBuffer()) }
}

const asApiError = (error: unknown) => (error instanceof WorkbookError ? new APIError(error.message, 400, null, true) : error)

/** Lists from the database the templates' 说明 sheet offers (organisation codes, themes). */
const templateExtras = async (req: PayloadRequest, kind: ImportKind): Promise<Array<[string, string[]]>> => {
  const pool = poolOf(req.payload)
  if (kind === 'questions')
    return [
      ['专题', (await pool.query<{ v: string }>(`SELECT name AS v FROM themes ORDER BY sort_order NULLS LAST, name`)).rows.map((r) => r.v)],
    ]
  const orgs = (
    await pool.query<{ v: string }>(`SELECT code || '　' || name AS v FROM organizations WHERE code IS NOT NULL ORDER BY code`)
  ).rows.map((r) => r.v)
  return [['组织编码（编码　名称）', orgs]]
}

export const importEndpoints: Endpoint[] = [
  {
    // GET /api/import/{people|organizations|questions}/template — the .xlsx template with its 说明 sheet.
    path: '/import/:kind/template',
    method: 'get',
    handler: async (req) => {
      const kind = kindOf(req)
      assertMayImport(req, kind)
      return xlsxResponse(await templateWorkbook(kind, await templateExtras(req, kind)), `${KIND_LABELS[kind]}导入模板.xlsx`)
    },
  },
  {
    // POST /api/import/{kind}/check (multipart `file`) — the dry run's report; nothing is written.
    path: '/import/:kind/check',
    method: 'post',
    handler: async (req) => {
      const kind = kindOf(req)
      assertMayImport(req, kind)
      try {
        return Response.json(await dryRun(req, kind, await fileOf(req)))
      } catch (error) {
        throw asApiError(error)
      }
    },
  },
  {
    // POST /api/import/{kind} (multipart `file`) — the import, all or nothing. 422 with the report if
    // any row has a problem; otherwise NDJSON: {"type":"progress","done","total"} lines while writing,
    // then {"type":"done","report"} after the commit or {"type":"error","message"} (nothing written).
    path: '/import/:kind',
    method: 'post',
    handler: async (req) => {
      const kind = kindOf(req)
      assertMayImport(req, kind)
      let run: Awaited<ReturnType<typeof prepareImport>>
      try {
        run = await prepareImport(req, kind, await fileOf(req))
      } catch (error) {
        // The refusal with its report is answered here: thrown, Payload would log the whole report
        // (names, numbers, e-mail addresses) as an error.
        if (error instanceof APIError && error.status === 422)
          return Response.json({ errors: [{ message: error.message, data: error.data }] }, { status: 422 })
        throw asApiError(error)
      }
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
  },
]
