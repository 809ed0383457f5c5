import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, PayloadRequest, Where } from 'payload'

import { idOf } from '../access/roles'
import { inRequest } from '../db/transaction'
import { writeStudyHours } from '../ledger/write'
import type { MeetingMinute } from '../payload-types'
import { isSecretaryOf, lifeSettings, orgOf, reviewedOrgs } from './access'
import { keeperOf, meetingRow, type MeetingRow } from './attendance'
import { refuse } from './hooks'
import { attendanceMarks, meetingTypesAndYear, minutesVersions, partyMemberIds } from './queries'
import { creditFor, tally, type MeetingType } from './rules'

const C = 'meeting-minutes'

const confirmedVersions = (req: PayloadRequest, meeting: number) => minutesVersions(inRequest(req), meeting)

/**
 * 纪要: the recorder (or the secretary) drafts; the secretary confirms, and the version is then locked.
 * A correction after confirmation is a new version with its reason; earlier versions stay as they
 * were. The first confirmation closes the meeting: it stores 应到/实到/请假, marks the meeting
 * recorded (its attendance locked) and credits the attendees' 学时, in one transaction.
 */
export const guardMinutes: CollectionBeforeChangeHook<MeetingMinute> = async ({ data, operation, originalDoc, req }) => {
  const user = req.user
  if (!user) return refuse(C, { status: 403, message: '请先登录' })
  const before = operation === 'update' ? (originalDoc as MeetingMinute) : null
  const meetingId = Number(idOf(before ? before.meeting : data.meeting))
  if (before && data.meeting !== undefined && Number(idOf(data.meeting)) !== meetingId)
    refuse(C, { status: 400, field: 'meeting', message: '纪要所属会议不能更改' })
  const m = meetingId ? await meetingRow(req, meetingId) : null
  if (!m) return refuse(C, { status: 400, field: 'meeting', message: '请选择会议' })
  const keeper = keeperOf(user, m)
  if (!keeper) return refuse(C, { status: 403, message: '纪要由会议记录人起草、支部书记确认' })
  if (before?.status === 'confirmed')
    refuse(C, { status: 400, message: '纪要已确认并锁定；如需更正，请新建更正版本并写明更正理由，原版本保留' })
  if (m.status !== 'approved' && m.status !== 'recorded')
    refuse(C, { status: 400, field: 'meeting', message: '只有计划已批准的会议才能记录纪要' })
  const now = new Date()
  if (now.getTime() < m.startsAt.getTime()) refuse(C, { status: 400, field: 'meeting', message: '会议开始后才能记录纪要' })
  const status = (data.status ?? before?.status ?? 'draft') as MeetingMinute['status']
  if (status === 'confirmed' && keeper !== 'secretary') refuse(C, { status: 403, field: 'status', message: '纪要由支部书记确认' })
  const summary = String(data.summary ?? before?.summary ?? '').trim()
  if (!summary) refuse(C, { status: 400, field: 'summary', message: '请填写会议内容和发言摘要' })
  for (const [i, r] of (data.resolutions ?? before?.resolutions ?? []).entries()) {
    const n = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v))
    const counts = [n(r.votesFor), n(r.votesAgainst), n(r.abstentions)]
    if (counts.some((c) => c !== null && (!Number.isInteger(c) || c < 0)))
      refuse(C, { status: 400, field: `resolutions.${i}.votesFor`, message: '票数须是不小于 0 的整数' })
  }
  const versions = await confirmedVersions(req, meetingId)
  const version = before ? before.version : (versions.at(-1)?.version ?? 0) + 1
  const hasConfirmed = versions.some((v) => v.status === 'confirmed' && v.version !== version)
  if (!before && versions.some((v) => v.status === 'draft'))
    refuse(C, { status: 409, message: '这次会议已有一份未确认的纪要草稿，请在草稿上修改' })
  const reason = String(data.correctionReason ?? before?.correctionReason ?? '').trim()
  if (hasConfirmed && !reason) refuse(C, { status: 400, field: 'correctionReason', message: '纪要已确认过，更正版本须写明更正理由' })
  return {
    ...data,
    meeting: meetingId,
    organization: m.organization,
    version,
    status,
    summary,
    correctionReason: hasConfirmed ? reason : null,
    draftedBy: before ? idOf(before.draftedBy) : Number(user.id),
    ...(status === 'confirmed'
      ? { confirmedBy: Number(user.id), confirmedAt: now.toISOString() }
      : { confirmedBy: null, confirmedAt: null }),
  } as typeof data
}

/** 应到 as the branch's Party members on confirmation, less approved exclusions; then 实到 and 请假. */
export const meetingTally = async (req: PayloadRequest, m: MeetingRow) => {
  const people = await partyMemberIds(inRequest(req), m.organization)
  const marks = (await attendanceMarks(inRequest(req), m.id)).map((r) => ({ member: Number(r.member_id), status: r.status }))
  return {
    ...tally(people, marks),
    marks,
  }
}

export const confirmMinutes: CollectionAfterChangeHook<MeetingMinute> = async ({ doc, previousDoc, operation, req }) => {
  if (doc.status !== 'confirmed' || (operation === 'update' && previousDoc?.status === 'confirmed')) return doc
  const m = await meetingRow(req, Number(idOf(doc.meeting)))
  if (!m || m.status === 'recorded') return doc
  const rows = await meetingTypesAndYear(inRequest(req), m.id)
  const types = rows.map((r) => r.type).filter((t): t is MeetingType => t !== null)
  const year = Number(rows[0]?.year)
  const settings = await lifeSettings(req.payload, req)
  const hours = creditFor((m.endsAt.getTime() - m.startsAt.getTime()) / 60_000, types, settings.credit)
  const t = await meetingTally(req, m)
  await req.payload.update({
    collection: 'meetings',
    id: m.id,
    req,
    overrideAccess: true,
    depth: 0,
    context: { meetingRecorded: true },
    data: { status: 'recorded', expectedCount: t.expected, presentCount: t.present, leaveCount: t.leave, creditHours: hours },
  })
  // Present members only: an absence or leave never credits. Applicants of the branch who attended are credited too (their study counts).
  const present = t.marks.filter((r) => r.status === 'present').map((r) => r.member)
  if (hours > 0 && present.length)
    await writeStudyHours(
      req.payload,
      req,
      present.map((member) => ({
        member,
        source: 'organizationLife',
        organization: m.organization,
        countsOn: m.startsAt,
        year,
        hours,
        evidence: { collection: 'meetings', id: m.id },
        title: m.topic,
      })),
    )
  return doc
}

export const readMinutes = async ({ req }: { req: PayloadRequest }): Promise<boolean | Where> => {
  const user = req.user
  if (!user || user.active === false) return false
  const own = orgOf(user)
  const or: Where[] = [{ 'meeting.recorder': { equals: user.id } }]
  if (own !== null) or.push({ and: [{ organization: { equals: own } }, { status: { equals: 'confirmed' } }] })
  if (isSecretaryOf(user, own)) or.push({ organization: { equals: own } })
  const below = await reviewedOrgs(req.payload, user)
  if (below.length) or.push({ and: [{ organization: { in: below } }, { status: { equals: 'confirmed' } }] })
  return { or }
}

export const writeMinutes = ({ req }: { req: PayloadRequest }): boolean | Where => {
  const user = req.user
  if (!user || user.active === false) return false
  const own = orgOf(user)
  const or: Where[] = [{ 'meeting.recorder': { equals: user.id } }]
  if (isSecretaryOf(user, own)) or.push({ organization: { equals: own } })
  return { or }
}
export const createMinutes = ({ req }: { req: PayloadRequest }) => !!req.user && req.user.active !== false
export const deleteMinutes = ({ req }: { req: PayloadRequest }): boolean | Where => {
  const w = writeMinutes({ req })
  return w === false ? false : { and: [w as Where, { status: { equals: 'draft' } }] }
}
