import { randomInt } from 'crypto'
import type { CollectionBeforeChangeHook, PayloadRequest, Where } from 'payload'

import { hasRole, idOf } from '../access/roles'
import { inRequest } from '../db/transaction'
import { refuse } from '../hooks/recordRules'
import { HttpError } from '../http/errors'
import { jsonOf } from '../http/input'
import { defineRoute } from '../http/route'
import type { Inspector, MeetingInspection } from '../payload-types'
import { isSecretaryOf, orgOf, reviewedOrgs } from './access'
import { meetingRow } from './attendance'
import { inspectorPool, isActivePerson, meetingsToInspect } from './queries'
import { shanghaiDay } from '../dates'

/**
 * 督查 (issue 16 §5): a college or Party committee keeps a pool of inspectors (collection
 * `inspectors`); POST /api/meeting-inspections/draw picks one at random for each upcoming approved
 * meeting of the branches below the committee that has none — never someone of the meeting's own
 * branch —, and tells them. The inspector attends and files a short assessment (on time,
 * attendance, content, procedure; comments); the branch's secretary reads it; the record rolls
 * the year's results up per branch (src/meetings/record.ts).
 */
export const RATINGS = ['good', 'fair', 'poor'] as const
export type Rating = (typeof RATINGS)[number]
export const RATING_LABELS: Record<Rating, { zh: string; en: string }> = {
  good: { zh: '好', en: 'Good' },
  fair: { zh: '一般', en: 'Fair' },
  poor: { zh: '差', en: 'Poor' },
}
export const ASPECTS = ['onTime', 'attendance', 'content', 'procedure'] as const
export const ASPECT_LABELS: Record<(typeof ASPECTS)[number], string> = {
  onTime: '按时召开',
  attendance: '参会情况',
  content: '会议内容',
  procedure: '程序规范',
}

/** How far ahead a draw looks by default (days). */
export const DRAW_DAYS = 14

/** Pool entries: committee staff manage their own organisation's pool. */
export const poolAccess = ({ req }: { req: PayloadRequest }): boolean | Where => {
  const user = req.user
  if (!user || user.active === false || !hasRole(user, 'partyCommittee') || orgOf(user) === null) return false
  return { organization: { equals: orgOf(user) } }
}
export const createPool = ({ req }: { req: PayloadRequest }) =>
  !!req.user && req.user.active !== false && hasRole(req.user, 'partyCommittee') && orgOf(req.user) !== null

export const guardPool: CollectionBeforeChangeHook<Inspector> = async ({ data, req, operation, originalDoc }) => {
  const person = Number(idOf(data.person ?? originalDoc?.person))
  if (!(person && (await isActivePerson(inRequest(req), person))))
    refuse('inspectors', { status: 400, field: 'person', message: '请选择在册人员作为督查员' })
  return { ...data, organization: operation === 'create' ? orgOf(req.user) : idOf(originalDoc?.organization) }
}

/** The inspector, the committee above the branch, and the branch's secretary once filed. */
export const readInspections = async ({ req }: { req: PayloadRequest }): Promise<boolean | Where> => {
  const user = req.user
  if (!user || user.active === false) return false
  const or: Where[] = [{ inspector: { equals: user.id } }]
  const own = orgOf(user)
  if (isSecretaryOf(user, own)) or.push({ and: [{ organization: { equals: own } }, { status: { equals: 'filed' } }] })
  const below = await reviewedOrgs(req.payload, user)
  if (below.length) or.push({ organization: { in: below } })
  return { or }
}
/** Only the inspector files; a filed assessment is final (the hook checks what and when). */
export const updateInspections = ({ req }: { req: PayloadRequest }): boolean | Where =>
  !!req.user && req.user.active !== false ? { and: [{ inspector: { equals: req.user.id } }, { status: { equals: 'assigned' } }] } : false
/** The committee withdraws an assignment not yet filed. */
export const deleteInspections = async ({ req }: { req: PayloadRequest }): Promise<boolean | Where> => {
  const below = req.user ? await reviewedOrgs(req.payload, req.user) : []
  return below.length ? { and: [{ organization: { in: below } }, { status: { equals: 'assigned' } }] } : false
}

/** Assignments are made by the draw only; the inspector files the four ratings and comments after the start. */
export const guardInspection: CollectionBeforeChangeHook<MeetingInspection> = async ({ data, operation, originalDoc, req }) => {
  if (operation === 'create') {
    if (!req.context?.inspectionDraw) return refuse('meeting-inspections', { status: 403, message: '督查员由院级党委从督查员库随机抽取' })
    return data
  }
  const before = originalDoc as MeetingInspection
  if (before.status === 'filed') refuse('meeting-inspections', { status: 400, message: '督查意见已提交，不能修改' })
  for (const k of ['meeting', 'inspector', 'organization', 'drawnBy'] as const)
    if (k in data && Number(idOf(data[k])) !== Number(idOf(before[k])))
      refuse('meeting-inspections', { status: 403, message: '督查安排由院级党委抽取，不能更改' })
  const m = await meetingRow(req, Number(idOf(before.meeting)))
  if (!m || m.startsAt.getTime() > Date.now()) refuse('meeting-inspections', { status: 400, message: '会议开始后才能填写督查意见' })
  const merged = { ...before, ...data }
  for (const a of ASPECTS)
    if (!RATINGS.includes(merged[a] as Rating))
      refuse('meeting-inspections', { status: 400, field: a, message: `请评价「${ASPECT_LABELS[a]}」` })
  return { ...data, status: 'filed', filedAt: new Date().toISOString() }
}

const DRAW_REFUSAL = '督查员由院级或校级党委的组织员抽取'

/**
 * POST /api/meeting-inspections/draw {days?} → for each approved meeting of the branches below the
 * committee that has not ended, starts within `days` and has no inspector yet: one inspector drawn
 * uniformly (crypto.randomInt) from the committee's pool, leaving out the meeting's own branch. The
 * answer lists what was drawn and what could not be (nobody eligible).
 */
export const drawRoute = defineRoute({
  method: 'post',
  path: '/meeting-inspections/draw',
  collection: 'meeting-inspections',
  callers: ['partyCommittee'],
  refusal: DRAW_REFUSAL,
  handler: async (req, { text }) => {
    const user = req.user!
    const below = await reviewedOrgs(req.payload, user)
    // Committee staff with no organisation below their own: the same refusal.
    if (!below.length) throw new HttpError(403, DRAW_REFUSAL)
    // No body, or not JSON: the default.
    const given = (jsonOf(await text()) ?? {}) as { days?: unknown }
    const days = given.days === undefined ? DRAW_DAYS : Number(given.days)
    if (!Number.isInteger(days) || days < 1 || days > 90) throw new HttpError(400, 'days 须是 1 到 90 之间的整数（向后看多少天）')
    const pool = await inspectorPool(inRequest(req), orgOf(user))
    if (!pool.length) throw new HttpError(400, '督查员库是空的：请先在「督查员库」中添加督查员')
    const meetings = await meetingsToInspect(inRequest(req), below, days)
    const drawn: Array<{ meeting: number; topic: string; inspector: string }> = []
    const skipped: Array<{ meeting: number; topic: string; reason: string }> = []
    for (const m of meetings) {
      const eligible = pool.filter((p) => Number(p.organization_id) !== Number(m.organization_id))
      if (!eligible.length) {
        skipped.push({ meeting: Number(m.id), topic: String(m.topic), reason: '督查员库中没有本支部以外的人员' })
        continue
      }
      const pick = eligible[randomInt(eligible.length)]
      await req.payload.create({
        collection: 'meeting-inspections',
        req,
        overrideAccess: true,
        depth: 0,
        context: { inspectionDraw: true },
        data: {
          meeting: Number(m.id),
          inspector: Number(pick.id),
          organization: Number(m.organization_id),
          drawnBy: Number(user.id),
          status: 'assigned',
        },
      })
      await req.payload.create({
        collection: 'notifications',
        req,
        overrideAccess: true,
        depth: 0,
        data: {
          recipient: Number(pick.id),
          kind: 'meetingPlan',
          title: '你被抽取为组织生活督查员',
          body: `${m.topic}（${shanghaiDay(new Date(m.starts_at))}）：请按时列席并填写督查意见`,
          link: `/meetings/${m.id}`,
          organization: Number(m.organization_id),
          conditionKey: `inspection:${m.id}`,
          day: shanghaiDay(new Date()),
        },
      })
      drawn.push({ meeting: Number(m.id), topic: String(m.topic), inspector: String(pick.name) })
    }
    return {
      json: {
        message: `抽取督查员 ${drawn.length} 次${skipped.length ? `，${skipped.length} 次会议没有可抽取的督查员` : ''}`,
        drawn,
        skipped,
      },
    }
  },
})
