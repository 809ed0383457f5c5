import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, PayloadRequest, Where } from 'payload'

import { idOf } from '../access/roles'
import { inRequest } from '../db/transaction'
import type { Meeting, MeetingAttendance } from '../payload-types'
import { isSecretaryOf, orgOf, reviewedOrgs } from './access'
import { refuse, secretariesOf } from './hooks'
import { isActiveIn, meetingKeys } from './queries'
import { ATTENDANCE_STATUS_LABELS, type AttendanceStatus } from './rules'
import { OPENS_BEFORE_MINUTES } from './signIn'
import { shanghaiDay } from '../dates'

type User = NonNullable<PayloadRequest['user']>
const C = 'meeting-attendance'

/** A meeting's keys, read in the request's transaction (or straight from the pool outside one). */
export const meetingRow = async (req: PayloadRequest, id: number) => {
  const r = await meetingKeys(inRequest(req), id)
  if (!r) return null
  return {
    id: Number(r.id),
    organization: r.organization_id === null ? null : Number(r.organization_id),
    recorder: r.recorder_id === null ? null : Number(r.recorder_id),
    status: String(r.status) as Meeting['status'],
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    topic: String(r.topic),
    orgName: String(r.org_name ?? ''),
  }
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof meetingRow>>>

/** The meeting's keepers: its branch's secretary and its recorder. */
export const keeperOf = (user: User, m: MeetingRow): 'secretary' | 'recorder' | null =>
  isSecretaryOf(user, m.organization) ? 'secretary' : m.recorder === Number(user.id) ? 'recorder' : null

export const inBranch = async (req: PayloadRequest, member: number, branch: number | null) => {
  if (branch === null) return false
  return isActiveIn(inRequest(req), member, branch)
}

export const lockedMessage = '会议纪要已确认，参会记录已锁定'

/**
 * A row of attendance. A member files their own leave request before the meeting starts; the
 * secretary approves or refuses it; the secretary or the recorder marks attendance by hand, always
 * with a reason (the QR sign-in, src/meetings/endpoints.ts, needs none); only the secretary leaves a
 * member out of 应到, naming the category and who approved it. Once the minutes are confirmed the
 * attendance is locked.
 */
export const guardAttendance: CollectionBeforeChangeHook<MeetingAttendance> = async ({ data, operation, originalDoc, req }) => {
  const user = req.user
  if (!user) return refuse(C, { status: 403, message: '请先登录' })
  const before = operation === 'update' ? (originalDoc as MeetingAttendance) : null
  const meetingId = Number(idOf(before ? before.meeting : data.meeting))
  const member = Number(idOf(before ? before.member : data.member))
  if (
    before &&
    ((data.meeting !== undefined && !(Number(idOf(data.meeting)) === meetingId)) ||
      (data.member !== undefined && Number(idOf(data.member)) !== member))
  )
    refuse(C, { status: 400, message: '参会记录的会议和人员不能更改' })
  const m = meetingId ? await meetingRow(req, meetingId) : null
  if (!m) return refuse(C, { status: 400, field: 'meeting', message: '请选择会议' })
  if (m.status === 'recorded') refuse(C, { status: 400, message: lockedMessage })
  if (m.status !== 'approved') refuse(C, { status: 400, field: 'meeting', message: '只有计划已批准的会议才能请假或登记参会' })
  if (!member) refuse(C, { status: 400, field: 'member', message: '请选择人员' })
  if (!(await inBranch(req, member, m.organization)))
    refuse(C, { status: 400, field: 'member', message: '只能登记本支部在册人员的参会情况；列席人员请写在会议的「列席人员」中' })
  const now = new Date()
  const status = (data.status ?? before?.status ?? 'present') as AttendanceStatus
  const reason = typeof data.reason === 'string' ? data.reason.trim() : (before?.reason ?? '').trim()
  const keeper = keeperOf(user, m)
  const self = member === Number(user.id)

  if (!keeper) {
    // A member acts only on their own leave request, before the meeting starts.
    if (!self) return refuse(C, { status: 403, message: '只能为自己请假' })
    if (status !== 'leaveRequested' || (before && before.status !== 'leaveRequested'))
      refuse(C, { status: 403, field: 'status', message: '党员只能提交请假申请；签到请扫描会场的签到二维码' })
    if (now.getTime() >= m.startsAt.getTime()) refuse(C, { status: 400, message: '会议已开始，不能再请假；请联系支部书记' })
    if (!reason) refuse(C, { status: 400, field: 'reason', message: '请填写请假理由' })
    return {
      ...data,
      meeting: meetingId,
      member,
      organization: m.organization,
      status,
      method: 'leave',
      reason,
      decidedBy: null,
      decidedAt: null,
      signedInAt: null,
      excuseKind: null,
    }
  }
  if (status === 'excused' && keeper !== 'secretary')
    refuse(C, { status: 403, field: 'status', message: '不计入应到须经上级党组织同意，由支部书记登记' })
  if (status === 'excused' && !data.excuseKind && !before?.excuseKind)
    refuse(C, { status: 400, field: 'excuseKind', message: '请选择不计入应到的情形' })
  if (status === 'excused' && !(data.excuseApproval ?? before?.excuseApproval))
    refuse(C, { status: 400, field: 'excuseApproval', message: '请填写批准情况（如：经院党委同意、支部党员大会决定，日期）' })
  if ((status === 'leave' || status === 'leaveRefused') && keeper !== 'secretary')
    refuse(C, { status: 403, field: 'status', message: '请假由支部书记批准' })
  if (status === 'leaveRequested' && !self)
    refuse(C, { status: 400, field: 'status', message: '请假申请由党员本人提交；代为登记请直接选「请假（已批准）」并写明理由' })
  if (status === 'present' && now.getTime() < m.startsAt.getTime() - OPENS_BEFORE_MINUTES * 60_000)
    refuse(C, { status: 400, field: 'status', message: '会议开始前不能登记为已到' })
  const decided = before?.status === 'leaveRequested' && (status === 'leave' || status === 'leaveRefused')
  if (!decided && !reason && status !== 'leaveRequested')
    refuse(C, { status: 400, field: 'reason', message: '手工登记参会情况须写明理由（如：手机没电，现场核实）' })
  const stamp = { decidedBy: Number(user.id), decidedAt: now.toISOString() }
  return {
    ...data,
    meeting: meetingId,
    member,
    organization: m.organization,
    status,
    reason: reason || null,
    method: decided ? 'leave' : status === 'leaveRequested' ? 'leave' : 'manual',
    signedInAt: status === 'present' ? (before?.signedInAt ?? now.toISOString()) : null,
    ...(status === 'leaveRequested' ? {} : stamp),
  }
}

/** The member hears the secretary's decision on their leave request; the secretary hears of a new one. */
export const tellAttendance: CollectionAfterChangeHook<MeetingAttendance> = async ({ doc, previousDoc, operation, req }) => {
  const before = operation === 'update' ? previousDoc?.status : undefined
  if (doc.status === before) return doc
  const m = await meetingRow(req, Number(idOf(doc.meeting)))
  if (!m) return doc
  const note = (recipient: number, title: string, body: string, link: string) =>
    req.payload.create({
      collection: 'notifications',
      overrideAccess: true,
      req,
      depth: 0,
      data: {
        recipient,
        kind: 'meetingLeave',
        title,
        body,
        link,
        organization: m.organization,
        conditionKey: `leave:${doc.id}:${doc.status}`,
        day: shanghaiDay(new Date()),
      },
    })
  if (doc.status === 'leaveRequested')
    for (const s of await secretariesOf(req, m.organization!))
      await note(s, '有党员请假待批准', `${m.topic}：${doc.reason ?? ''}`, `/meetings/${m.id}`)
  if (before === 'leaveRequested' && (doc.status === 'leave' || doc.status === 'leaveRefused'))
    await note(
      Number(idOf(doc.member)),
      doc.status === 'leave' ? '请假已批准' : '请假未批准，请按时参加',
      `${m.topic}（${ATTENDANCE_STATUS_LABELS[doc.status].zh}）`,
      `/meetings/${m.id}`,
    )
  return doc
}

export const readAttendance = async ({ req }: { req: PayloadRequest }): Promise<boolean | Where> => {
  const user = req.user
  if (!user || user.active === false) return false
  const own = orgOf(user)
  const or: Where[] = [{ member: { equals: user.id } }, { 'meeting.recorder': { equals: user.id } }]
  if (isSecretaryOf(user, own)) or.push({ organization: { equals: own } })
  const below = await reviewedOrgs(req.payload, user)
  if (below.length) or.push({ organization: { in: below } })
  return { or }
}

/** Anyone signed in may file (the hook decides what and for whom); the keepers update; nobody else. */
export const createAttendance = ({ req }: { req: PayloadRequest }) => !!req.user && req.user.active !== false
export const updateAttendance = ({ req }: { req: PayloadRequest }): boolean | Where => {
  const user = req.user
  if (!user || user.active === false) return false
  const own = orgOf(user)
  const or: Where[] = [
    { 'meeting.recorder': { equals: user.id } },
    { and: [{ member: { equals: user.id } }, { status: { equals: 'leaveRequested' } }] },
  ]
  if (isSecretaryOf(user, own)) or.push({ organization: { equals: own } })
  return { or }
}
/** A member withdraws their own pending leave request; the secretary removes a mistaken row; both only before the record is confirmed. */
export const deleteAttendance = ({ req }: { req: PayloadRequest }): boolean | Where => {
  const user = req.user
  if (!user || user.active === false) return false
  const own = orgOf(user)
  const or: Where[] = [{ and: [{ member: { equals: user.id } }, { status: { equals: 'leaveRequested' } }] }]
  if (isSecretaryOf(user, own)) or.push({ organization: { equals: own } })
  return { and: [{ or }, { 'meeting.status': { equals: 'approved' } }] }
}
