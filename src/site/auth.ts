import config from '@payload-config'
import { redirect } from 'next/navigation'
import { executeAuthStrategies, getPayload, type Payload } from 'payload'

import { rolesOf } from '@/access/roles'
import type { Member } from '@/study/read'

import { safeNextPath } from '../http/safeNext'

import { perRequest, requestHeaders } from './request'

/** The Payload instance for server components (one per process; `getPayload` caches it). */
export const getSitePayload = async (): Promise<Payload> => getPayload({ config })

/**
 * The signed-in person of this request, from the session cookie, or null. Cached per request, so
 * the layout and the page share one lookup. A disabled account counts as signed out.
 */
export const getSiteUser = perRequest(async (): Promise<Member | null> => {
  const payload = await getSitePayload()
  // The auth strategies alone: `payload.auth()` would also compute the admin's permission map
  // (about 9 SQL statements and 10 ms of CPU per page), which the site never reads.
  const { user } = await executeAuthStrategies({ headers: await requestHeaders(), payload })
  if (!user || (user as { active?: boolean | null }).active === false) return null
  return user as Member
})

/** Only a path on this site may follow sign-in (URL-parsed, same origin): src/http/safeNext.ts. */
export { safeNextPath }

/** The signed-in person, or a redirect to `/login?next=<here>`; pages pass their own path. */
export const requireUser = async (next: string): Promise<Member> => {
  const user = await getSiteUser()
  if (!user) redirect(`/login?next=${encodeURIComponent(safeNextPath(next))}`)
  return user
}

/** Staff (anyone with a role besides 党员/学员) also get a link to the admin. */
export const isStaff = (user: Member | null): boolean => rolesOf(user).some((r) => r !== 'member')

/** The person's display name. */
export const nameOf = (user: Member | null): string => (user as { name?: string } | null)?.name ?? ''
