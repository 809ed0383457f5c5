import type { Payload, PayloadRequest, Where } from 'payload'

import { hasRole, idOf } from '../access/roles'
import { inRequest } from '../db/transaction'
import { ancestors, descendants } from '../organizations/tree'
import type { PlatformSetting } from '../payload-types'
import { meetingsInspectedBy } from './queries'
import { DEFAULT_FREQUENCIES, type CreditRule, type Frequencies } from './rules'
import { DEFAULT_MINUTES_PER_CREDIT_HOUR } from '../study/length'
import type { ViewerUser } from '../viewer'

/** The viewer's fields are all these read of a person (src/viewer). */
type User = ViewerUser

export const orgOf = (user: User | null | undefined) => {
  const id = user ? idOf(user.organization) : null
  return id === null || id === undefined ? null : Number(id)
}

/** Organisations below the user's own that their committee role reaches (never their own branch). */
export const reviewedOrgs = async (payload: Payload, user: User): Promise<number[]> => {
  const own = orgOf(user)
  if (own === null || !hasRole(user, 'partyCommittee')) return []
  return (await descendants(payload, own)).filter((id) => id !== own)
}

/** Whether the user is committee staff of an organisation above `branch` (they review its plans and read its records). */
export const reviewsBranch = async (payload: Payload, user: User, branch: number | null) => {
  const own = orgOf(user)
  if (branch === null || own === null || own === branch || !hasRole(user, 'partyCommittee')) return false
  return (await ancestors(payload, branch)).includes(own)
}

export const isSecretaryOf = (user: User | null | undefined, branch: number | null) =>
  !!user && branch !== null && orgOf(user) === branch && hasRole(user, 'branchSecretary')

/**
 * Who sees a meeting: the people of its branch once the plan is approved (members see their
 * branch's meetings), its secretary and recorder always, the committees above once it is submitted.
 */
export const readMeetings = async ({ req }: { req: PayloadRequest }): Promise<boolean | Where> => {
  const user = req.user
  if (!user || user.active === false) return false
  const own = orgOf(user)
  const or: Where[] = [{ recorder: { equals: user.id } }]
  if (own !== null) or.push({ and: [{ organization: { equals: own } }, { status: { in: ['approved', 'recorded', 'cancelled'] } }] })
  if (isSecretaryOf(user, own)) or.push({ organization: { equals: own } })
  const below = await reviewedOrgs(req.payload, user)
  if (below.length) or.push({ and: [{ organization: { in: below } }, { status: { not_equals: 'draft' } }] })
  // An inspector drawn for a meeting (src/meetings/inspection.ts) reads it.
  const inspected = await meetingsInspectedBy(inRequest(req), Number(user.id))
  if (inspected.length) or.push({ id: { in: inspected } })
  return { or }
}

/** Who may save a meeting: its branch's secretary (the plan) and the committees above (the review); the hook decides which change. */
export const updateMeetings = async ({ req }: { req: PayloadRequest }): Promise<boolean | Where> => {
  const user = req.user
  if (!user || user.active === false) return false
  const own = orgOf(user)
  const or: Where[] = []
  if (isSecretaryOf(user, own)) or.push({ organization: { equals: own } })
  const below = await reviewedOrgs(req.payload, user)
  if (below.length) or.push({ and: [{ organization: { in: below } }, { status: { not_equals: 'draft' } }] })
  return or.length ? { or } : false
}

export const createMeetings = ({ req }: { req: PayloadRequest }) =>
  !!req.user && req.user.active !== false && isSecretaryOf(req.user, orgOf(req.user))

/** A plan not yet approved may be deleted by its branch; an approved one is cancelled instead, so the record stays. */
export const deleteMeetings = ({ req }: { req: PayloadRequest }): boolean | Where => {
  const user = req.user
  if (!user || !isSecretaryOf(user, orgOf(user))) return false
  return { and: [{ organization: { equals: orgOf(user) } }, { status: { in: ['draft', 'returned'] } }] }
}

export type LifeSettings = { frequencies: Frequencies; credit: CreditRule; signInCodeMinutes: number }

/** 平台设置 → 组织生活, with the defaults for a database seeded before the group existed. */
export const lifeSettings = async (payload: Payload, req?: Partial<PayloadRequest>): Promise<LifeSettings> => {
  const s = (await payload
    .findGlobal({ slug: 'platform-settings', depth: 0, overrideAccess: true, req })
    .catch(() => null)) as PlatformSetting | null
  const o = s?.organizationLife
  const n = (v: number | null | undefined, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d)
  return {
    frequencies: {
      generalMeetingPerQuarter: n(o?.generalMeetingPerQuarter, DEFAULT_FREQUENCIES.generalMeetingPerQuarter),
      committeeMeetingPerMonth: n(o?.committeeMeetingPerMonth, DEFAULT_FREQUENCIES.committeeMeetingPerMonth),
      groupMeetingPerMonth: n(o?.groupMeetingPerMonth, DEFAULT_FREQUENCIES.groupMeetingPerMonth),
      partyLecturePerQuarter: n(o?.partyLecturePerQuarter, DEFAULT_FREQUENCIES.partyLecturePerQuarter),
      themeDayPerMonth: n(o?.themeDayPerMonth, DEFAULT_FREQUENCIES.themeDayPerMonth),
      lifeMeetingPerYear: n(o?.lifeMeetingPerYear, DEFAULT_FREQUENCIES.lifeMeetingPerYear),
    },
    credit: {
      mode: o?.creditMode === 'hourly' ? 'hourly' : 'studyMinutes',
      types: o?.creditTypes === 'all' ? 'all' : 'studyTypes',
      minutesPerCreditHour: n(s?.minutesPerCreditHour, DEFAULT_MINUTES_PER_CREDIT_HOUR),
    },
    signInCodeMinutes: n(o?.signInCodeMinutes, 2),
  }
}
