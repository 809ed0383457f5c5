import type { Access, PayloadRequest, Where } from 'payload'

import { inRequest } from '../db/transaction'
import { publishedMediaIds } from './queries'
import { CONTENT_STAFF } from './readPublishedContent'
import { hasRole } from './roles'

/**
 * 媒体库 read access (the list, each document and `/api/media/file/…`, which Payload checks against
 * the same rule). Content staff (editors, curators, reviewers) see every file. Everyone else sees
 * only files that published content uses — as cover, lesson video/audio, attachment or an image in
 * the body — and of that content only what they may read: visitors the public collections (news,
 * red resources), signed-in people all published content. A file of a draft, an item in review
 * or a withdrawn item is not listed and not served to them.
 *
 * The published state is the main table's (Payload keeps the live version there while a revision
 * is reviewed). One query per request (remembered on the request: a page populating many covers
 * asks once).
 */
const remembered = new WeakMap<object, Promise<number[]>>()

const visibleIds = (req: PayloadRequest, collections: 'public' | 'all'): Promise<number[]> => {
  const key = req as object
  let ids = remembered.get(key)
  if (!ids) {
    ids = publishedMediaIds(inRequest(req), collections).then((found) => [...new Set(found.filter((n) => Number.isInteger(n) && n > 0))])
    remembered.set(key, ids)
  }
  return ids
}

export const readMedia: Access = async ({ req }) => {
  if (hasRole(req.user, ...CONTENT_STAFF)) return true
  const signedIn = Boolean(req.user && (req.user as { active?: boolean }).active !== false)
  const ids = await visibleIds(req, signedIn ? 'all' : 'public')
  return { id: { in: ids.length ? ids : [0] } } as Where
}
