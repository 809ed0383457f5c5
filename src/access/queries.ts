import type { Queryable } from '../db/transaction'

/**
 * Every SQL statement of 访问控制 (src/access), each a typed function on what it runs on: a
 * transaction (`tx` from `transact`), the request's transaction or the pool (`inRequest(req)`), or
 * the pool (`poolOf(payload)`) — the caller chooses, as it did when the SQL was written inline.
 */

/** Media ids of upload nodes in the Lexical body of published rows (the value is an id, or a populated object). */
const bodyUploads = (table: 'news' | 'red_resources' | 'micro_lessons') =>
  `CASE WHEN jsonb_typeof(u.v) = 'object' THEN (u.v->>'id')::int ELSE (u.v#>>'{}')::int END
    FROM ${table} t,
         LATERAL jsonb_path_query(t.body::jsonb, 'strict $.**?(@.type == "upload" && @.relationTo == "media").value') AS u(v)
    WHERE t._status = 'published' AND t.body IS NOT NULL AND (jsonb_typeof(u.v) = 'object' OR (u.v#>>'{}') ~ '^[0-9]{1,9}$')`

/**
 * The ids of the media files published content uses (cover, lesson video or audio, attachment, an
 * image in the body): of the public collections (news, red resources), or of all of them. Unordered,
 * with repeats possible.
 */
export const publishedMediaIds = async (db: Queryable, collections: 'public' | 'all'): Promise<number[]> =>
  (
    await db.query<{ id: number }>(`
  SELECT cover_id AS id FROM news WHERE _status = 'published' AND cover_id IS NOT NULL
  UNION SELECT cover_id FROM red_resources WHERE _status = 'published' AND cover_id IS NOT NULL
  UNION SELECT r.media_id FROM red_resources_rels r JOIN red_resources p ON p.id = r.parent_id
         WHERE p._status = 'published' AND r.media_id IS NOT NULL
  UNION SELECT ${bodyUploads('news')}
  UNION SELECT ${bodyUploads('red_resources')}
  ${
    collections === 'all'
      ? `UNION SELECT cover_id FROM courses WHERE _status = 'published' AND cover_id IS NOT NULL
  UNION SELECT cover_id FROM micro_lessons WHERE _status = 'published' AND cover_id IS NOT NULL
  UNION SELECT media_id FROM micro_lessons WHERE _status = 'published' AND media_id IS NOT NULL
  UNION SELECT ${bodyUploads('micro_lessons')}`
      : ''
  }`)
  ).rows.map((r) => Number(r.id))
