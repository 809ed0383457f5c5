import config from '@payload-config'
import { redirect } from 'next/navigation'
import { getPayload, type Payload } from 'payload'

import { rolesOf } from '@/access/roles'
import type { Member } from '@/study/read'
import { asUser, viewerOf } from '@/viewer'

import { safeNextPath } from '../http/safeNext'

import { perRequest, requestHeaders } from './request'

/** The Payload instance for server components (one per process; `getPayload` caches it). */
export const getSitePayload = async (): Promise<Payload> => getPayload({ config })

/**
 * The signed-in person of this request, from the session token, or null. Cached per request, so
 * the layout and the page share one lookup. A disabled account or a closed session counts as
 * signed out. Read as the one viewer (src/viewer: Payload's JWT check, then one statement for the
 * person and the open session), not through Payload's auth strategies, which loaded the whole user
 * document on every page (its arrays and relationships through the query builder, and the phone
 * number decrypted).
 */
export const getSiteUser = perRequest(async (): Promise<Member | null> => {
  const viewer = await viewerOf(await getSitePayload(), await requestHeaders())
  return viewer?.active ? asUser(viewer) : null
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
