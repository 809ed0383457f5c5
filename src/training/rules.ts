/**
 * 培训登记 (issue 15 §4, the 学时台账's first offline source): a branch secretary records a
 * concentrated training, a 党校 course or an external course for members of the branch; the college
 * committee confirms it or returns it with a reason; only a confirmed record credits 学时, and a
 * confirmed record is final. The rules here are pure (no I/O) so they are unit-tested in
 * milliseconds; src/training/hooks.ts applies them to Payload's saves.
 */
export const TRAINING_KINDS = ['concentrated', 'partySchool', 'external'] as const
export type TrainingKind = (typeof TRAINING_KINDS)[number]
export const TRAINING_KIND_LABELS: Record<TrainingKind, { zh: string; en: string }> = {
  concentrated: { zh: '集中培训', en: 'Concentrated training' },
  partySchool: { zh: '党校培训', en: 'Party school course' },
  external: { zh: '外部课程（凭学习证明）', en: 'External course (certificate)' },
}

export const TRAINING_STATUSES = ['draft', 'submitted', 'confirmed', 'returned'] as const
export type TrainingStatus = (typeof TRAINING_STATUSES)[number]
export const TRAINING_STATUS_LABELS: Record<TrainingStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待院级党委确认', en: 'Awaiting confirmation' },
  confirmed: { zh: '已确认（计入学时）', en: 'Confirmed' },
  returned: { zh: '已退回', en: 'Returned' },
}

/** Who is acting on a record: the secretary of its branch, or committee staff above the branch. */
export type TrainingActor = 'recorder' | 'reviewer'

/** The ledger source a confirmed record credits (src/ledger/sources.ts). */
export const sourceOf = (kind: TrainingKind) => (kind === 'external' ? 'certificate' : 'training') as 'certificate' | 'training'

/** The most one record may credit each attendee (a fortnight's full-time course is 80 学时). */
export const MAX_TRAINING_HOURS = 200

export type Refusal = { status: 400 | 403; field?: string; message: string }

/**
 * Whether `actor` may move a record from `from` to `to`. The recorder drafts, submits, and after a
 * return corrects and submits again; the reviewer confirms or returns what is submitted; nobody
 * changes a confirmed record (its 学时 are on the ledger).
 */
export const transition = (
  actor: TrainingActor,
  from: TrainingStatus,
  to: TrainingStatus,
  returnReason?: string | null,
): Refusal | null => {
  if (from === 'confirmed') return { status: 400, message: '已确认的培训记录已计入学时，不能再修改；如有错误请联系院级党委' }
  if (actor === 'recorder') {
    if (to === 'confirmed' || (to === 'returned' && from !== 'returned'))
      return { status: 403, field: 'status', message: '培训记录由院级党委确认或退回，支部不能自行确认' }
    if (from === 'submitted' && to !== 'submitted' && to !== 'draft')
      return { status: 400, field: 'status', message: '记录已提交，请等待院级党委确认' }
    return null
  }
  if (from !== 'submitted') return { status: 400, field: 'status', message: '只能确认或退回已提交的培训记录' }
  if (to === 'confirmed') return null
  if (to === 'returned')
    return returnReason && returnReason.trim()
      ? null
      : { status: 400, field: 'returnReason', message: '退回时请填写退回理由，支部据此修改后重新提交' }
  return { status: 400, field: 'status', message: '院级党委只能确认或退回培训记录' }
}

/** The fields only the recorder writes (the reviewer decides; it does not edit what it decides on). */
export const RECORD_FIELDS = ['title', 'kind', 'organiser', 'date', 'hours', 'year', 'attendees', 'evidence'] as const

/** Checks the record's own values; the attendees' branch is checked against the database. */
export const checkRecord = (
  r: { title?: unknown; organiser?: unknown; date?: unknown; hours?: unknown; year?: unknown; attendees?: unknown[] },
  yearOfDate: (d: Date) => number,
  now: Date,
): Refusal | null => {
  if (typeof r.title !== 'string' || !r.title.trim()) return { status: 400, field: 'title', message: '请填写培训名称' }
  if (typeof r.organiser !== 'string' || !r.organiser.trim()) return { status: 400, field: 'organiser', message: '请填写主办单位' }
  const date = r.date ? new Date(String(r.date)) : null
  if (!date || Number.isNaN(date.getTime())) return { status: 400, field: 'date', message: '请填写培训日期' }
  if (date.getTime() > now.getTime()) return { status: 400, field: 'date', message: '培训结束后才能登记学时：日期不能晚于今天' }
  const hours = Number(r.hours)
  if (!Number.isFinite(hours) || hours <= 0) return { status: 400, field: 'hours', message: '每人学时须大于 0' }
  if (hours > MAX_TRAINING_HOURS)
    return { status: 400, field: 'hours', message: `一条记录每人最多 ${MAX_TRAINING_HOURS} 学时；更长的培训请分段登记` }
  if (Math.round(hours * 10) !== hours * 10) return { status: 400, field: 'hours', message: '学时最多保留一位小数（如 4 或 3.5）' }
  const year = Number(r.year)
  const dateYear = yearOfDate(date)
  // 所属年度: the year of the date, or the year before (a December course whose record is filed in January counts for it).
  if (year !== dateYear && year !== dateYear - 1)
    return { status: 400, field: 'year', message: `所属年度只能是培训日期所在年度（${dateYear}）或上一年度（${dateYear - 1}）` }
  if (!r.attendees || !r.attendees.length) return { status: 400, field: 'attendees', message: '请选择参加培训的党员' }
  return null
}
