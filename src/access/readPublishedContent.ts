import type { Access } from 'payload'

import { audienceWhere } from './audience'
import { hasRole } from './roles'

/** Those who write and review content see every item, drafts and items in review included. */
export const CONTENT_STAFF = ['propagandaEditor', 'courseCurator', 'reviewer'] as const

/**
 * Members read only published items, and only those whose audience includes them; anonymous
 * visitors read published items of public collections (news, red resources) and nothing else.
 */
export const readPublishedContent =
  ({ anonymous, audience }: { anonymous: boolean; audience: boolean }): Access =>
  async ({ req }) => {
    const { user } = req
    if (hasRole(user, ...CONTENT_STAFF)) return true
    const published = { _status: { equals: 'published' } }
    if (!user || (user as { active?: boolean }).active === false) return anonymous ? published : false
    if (!audience) return published
    return { and: [published, await audienceWhere(req)] }
  }
