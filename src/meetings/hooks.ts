import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { idOf } from '../access/roles'
import { refuse, sameValue } from '../hooks/recordRules'
import { inRequest } from '../db/transaction'
import { ancestors } from '../organizations/tree'
import { yearOf } from '../study/pace'
import type { Meeting } from '../payload-types'
import { isSecretaryOf, orgOf, reviewsBranch } from './access'
import { activePersonOrg, committeeStaffOf, hasCommittee as orgHasCommittee, secretaryIdsOf } from './queries'
import { checkPlan, MEETING_TYPE_LABELS, PLAN_FIELDS, planTransition, type MeetingStatus, type MeetingType } from './rules'
import { shanghaiDay } from '../dates'

export { refuse }
const same = sameValue

const hasCommittee = (req: PayloadRequest, branch: number) => orgHasCommittee(inRequest(req), branch)

/**
 * Chair and recorder: people of the branch. The 党课 speaker may come from elsewhere (a Party
 * committee secretary or a leading cadre lectures to branches other than their own), but must be an
 * active person.
 */
const checkPeople = async (req: PayloadRequest, branch: number, data: Partial<Meeting>) => {
  for (const field of ['chair', 'recorder', 'speaker'] as const) {
    const id = Number(idOf(data[field]))
    if (!id) continue
    const person = await activePersonOrg(inRequest(req), id)
    if (!person || (field !== 'speaker' && Number(person.organization_id) !== branch))
      refuse('meetings', {
        status: 400,
        field,
        message: field === 'speaker' ? '授课人须是在册人员' : `${{ chair: '主持人', recorder: '记录人' }[field]}须是本支部在册人员`,
      })
  }
}

/**
 * Create: the branch and status come from the secretary (a draft or submitted at once). Update: the
 * secretary edits the plan until it is approved and moves it along; committee staff above approve or
 * return it; an approved plan's fields are fixed; a recorded meeting is locked.
 */
export const guardMeeting: CollectionBeforeChangeHook<Meeting> = async ({ data, operation, originalDoc, req }) => {
  const user = req.user
  if (!user) return refuse('meetings', { status: 403, message: '请先登录' })
  const now = new Date()
  if (operation === 'create') {
    const branch = orgOf(user)
    if (!isSecretaryOf(user, branch)) return refuse('meetings', { status: 403, message: '组织生活计划由党支部书记填报' })
    const status = (data.status ?? 'draft') as MeetingStatus
    if (status !== 'draft' && status !== 'submitted')
      refuse('meetings', { status: 403, field: 'status', message: '新计划只能保存为草稿或报院级党委审核' })
    if (data.year == null && data.startsAt) data.year = yearOf(new Date(String(data.startsAt)))
    const bad = checkPlan(data, yearOf, await hasCommittee(req, branch!))
    if (bad) refuse('meetings', bad)
    await checkPeople(req, branch!, data)
    return {
      ...data,
      organization: branch,
      status,
      returnReason: null,
      reviewedBy: null,
      reviewedAt: null,
      expectedCount: null,
      presentCount: null,
      leaveCount: null,
      creditHours: null,
    }
  }
  const before = originalDoc as Meeting
  const branch = Number(idOf(before.organization)) || null
  const actor = isSecretaryOf(user, branch) ? 'branch' : (await reviewsBranch(req.payload, user, branch)) ? 'reviewer' : null
  if (!actor) return refuse('meetings', { status: 403, message: '无权修改这次组织生活' })
  // The counts and status 'recorded' are written by confirming the minutes (src/meetings/minutes.ts), in its transaction.
  if (req.context?.meetingRecorded) return data
  const from = before.status as MeetingStatus
  const to = (data.status ?? from) as MeetingStatus
  const changed = PLAN_FIELDS.filter((f) => f in data && !same(data[f], before[f]))
  if (from === 'recorded')
    refuse('meetings', { status: 400, message: '会议纪要已确认，记录已锁定；如需更正，请新建纪要更正版本并写明理由' })
  if (actor === 'reviewer' && changed.length)
    refuse('meetings', { status: 403, message: '院级党委只批准或退回计划，不修改其内容；有误请退回支部修改' })
  if (actor === 'branch' && changed.length && (from === 'approved' || from === 'submitted' || from === 'cancelled'))
    refuse('meetings', {
      status: 400,
      message: from === 'submitted' ? '计划已报审，如需修改请先撤回为草稿' : '已批准的计划不能修改；会议有变动请取消后重新报审',
    })
  if (actor === 'branch' && 'returnReason' in data && !same(data.returnReason, before.returnReason))
    refuse('meetings', { status: 403, field: 'returnReason', message: '退回理由由院级党委填写' })
  const step = planTransition(actor, from, to, data.returnReason)
  if (step) refuse('meetings', step)
  const merged = { ...before, ...data }
  if (data.year == null && changed.includes('startsAt')) merged.year = yearOf(new Date(String(merged.startsAt)))
  if (changed.length || to === 'submitted') {
    const bad = checkPlan(merged, yearOf, await hasCommittee(req, branch!))
    if (bad) refuse('meetings', bad)
    await checkPeople(req, branch!, merged)
  }
  if (actor === 'reviewer')
    return {
      ...data,
      status: to,
      reviewedBy: Number(user.id),
      reviewedAt: now.toISOString(),
      returnReason: to === 'returned' ? String(data.returnReason).trim() : before.returnReason,
    }
  return { ...data, year: merged.year, organization: branch }
}

export const typesText = (types: readonly string[] | null | undefined) =>
  (types ?? []).map((t) => MEETING_TYPE_LABELS[t as MeetingType]?.zh ?? t).join('、')

/** Committee staff of the first organisation above the branch that has any. */
export const committeeAbove = async (req: PayloadRequest, branch: number): Promise<number[]> => {
  for (const org of (await ancestors(req.payload, branch)).slice(1)) {
    const staff = await committeeStaffOf(inRequest(req), org)
    if (staff.length) return staff
  }
  return []
}

export const secretariesOf = (req: PayloadRequest, branch: number): Promise<number[]> => secretaryIdsOf(inRequest(req), branch)

/** Who hears of a plan, in the save's transaction: the committee above when it is submitted, the secretaries when it is decided. */
export const tellMeeting: CollectionAfterChangeHook<Meeting> = async ({ doc, previousDoc, operation, req }) => {
  const previous = operation === 'create' ? undefined : previousDoc?.status
  if (doc.status === previous || req.context?.meetingRecorded) return doc
  const branch = Number(idOf(doc.organization))
  const what = `${typesText(doc.types)}：${doc.topic}`
  const link = `/admin/collections/meetings/${doc.id}`
  const note = (recipient: number, title: string, body: string) =>
    req.payload.create({
      collection: 'notifications',
      overrideAccess: true,
      req,
      depth: 0,
      data: {
        recipient,
        kind: 'meetingPlan',
        title,
        body,
        link,
        organization: branch,
        conditionKey: `meeting:${doc.id}:${doc.status}:${doc.updatedAt}`,
        day: shanghaiDay(new Date()),
      },
    })
  if (doc.status === 'submitted') for (const r of await committeeAbove(req, branch)) await note(r, '有组织生活计划待审核', what)
  if (doc.status === 'approved') for (const r of await secretariesOf(req, branch)) await note(r, '组织生活计划已批准', what)
  if (doc.status === 'returned')
    for (const r of await secretariesOf(req, branch))
      await note(r, '组织生活计划被退回，请修改后重新报审', `${what}\n退回理由：${doc.returnReason ?? ''}`)
  return doc
}
