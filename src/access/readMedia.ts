import type { Access, PayloadRequest, Where } from 'payload'

import { executeInRequest, sql } from '../db/transaction'
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
const publicIds = (collections: 'public' | 'all') => sql`
  SELECT cover_id AS id FROM news WHERE _status = 'published' AND cover_id IS NOT NULL
  UNION SELECT cover_id FROM red_resources WHERE _status = 'published' AND cover_id IS NOT NULL
  UNION SELECT r.media_id FROM red_resources_rels r JOIN red_resources p ON p.id = r.parent_id
         WHERE p._status = 'published' AND r.media_id IS NOT NULL
  UNION SELECT ${bodyUploads('news')}
  UNION SELECT ${bodyUploads('red_resources')}
  ${
    collections === 'all'
      ? sql`UNION SELECT cover_id FROM courses WHERE _status = 'published' AND cover_id IS NOT NULL
  UNION SELECT cover_id FROM micro_lessons WHERE _status = 'published' AND cover_id IS NOT NULL
  UNION SELECT media_id FROM micro_lessons WHERE _status = 'published' AND media_id IS NOT NULL
  UNION SELECT ${bodyUploads('micro_lessons')}`
      : sql``
  }`

/** Media ids of upload nodes in the Lexical body of published rows (the value is an id, or a populated object). */
function bodyUploads(table: 'news' | 'red_resources' | 'micro_lessons') {
  return sql`CASE WHEN jsonb_typeof(u.v) = 'object' THEN (u.v->>'id')::int ELSE (u.v#>>'{}')::int END
    FROM ${sql.raw(table)} t,
         LATERAL jsonb_path_query(t.body::jsonb, 'strict $.**?(@.type == "upload" && @.relationTo == "media").value') AS u(v)
    WHERE t._status = 'published' AND t.body IS NOT NULL AND (jsonb_typeof(u.v) = 'object' OR (u.v#>>'{}') ~ '^[0-9]{1,9}$')`
}

const remembered = new WeakMap<object, Promise<number[]>>()

const visibleIds = (req: PayloadRequest, collections: 'public' | 'all'): Promise<number[]> => {
  const key = req as object
  let ids = remembered.get(key)
  if (!ids) {
    ids = executeInRequest(req.payload, req, publicIds(collections)).then(({ rows }) => [
      ...new Set(rows.map((r) => Number(r.id)).filter((n) => Number.isInteger(n) && n > 0)),
    ])
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
