import { rebuildRollupsSql } from '../cockpit/rollups'
import { lessonText } from './derive'
import { readableLength, readingSeconds, type StudyRules } from './length'

/** Runs one SQL text (no parameters) and returns its rows: the migration's transaction or a pool. */
export type Sql = (text: string) => Promise<Array<Record<string, unknown>>>

/** Replay constants as the heartbeat path has them (src/study/heartbeat.ts: gap, 1.5×; src/study/length.ts: tolerance). */
const MAX_GAP = 60
const CAP_FACTOR = 1.5
const TOLERANCE = 5

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`

/**
 * Re-derives study records from the event log under the current rule (issue 13: 学时 equal real
 * study). Each member's events (all members', or the given ones') are fed again, in the order they
 * were recorded, through `study_credit_beats` with the items' real lengths and 学时 as they are now:
 * credited seconds, accepted positions, completions and 学时 come out as the new rule gives them.
 * Event times, beat ids, client positions and organisations are kept; lesson-quiz passes are kept
 * (a lesson waiting for its quiz completes at the first beat after both hold); course completions
 * are rebuilt from their lessons, and so are the cockpit rollups. Points already awarded stay.
 * The repair a later rule change needs (tests/int/study.test.ts runs it); migration
 * 20261203_144338_study_real_length runs a frozen copy of it as it stood then
 * (src/migrations/snapshots/20261203_study_real_length.ts), so this one may follow the live rules.
 */
export const replayStudyLog = async (run: Sql, rules: StudyRules, memberIds?: number[], rebuildSql = rebuildRollupsSql) => {
  const only = memberIds ? `member_id = ANY(ARRAY[${memberIds.map(Number).join(',') || 'NULL'}]::int[])` : 'member_id IS NOT NULL'
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
