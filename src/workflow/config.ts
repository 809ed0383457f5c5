import type { Role } from '../access/roles'
import { CONTENT_KIND_SLUGS, CONTENT_KINDS, type ContentKind } from '../content/kinds'

/** Every content kind (src/content/kinds.ts) goes through the three-level review (三审). */
export const REVIEWED_COLLECTIONS: readonly ContentKind[] = CONTENT_KIND_SLUGS
export type ReviewedCollection = ContentKind

const byKind = <T>(f: (k: ContentKind) => T) => Object.fromEntries(CONTENT_KIND_SLUGS.map((k) => [k, f(k)])) as Record<ContentKind, T>

/** Who writes each kind. */
export const AUTHOR_ROLE: Record<ReviewedCollection, Role> = byKind((k) => CONTENT_KINDS[k].author)

export const COLLECTION_LABELS: Record<ReviewedCollection, string> = byKind((k) => CONTENT_KINDS[k].label)

/** Fields whose text the sensitive-word check reads before submission. */
export const CHECKED_FIELDS = ['title', 'summary', 'body'] as const

/** Set in `req.context` by the review service (and the seed): the only writers of workflow fields. */
export const REVIEW_TRANSITION = 'reviewTransition'

export { isContentKind as isReviewedCollection } from '../content/kinds'

/** Where members read each kind of item on the site. */
export const SITE_PATHS: Record<ReviewedCollection, string> = byKind((k) => CONTENT_KINDS[k].path)

/** The member page of an item, and the staff-only preview of its latest draft there. */
export const sitePath = (collection: ReviewedCollection, id: number | string) => `${SITE_PATHS[collection]}/${id}`
export const previewPath = (collection: ReviewedCollection, id: number | string) => `/preview?collection=${collection}&id=${id}`
