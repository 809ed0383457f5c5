import type { Payload, PayloadRequest } from 'payload'

import type { User } from '../payload-types'
import { poolOf } from '../db/pool'
import { ancestors } from '../organizations/tree'
import { fastUser } from '../study/auth'
import { viewerRow } from './queries'

/**
 * The signed-in person as every fast path sees them, read in one query: roles, political stage,
 * organisation and its chain up to the university, followed themes, and whether the session is
 * still open. The app server's fast paths (search, recommendations, cockpit) and the study check
 * read it here instead of loading the whole user document through Payload; the chain comes from
 * the one organisation tree (src/organizations/tree.ts).
 */
export type Viewer = {
  id: number
  /** The display name (the member site's header and greeting). */
  name: string
  roles: NonNullable<User['roles']>
  stage: NonNullable<User['politicalStage']>
  organizationId: number | null
  /** The organisation, then its parent, … up to the university. */
  orgChain: number[]
  interests: number[]
  active: boolean
}

/** The viewer with this id; with a session id, only while that session is open. Null otherwise. */
export const viewerById = async (payload: Payload, id: number, sid?: string): Promise<Viewer | null> => {
  const u = await viewerRow(poolOf(payload), id, sid ?? null)
  if (!u) return null
  const orgChain = await ancestors(payload, u.organization_id)
  return {
    id: u.id,
    name: u.name,
    roles: u.roles,
    stage: u.political_stage ?? 'masses',
    organizationId: u.organization_id,
    orgChain,
    interests: u.interests,
    active: u.active !== false,
  }
}

/** The viewer behind a request's token (Payload's JWT check, cached) and open session; null for a visitor. */
export const viewerOf = async (payload: Payload, headers: Pick<Headers, 'get'>): Promise<Viewer | null> => {
  const token = await fastUser(payload, headers)
  return token ? viewerById(payload, token.id, token.sid) : null
}

/**
 * What Payload's access functions and hooks read of a user (src/access: roles, stage, organisation,
 * active), with the organisation chain in the request context so the audience rule does not walk
 * the tree again (src/access/audience.ts). The one place a viewer becomes a Payload user.
 */
export const asRequest = (payload: Payload, viewer: Viewer | null): Pick<PayloadRequest, 'user' | 'payload' | 'context'> => {
  if (!viewer) return { user: null, payload, context: {} }
  return { user: asPayloadUser(asUser(viewer)), payload, context: { orgChain: viewer.orgChain } }
}

/**
 * A person as access code, hooks and the member site read them: what the viewer holds, shaped as
 * the user document. A whole user document (Payload's req.user) is one too.
 */
export type ViewerUser = Pick<User, 'id' | 'name' | 'roles' | 'politicalStage' | 'organization' | 'active' | 'interests'> & {
  collection: 'users'
}

export const asUser = (viewer: Viewer): ViewerUser => ({
  id: viewer.id,
  collection: 'users',
  name: viewer.name,
  roles: viewer.roles,
  politicalStage: viewer.stage,
  organization: viewer.organizationId,
  active: viewer.active,
  interests: viewer.interests,
})

/** Payload types req.user as the whole document; access code and hooks read only ViewerUser's fields. */
export function asPayloadUser(user: ViewerUser): NonNullable<PayloadRequest['user']>
export function asPayloadUser(user: ViewerUser | null): PayloadRequest['user']
export function asPayloadUser(user: ViewerUser | null): PayloadRequest['user'] {
  return user as PayloadRequest['user']
}

/**
 * A viewer known only by a verified token (the heartbeat's fast path, `viewer: 'token'` in the
 * route table): the id alone. Roles, organisation and whether the account and session are still
 * active are not read here; a route reading only the token must check them in its own query
 * (study_credit_beats does, with the beat).
 */
export const tokenViewer = (id: number): Viewer => ({
  id,
  name: '',
  roles: [],
  stage: 'masses',
  organizationId: null,
  orgChain: [],
  interests: [],
  active: true,
})
