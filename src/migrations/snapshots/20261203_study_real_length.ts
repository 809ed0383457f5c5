import { open } from 'fs/promises'

import { parseFile } from 'music-metadata'

/**
 * FROZEN COPY of the application code that migration 20261203_144338_study_real_length ran when it
 * was written (commit 2dde547; the live files have since been reformatted, typed and given caches,
 * change notices and a rollup parameter, none of which changed what the migration computes):
 *   src/study/length.ts       StudyRules, studyRulesOf, readableLength, readingSeconds, MIN_READ_SECONDS
 *   src/content/lexical.ts    lexicalToPlainText
 *   src/media/mp4Duration.ts  mp4MovieSeconds (reading a file on disk only)
 *   src/study/derive.ts       mediaDurationSeconds (a file on disk only), lessonText, rederiveLessonsSql
 *   src/study/replay.ts       replayStudyLog (every member; the rollups' rebuild passed in by the migration)
 * Only what the migration uses is kept: no Payload hooks, no rules cache, no change notices.
 * A migration must keep doing what it did when it was written: never edit this file to follow the
 * live code. A later change of these rules is a new migration with its own snapshot.
 */

// ---- src/study/length.ts ----------------------------------------------------------------------

/** The numbers 平台设置 keeps, with their defaults. */
export type StudyRules = {
  /** Minutes of study that make one 学时: one 课时 of 45 minutes. */
  minutesPerCreditHour: number
  /** Study-reading speed of Chinese text, characters a minute. */
  readingCharsPerMinute: number
  /** Share of an item's real length that must be credited before it counts as complete. */
  completionShare: number
}

const DEFAULT_READING_CHARS_PER_MINUTE = 300
const DEFAULT_MINUTES_PER_CREDIT_HOUR = 45
const DEFAULT_COMPLETION_SHARE = 0.9

/** The shortest reading time any text is given, so a title alone is not "read" in two seconds. */
const MIN_READ_SECONDS = 30

/** Rules from a settings document, falling back to the defaults for missing or nonsensical values. */
export const studyRulesOf = (settings: Partial<Record<keyof StudyRules, unknown>> | null | undefined): StudyRules => {
  const num = (v: unknown, d: number, ok: (n: number) => boolean) => (typeof v === 'number' && Number.isFinite(v) && ok(v) ? v : d)
  return {
    minutesPerCreditHour: num(settings?.minutesPerCreditHour, DEFAULT_MINUTES_PER_CREDIT_HOUR, (n) => n > 0),
    readingCharsPerMinute: num(settings?.readingCharsPerMinute, DEFAULT_READING_CHARS_PER_MINUTE, (n) => n > 0),
    completionShare: num(settings?.completionShare, DEFAULT_COMPLETION_SHARE, (n) => n > 0 && n <= 1),
  }
}

/** Characters that are read: every character but white space (Chinese has no spaces between words). */
export const readableLength = (text: string) => Array.from(text.replace(/\s+/g, '')).length

/** An article's real length in seconds: its readable characters at the study-reading speed. */
const readingSeconds = (chars: number, charsPerMinute = DEFAULT_READING_CHARS_PER_MINUTE) =>
  Math.max(MIN_READ_SECONDS, Math.round((chars / charsPerMinute) * 60))

// ---- src/content/lexical.ts -------------------------------------------------------------------

type LexicalNode = { type?: string; text?: string; children?: LexicalNode[] }
type LexicalValue = { root?: LexicalNode } | null | undefined

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'listitem', 'list'])

/** The plain text of a Lexical value, one line per block. */
const lexicalToPlainText = (value: unknown): string => {
  const root = (value as LexicalValue)?.root
  if (!root) return typeof value === 'string' ? value : ''
  const out: string[] = []
  const visit = (node: LexicalNode) => {
    if (typeof node.text === 'string') out.push(node.text)
    for (const child of node.children ?? []) visit(child)
    if (node.type && BLOCK_TYPES.has(node.type) && node.type !== 'list') out.push('\n')
  }
  visit(root)
  return out
    .join('')
    .replace(/\n{2,}/g, '\n')
    .trim()
}

// ---- src/media/mp4Duration.ts -----------------------------------------------------------------

/**
 * The length of an MP4 (ISO BMFF) movie from its movie header (`moov/mvhd`: duration ÷ timescale),
 * reading box headers only. Null when there is no usable header (e.g. a fragmented file).
 */
const mp4MovieSeconds = async (filePath: string): Promise<number | null> => {
  const handle = await open(filePath, 'r')
  try {
    const size = (await handle.stat()).size
    const read = async (offset: number, length: number): Promise<Buffer> => {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)))
      await handle.read(buf, 0, buf.length, offset)
      return buf
    }
    const scan = async (start: number, end: number, want: string): Promise<{ start: number; size: number } | null> => {
      let o = start
      while (o + 8 <= end) {
        const head = await read(o, 16)
        if (head.length < 8) return null
        let boxSize = head.readUInt32BE(0)
        const header = boxSize === 1 ? 16 : 8
        if (boxSize === 1) boxSize = Number(head.readBigUInt64BE(8))
        if (boxSize === 0) boxSize = end - o
        if (boxSize < header) return null
        if (head.toString('latin1', 4, 8) === want) return { start: o + header, size: boxSize - header }
        o += boxSize
      }
      return null
    }
    const moov = await scan(0, size, 'moov')
    if (!moov) return null
    const mvhd = await scan(moov.start, moov.start + moov.size, 'mvhd')
    if (!mvhd) return null
    const body = await read(mvhd.start, 32)
    const version = body[0]
    const timescale = version === 1 ? body.readUInt32BE(20) : body.readUInt32BE(12)
    const duration = version === 1 ? Number(body.readBigUInt64BE(24)) : body.readUInt32BE(16)
    if (!timescale || !duration || duration === 0xffffffff) return null
    return duration / timescale
  } catch {
    return null
  } finally {
    await handle.close()
  }
}

// ---- src/study/derive.ts ----------------------------------------------------------------------

/**
 * The real duration of an audio or video file on disk in seconds, or null when it has none (or is
 * missing): an MP4's movie header first, else music-metadata, MP3 scanned frame by frame.
 */
export const mediaDurationSeconds = async (filePath: string): Promise<number | null> => {
  try {
    const movie = await mp4MovieSeconds(filePath)
    if (movie && movie > 0) return Math.round(movie * 1000) / 1000
    const meta = await parseFile(filePath, { duration: true, skipCovers: true })
    const d = meta.format.duration
    return typeof d === 'number' && Number.isFinite(d) && d > 0 ? Math.round(d * 1000) / 1000 : null
  } catch {
    return null
  }
}

/** A lesson's readable text: title, summary and body (or a media lesson's transcript). */
export const lessonText = (doc: { title?: unknown; summary?: unknown; body?: unknown }) =>
  `${doc.title ?? ''}${doc.summary ?? ''}${lexicalToPlainText(doc.body)}`

/**
 * Re-derives every lesson's length and 学时 (published rows and every version) from the stored file
 * durations and text lengths under the given rules.
 */
export const rederiveLessonsSql = (rules: StudyRules) => {
  const per = (prefix: string, table: string) => `
    UPDATE ${table} l SET ${prefix}duration_seconds = CASE
        WHEN l.${prefix}kind::text = 'article' THEN GREATEST(${MIN_READ_SECONDS}, round(coalesce(l.${prefix}text_length, 0) * 60.0 / ${rules.readingCharsPerMinute}))
        ELSE coalesce((SELECT m.duration_seconds FROM media m WHERE m.id = l.${prefix}media_id), 0) END;
    UPDATE ${table} l SET
      ${prefix}duration_minutes = CASE WHEN l.${prefix}duration_seconds > 0 THEN GREATEST(1, round(l.${prefix}duration_seconds / 60.0)) ELSE 0 END,
      ${prefix}credit_hours = CASE WHEN l.${prefix}duration_seconds > 0 THEN round(l.${prefix}duration_seconds / 60.0 / ${rules.minutesPerCreditHour}, 2) ELSE 0 END;`
  return per('', 'micro_lessons') + per('version_', '_micro_lessons_v')
}

// ---- src/study/replay.ts ----------------------------------------------------------------------

/** Runs one SQL text (no parameters) and returns its rows: the migration's transaction. */
type Sql = (text: string) => Promise<Array<Record<string, unknown>>>

/** Replay constants as the heartbeat path had them (gap 60 s, 1.5× the length, 5 s position tolerance). */
const MAX_GAP = 60
const CAP_FACTOR = 1.5
const TOLERANCE = 5

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`

/**
 * Re-derives study records from the event log under the new rule. Every member's events are fed
 * again, in the order they were recorded, through `study_credit_beats` with the items' real lengths
 * and 学时 as they are now. Event times, beat ids, client positions and organisations are kept;
 * lesson-quiz passes are kept; course completions are rebuilt from their lessons, then the cockpit
 * rollups with `rebuildSql` (the migration's own rebuild). Points already awarded stay.
 */
export const replayStudyLog = async (run: Sql, rules: StudyRules, rebuildSql: string) => {
  const only = 'member_id IS NOT NULL'
  type Meta = { kind: string; durationSeconds: number; creditHours: number; quizRequired: boolean }
  const meta = new Map<string, Meta>()
  for (const l of await run(`SELECT l.id, l.kind::text AS kind, l.duration_seconds, l.credit_hours, coalesce(q.required_to_complete, false) AS quiz_required
                               FROM micro_lessons l LEFT JOIN quizzes q ON q.id = l.quiz_id`)) {
    meta.set(`micro-lessons:${l.id}`, {
      kind: String(l.kind),
      durationSeconds: Number(l.duration_seconds ?? 0),
      creditHours: Number(l.credit_hours ?? 0),
      quizRequired: Boolean(l.quiz_required),
    })
  }
  for (const [coll, table] of [
    ['red-resources', 'red_resources'],
    ['news', 'news'],
  ] as const) {
    for (const d of await run(`SELECT id, title, summary, body FROM ${table}`)) {
      meta.set(`${coll}:${d.id}`, {
        kind: 'article',
        durationSeconds: readingSeconds(readableLength(lessonText(d)), rules.readingCharsPerMinute),
        creditHours: 0,
        quizRequired: false,
      })
    }
  }
  const events =
    await run(`SELECT member_id, organization_id, item_collection::text AS coll, item_id, kind::text AS ev, client_position, beat_id, created_at
                              FROM study_events WHERE ${only} ORDER BY member_id, created_at, id`)
  if (events.length) {
    await run(`
      CREATE TEMP TABLE replay_quiz ON COMMIT DROP AS
        SELECT member_id, organization_id, item_collection, item_id, quiz_passed_at FROM study_progress WHERE quiz_passed_at IS NOT NULL AND item_collection <> 'courses' AND ${only};
      DELETE FROM study_events WHERE ${only};
      DELETE FROM study_progress WHERE ${only};
      DELETE FROM study_sessions WHERE ${only};
      INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, quiz_passed_at, created_at, updated_at)
        SELECT member_id, organization_id, item_collection, item_id, quiz_passed_at, quiz_passed_at, quiz_passed_at FROM replay_quiz;`)
    const none: Meta = { kind: 'article', durationSeconds: 0, creditHours: 0, quizRequired: false }
    for (let i = 0; i < events.length; i += 2000) {
      const beats = events.slice(i, i + 2000).map((e, idx) => {
        const m = meta.get(`${e.coll}:${Number(e.item_id)}`) ?? none
        const position = Number(e.client_position ?? 0)
        return {
          idx,
          replay: true,
          memberId: Number(e.member_id),
          organizationId: e.organization_id ?? null,
          sid: null,
          collection: e.coll,
          itemId: Number(e.item_id),
          event: e.ev,
          position,
          beatId: e.beat_id,
          scrolledToEnd: m.kind === 'article' && e.ev === 'complete' && position >= 0.99,
          at: new Date(e.created_at as string).toISOString(),
          ...m,
        }
      })
      await run(
        `SELECT count(*) FROM study_credit_beats(${lit(JSON.stringify(beats))}::jsonb, ${MAX_GAP}, ${CAP_FACTOR}, ${rules.completionShare}, ${rules.minutesPerCreditHour}, ${TOLERANCE})`,
      )
    }
    // A course is complete when all its lessons are (at the last one's completion).
    await run(`
      INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, seconds_credited, position, percent, completed_at, hours_credited, created_at, updated_at)
      SELECT p.member_id, (SELECT organization_id FROM users WHERE id = p.member_id), 'courses', c.id, 0, 0, 100, max(p.completed_at), 0, max(p.completed_at), max(p.completed_at)
        FROM courses c JOIN courses_rels r ON r.parent_id = c.id AND r.path = 'lessons'
        JOIN study_progress p ON p.item_collection = 'micro-lessons' AND p.item_id = r.micro_lessons_id AND p.completed_at IS NOT NULL AND p.${only}
       WHERE c._status = 'published'
       GROUP BY p.member_id, c.id
      HAVING count(DISTINCT r.micro_lessons_id) = (SELECT count(DISTINCT r2.micro_lessons_id) FROM courses_rels r2 WHERE r2.parent_id = c.id AND r2.path = 'lessons')`)
  }
  await run(rebuildSql)
  return { events: events.length }
}
