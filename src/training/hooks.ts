import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, FieldHook, PayloadRequest, Where } from 'payload'

import { hasRole, idOf } from '../access/roles'
import { refuse as refuseWith, sameValue } from '../hooks/recordRules'
import { inRequest } from '../db/transaction'
import { writeStudyHours } from '../ledger/write'
import { ancestors, descendants } from '../organizations/tree'
import { activeOfBranch, committeeStaffOf } from '../meetings/queries'
import { yearOf } from '../study/pace'
import type { Training } from '../payload-types'
import { namesOf } from './queries'
import { checkRecord, RECORD_FIELDS, sourceOf, transition, type Refusal, type TrainingActor, type TrainingStatus } from './rules'
import { shanghaiDay } from '../dates'

type User = NonNullable<PayloadRequest['user']>

const refuse = (r: Refusal): never => refuseWith('trainings', r)

const orgOf = (user: User) => {
  const id = idOf(user.organization)
  return id === null ? null : Number(id)
}

/** The secretary of the record's branch records; committee staff of an organisation above it review. */
export const actorOn = async (req: PayloadRequest, branch: number | null): Promise<TrainingActor | null> => {
  const user = req.user
  if (!user || branch === null) return null
  const own = orgOf(user)
  if (own === branch && hasRole(user, 'branchSecretary')) return 'recorder'
  if (own !== null && own !== branch && hasRole(user, 'partyCommittee') && (await ancestors(req.payload, branch)).includes(own))
    return 'reviewer'
  return null
}

/** Who sees a record: its branch's secretary, committee staff above it, and the members it credits. */
export const readTrainings = async ({ req }: { req: PayloadRequest }): Promise<boolean | Where> => {
  const user = req.user
  if (!user || user.active === false) return false
  const or: Where[] = [{ attendees: { contains: user.id } }]
  const own = orgOf(user)
  if (own !== null && hasRole(user, 'branchSecretary')) or.push({ organization: { equals: own } })
  if (own !== null && hasRole(user, 'partyCommittee'))
    or.push({ organization: { in: (await descendants(req.payload, own)).filter((id) => id !== own) } })
  return { or }
}

/** Who may save changes: the branch's secretary and committee staff above it (the hook decides which change). */
export const updateTrainings = async ({ req }: { req: PayloadRequest }): Promise<boolean | Where> => {
  const user = req.user
  if (!user || user.active === false) return false
  const own = orgOf(user)
  if (own === null) return false
  const or: Where[] = []
  if (hasRole(user, 'branchSecretary')) or.push({ organization: { equals: own } })
  if (hasRole(user, 'partyCommittee')) or.push({ organization: { in: (await descendants(req.payload, own)).filter((id) => id !== own) } })
  return or.length ? { or } : false
}

/** Only a branch secretary records, for their own branch. */
export const createTrainings = ({ req }: { req: PayloadRequest }) =>
  !!req.user && hasRole(req.user, 'branchSecretary') && orgOf(req.user) !== null

/** A record not yet confirmed may be withdrawn by its branch; a confirmed one stays (its 学时 are on the ledger). */
export const deleteTrainings = ({ req }: { req: PayloadRequest }): boolean | Where => {
  const user = req.user
  if (!user || !hasRole(user, 'branchSecretary') || orgOf(user) === null) return false
  return { and: [{ organization: { equals: orgOf(user) } }, { status: { in: ['draft', 'returned'] } }] }
}

const same = sameValue

/** Attendees must be active people of the branch on the day the record is saved. */
const checkAttendees = async (req: PayloadRequest, branch: number, attendees: unknown[]) => {
  // Checked integers: an array of them is the statement's int[] parameter.
  const ids = [...new Set(attendees.map((a) => Number(idOf(a))))]
  if (ids.some((id) => !Number.isInteger(id) || id <= 0)) refuse({ status: 400, field: 'attendees', message: '参加人员有误，请重新选择' })
  const rows = await activeOfBranch(inRequest(req), ids, branch)
  const found = new Set(rows.map((r) => Number(r.id)))
  const missing = ids.filter((id) => !found.has(id))
  if (missing.length)
    refuse({ status: 400, field: 'attendees', message: `只能为本支部在册的党员登记学时：编号 ${missing.join('、')} 不是本支部的在册人员` })
  return ids
}

/**
 * Create: the branch and recorder come from the secretary; the record starts as a draft or is
 * submitted at once. Update: the rules in src/training/rules.ts decide who may change what; the
 * reviewer's decision is stamped with who and when.
 */
export const guardTraining: CollectionBeforeChangeHook<Training> = async ({ data, operation, originalDoc, req }) => {
  const user = req.user
  if (!user) return refuse({ status: 403, message: '请先登录' })
  const now = new Date()
  if (operation === 'create') {
    const branch = orgOf(user)
    if (branch === null || !hasRole(user, 'branchSecretary'))
      return refuse({ status: 403, message: '只有党支部书记可以为本支部登记培训学时' })
    const status = (data.status ?? 'draft') as TrainingStatus
    if (status !== 'draft' && status !== 'submitted')
      refuse({ status: 403, field: 'status', message: '新登记的培训记录只能保存为草稿或提交确认' })
    if (data.year == null && data.date) data.year = yearOf(new Date(String(data.date)))
    const bad = checkRecord(data, yearOf, now)
    if (bad) refuse(bad)
    data.attendees = await checkAttendees(req, branch, data.attendees ?? [])
    return { ...data, organization: branch, recordedBy: Number(user.id), status, returnReason: null, reviewedBy: null, reviewedAt: null }
  }
  const before = originalDoc as Training
  const branch = Number(idOf(before.organization)) || null
  const actor = await actorOn(req, branch)
  if (!actor) return refuse({ status: 403, message: '无权修改这条培训记录' })
  const from = before.status as TrainingStatus
  const to = (data.status ?? from) as TrainingStatus
  const changed = RECORD_FIELDS.filter((f) => f in data && !same(data[f], before[f]))
  if (from === 'confirmed') refuse({ status: 400, message: '已确认的培训记录已计入学时，不能再修改；如有错误请联系院级党委' })
  if (actor === 'reviewer' && changed.length)
    refuse({ status: 403, message: '院级党委只确认或退回培训记录，不修改其内容；有误请退回支部修改' })
  if (actor === 'recorder' && from === 'submitted' && changed.length)
    refuse({ status: 400, message: '已提交待确认的记录不能修改；如需修改，请先撤回为草稿' })
  if (actor === 'recorder' && 'returnReason' in data && !same(data.returnReason, before.returnReason))
    refuse({ status: 403, field: 'returnReason', message: '退回理由由院级党委填写' })
  const step = to === from && actor === 'recorder' ? null : transition(actor, from, to, data.returnReason)
  if (step) refuse(step)
  const merged = { ...before, ...data }
  if (data.year == null && changed.includes('date')) merged.year = yearOf(new Date(String(merged.date)))
  const bad = checkRecord(merged, yearOf, now)
  if (bad) refuse(bad)
  if (changed.includes('attendees') || to === 'submitted' || to === 'confirmed')
    merged.attendees = await checkAttendees(req, branch!, merged.attendees ?? [])
  if (actor === 'reviewer')
    return {
      ...data,
      status: to,
      reviewedBy: Number(user.id),
      reviewedAt: now.toISOString(),
      returnReason: to === 'returned' ? String(data.returnReason).trim() : before.returnReason,
    }
  // The recorder resubmits: the earlier return's reason stays for the record until the next decision.
  return { ...data, year: merged.year, attendees: merged.attendees, organization: branch, recordedBy: idOf(before.recordedBy) as number }
}

/**
 * Who hears of a record, in the save's transaction: committee staff of the college above the branch
 * when it is submitted (the university's when the college has none), the recorder when it is
 * confirmed or returned.
 */
const tell = async (req: PayloadRequest, doc: Training, previous: TrainingStatus | undefined) => {
  if (doc.status === previous) return
  const branch = Number(idOf(doc.organization))
  const day = shanghaiDay(new Date())
  const note = (recipient: number, kind: 'trainingSubmitted' | 'trainingDecided', title: string, body: string, link: string) =>
    req.payload.create({
      collection: 'notifications',
      overrideAccess: true,
      req,
      depth: 0,
      data: {
        recipient,
        kind,
        title,
        body,
        link,
        organization: branch,
        conditionKey: `training:${doc.id}:${doc.status}:${doc.updatedAt}`,
        day,
      },
    })
  const what = `${doc.title}（${Number(doc.hours)} 学时 × ${(doc.attendees ?? []).length} 人）`
  if (doc.status === 'submitted') {
    const chain = (await ancestors(req.payload, branch)).slice(1)
    for (const org of chain) {
      const staff = await committeeStaffOf(inRequest(req), org)
      if (!staff.length) continue
      for (const id of staff) await note(id, 'trainingSubmitted', '有培训登记待确认', what, `/admin/collections/trainings/${doc.id}`)
      return
    }
    return
  }
  const recorder = Number(idOf(doc.recordedBy))
  if (!recorder || (doc.status !== 'confirmed' && doc.status !== 'returned')) return
  if (doc.status === 'confirmed')
    await note(recorder, 'trainingDecided', '培训登记已确认，学时已计入', what, `/admin/collections/trainings/${doc.id}`)
  else
    await note(
      recorder,
      'trainingDecided',
      '培训登记被退回，请修改后重新提交',
      `${what}\n退回理由：${doc.returnReason ?? ''}`,
      `/admin/collections/trainings/${doc.id}`,
    )
}

/**
 * Confirmation credits each attendee's 学时 on the ledger, in the same transaction as the decision;
 * the people concerned are told (tell, above).
 */
export const creditTraining: CollectionAfterChangeHook<Training> = async ({ doc, previousDoc, operation, req }) => {
  await tell(req, doc, operation === 'create' ? undefined : (previousDoc?.status as TrainingStatus | undefined))
  if (operation !== 'update' || doc.status !== 'confirmed' || previousDoc?.status === 'confirmed') return doc
  const attendees = (doc.attendees ?? []).map((a) => Number(idOf(a)))
  await writeStudyHours(
    req.payload,
    req,
    attendees.map((member) => ({
      member,
      source: sourceOf(doc.kind),
      organization: Number(idOf(doc.organization)) || null,
      countsOn: new Date(doc.date),
      year: Number(doc.year),
      hours: Number(doc.hours),
      evidence: { collection: 'trainings', id: Number(doc.id) },
      title: doc.title,
    })),
  )
  return doc
}

/**
 * 参加人员名单 as names, for whoever may read the record: the college
 * committee deciding on it may not read the people of a branch (src/access/readUsers.ts), yet must
 * see who it credits. Read when shown, never stored.
 */
export const attendeeRoster: FieldHook<Training> = async ({ data, req }) => {
  const ids = (data?.attendees ?? []).map((a) => Number(idOf(a))).filter((id) => Number.isInteger(id) && id > 0)
  if (!ids.length) return ''
  // Names only: staff and student numbers are shown masked to everyone but the person and sysAdmin.
  return (await namesOf(inRequest(req), ids)).join('、')
}
