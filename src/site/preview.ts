import { draftMode } from 'next/headers'

import { CONTENT_STAFF } from '../access/readPublishedContent'
import { hasRole } from '../access/roles'
import type { Member } from '../study/read'

/**
 * Whether this request shows drafts: the browser asked for a preview (GET /preview turned on Next's
 * draft mode) and the person is content staff. A draft-mode cookie alone shows nobody a draft.
 */
export const previewingDrafts = async (user: Member | null): Promise<boolean> => {
  if (!user || !hasRole(user, ...CONTENT_STAFF)) return false
  try {
    return (await draftMode()).isEnabled
  } catch {
    // Outside a request (build-time rendering): never a preview.
    return false
  }
}
