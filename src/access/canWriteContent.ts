import type { Access } from 'payload'

import { REVIEW_TRANSITION } from '../workflow/config'
import { hasRole, type Role } from './roles'

/** Authors of this kind of content create it. */
export const canCreateContent =
  (authorRole: Role): Access =>
  ({ req: { user } }) =>
    hasRole(user, authorRole)

/**
 * Authors edit (and delete) their own items; the review service, acting for a reviewer, writes
 * the workflow fields. Publishing through a plain update is refused: only the final approval
 * publishes (the hook in src/workflow/hooks.ts refuses it for every caller, this hides the button).
 */
export const canEditOwnContent =
  (authorRole: Role): Access =>
  ({ req, data }) => {
    const { user } = req
    if (req.context?.[REVIEW_TRANSITION]) return hasRole(user, authorRole, 'reviewer')
    if (!hasRole(user, authorRole)) return false
    if ((data as { _status?: string } | undefined)?._status === 'published') return false
    return { createdBy: { equals: user!.id } }
  }
