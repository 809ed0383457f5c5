import type { Payload } from 'payload'

import { hasRole } from '../../access/roles'
import { TIME_ZONE } from '../../study/pace'
import type { Member } from '../../study/read'
import { ScopeError, scopeOf, type Scope } from '../scope'
import { asPayloadUser } from '../../viewer'
import { poolOf } from '../../db/pool'
import { unreadCount } from '../../warnings/queries'

/** Server helpers for the member site's 支部, 学习档案 and 消息 pages. */

export const COCKPIT_ROLES = ['branchSecretary', 'partyCommittee'] as const

export const mayUseCockpit = (user: Member | null): boolean => hasRole(user, ...COCKPIT_ROLES)

/** The viewer's scope (optionally narrowed), or the Chinese reason they have none. */
export const siteScope = async (
  payload: Payload,
  user: Member,
  narrowTo?: number,
): Promise<{ scope: Scope } | { error: string; status: number }> => {
  try {
    return { scope: await scopeOf({ payload, user: asPayloadUser(user) }, narrowTo) }
  } catch (error) {
    if (error instanceof ScopeError) return { error: error.message, status: error.status }
    throw error
  }
}

/** How many of the person's notifications are unread: their own only (one plain statement on every page). */
export const unreadNotifications = async (payload: Payload, user: Member): Promise<number> => unreadCount(poolOf(payload), Number(user.id))

// Made once: a formatter costs a few tenths of a millisecond to make (src/study/pace.ts).
const monthFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, month: 'numeric' })
/** This month (1–12) in the platform's time zone: later months of this year have no data yet. */
export const currentMonth = (now = new Date()): number => Number(monthFormat.format(now))
