import { createHash } from 'crypto'
import type { PayloadRequest } from 'payload'
import { APIError } from 'payload'

import { hasRole } from '../access/roles'
import { recordAudit } from '../audit/record'
import { openTransaction, requestTx } from '../db/transaction'
import { HttpError } from '../http/errors'
import { KIND_LABELS, type ImportKind } from './columns'
import { applyOrganizationsImport, planOrganizationsImport } from './organizations'
import { applyPeopleImport, planPeopleImport } from './people'
import { applyQuestionsImport, planQuestionsImport } from './questions'
import { recordsOf, sortProblems, type Change, type Counts, type Plan, type Problem, type Record_ } from './rules/sheet'
import { lockBulkImport } from './queries'
import { readSheet } from './workbook'

type AnyPlan = Plan<unknown, unknown>
type Importer = {
  collection: 'users' | 'organizations' | 'questions'
  /** Who may import this kind, and what others are told. */
  allowed: (user: PayloadRequest['user']) => boolean
  refusal: string
  plan: (req: PayloadRequest, records: Record_[]) => Promise<AnyPlan>
  apply: (req: PayloadRequest, plan: AnyPlan, progress: (done: number, total: number) => Promise<void> | void) => Promise<void>
}

/**
 * People and organisations are sysAdmin's (the only role that creates them in the admin; Party
 * committee staff and secretaries read their subtree but create no one), questions the course
 * curators' (the question bank's own access).
 */
export const IMPORTERS: Record<ImportKind, Importer> = {
  people: {
    collection: 'users',
    allowed: (u) => hasRole(u, 'sysAdmin'),
    refusal: '人员批量导入仅限系统管理员',
    plan: planPeopleImport,
    apply: applyPeopleImport as Importer['apply'],
  },
  organizations: {
    collection: 'organizations',
    allowed: (u) => hasRole(u, 'sysAdmin'),
    refusal: '党组织批量导入仅限系统管理员',
    plan: planOrganizationsImport,
    apply: applyOrganizationsImport as Importer['apply'],
  },
  questions: {
    collection: 'questions',
    allowed: (u) => hasRole(u, 'courseCurator'),
    refusal: '试题批量导入仅限课程管理员',
    plan: planQuestionsImport,
    apply: applyQuestionsImport as Importer['apply'],
  },
}

/** At most this many problems and changes travel in a report; the counts say how many there were. */
const REPORT_LIMIT = 1_000

export type ImportReport = {
  kind: ImportKind
  fileName: string
  sha256: string
  rows: number
  counts: Counts
  problemCount: number
  problems: Problem[]
  changes: Change[]
}

export type ImportFile = { name: string; body: Buffer }

/** The refusal for someone who may not import this kind (checked before the file is read). */
export const assertMayImport = (req: PayloadRequest, kind: ImportKind) => {
  if (!req.user) throw new HttpError(401, '请先登录')
  if (!IMPORTERS[kind].allowed(req.user)) throw new HttpError(403, IMPORTERS[kind].refusal)
}

const reportOf = (
  kind: ImportKind,
  file: ImportFile,
  sha256: string,
  rows: number,
  problems: Problem[],
  plan: AnyPlan | null,
): ImportReport => {
  const sorted = sortProblems(problems)
  return {
    kind,
    fileName: file.name,
    sha256,
    rows,
    counts: { new: plan?.creates.length ?? 0, changed: plan?.updates.length ?? 0, unchanged: plan?.unchanged ?? 0 },
    problemCount: sorted.length,
    problems: sorted.slice(0, REPORT_LIMIT),
    changes: (plan?.changes ?? []).slice(0, REPORT_LIMIT),
  }
}

/** Reads and plans the file inside the request's (already open) transaction. */
const planFile = async (req: PayloadRequest, kind: ImportKind, file: ImportFile) => {
  const sha256 = createHash('sha256').update(file.body).digest('hex')
  const { header, rows } = await readSheet(file.body)
  const { records, problems } = recordsOf(kind, header, rows)
  if (problems.length) return { sha256, plan: null, report: reportOf(kind, file, sha256, records.length, problems, null) }
  if (records.length === 0)
    return {
      sha256,
      plan: null,
      report: reportOf(kind, file, sha256, 0, [{ row: 2, message: '文件中没有可导入的数据行（示例行不会导入）' }], null),
    }
  // One import at a time: two files naming the same new person would otherwise both plan a create.
  await lockBulkImport(await requestTx(req))
  const plan = await IMPORTERS[kind].plan(req, records)
  return { sha256, plan, report: reportOf(kind, file, sha256, records.length, plan.problems, plan) }
}

/** What a person is told when the writing fails after a clean plan (a hook's rule, a concurrent edit). */
const failureMessage = (req: PayloadRequest, error: unknown): string => {
  const e = error as { status?: number; message?: string; code?: string; data?: { errors?: Array<{ message?: string }> } }
  const fieldMessages = (e.data?.errors ?? []).map((x) => x.message).filter(Boolean)
  if (fieldMessages.length) return fieldMessages.join('；')
  if (e.code === '23505') return '工号/学号、邮箱或编码与已有记录重复（可能有人同时修改了数据），请重新检查后再导入'
  if (error instanceof APIError) return error.message
  req.payload.logger.error({ err: error }, '批量导入失败')
  return '导入失败'
}

/** 检查: the report of what importing the file would do and every row's problems; nothing is written. */
export const dryRun = async (req: PayloadRequest, kind: ImportKind, file: ImportFile): Promise<ImportReport> => {
  assertMayImport(req, kind)
  const tx = await openTransaction(req)
  try {
    return (await planFile(req, kind, file)).report
  } finally {
    await tx.rollback()
  }
}

export type ProgressEvent =
  { type: 'progress'; done: number; total: number } | { type: 'done'; report: ImportReport } | { type: 'error'; message: string }

/**
 * 导入: plans the file again in the import's own transaction and refuses it whole (422 with the
 * report) if any row has a problem; otherwise writes every row, the organisation counts and one
 * audit entry (counts and the file's SHA-256) and commits, or on any failure writes nothing.
 * Returns a function that does the writing and reports progress, so the endpoint can stream it.
 */
export const prepareImport = async (req: PayloadRequest, kind: ImportKind, file: ImportFile) => {
  assertMayImport(req, kind)
  // Planned now, written later (while the endpoint streams progress): held open until then.
  const tx = await openTransaction(req)
  let planned: Awaited<ReturnType<typeof planFile>>
  try {
    planned = await planFile(req, kind, file)
  } catch (error) {
    await tx.rollback()
    throw error
  }
  const { plan, report, sha256 } = planned
  if (!plan || report.problemCount > 0) {
    await tx.rollback()
    // An HttpError is answered by the route without being logged: the report holds names, numbers, e-mail addresses.
    throw new HttpError(422, `文件有 ${report.problemCount} 处问题，未导入任何数据：请按检查结果修改后再导入`, { data: { report } })
  }
  return async (emit: (event: ProgressEvent) => void) => {
    try {
      await IMPORTERS[kind].apply(req, plan, (done, total) => emit({ type: 'progress', done, total }))
      const c = report.counts
      await recordAudit(req, {
        action: 'import',
        collection: IMPORTERS[kind].collection,
        summary: `批量导入${KIND_LABELS[kind]}：新增 ${c.new}，更新 ${c.changed}，未变 ${c.unchanged}（共 ${report.rows} 行）；文件“${file.name.slice(0, 80)}” SHA-256 ${sha256}`,
      })
      await tx.commit()
      emit({ type: 'done', report })
      return report
    } catch (error) {
      await tx.rollback()
      emit({ type: 'error', message: `${failureMessage(req, error)}（未写入任何数据）` })
      return null
    }
  }
}
