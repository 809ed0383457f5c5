import { rebuildRollupsSql } from '../cockpit/queries'
import { lessonText } from './derive'
import { readableLength, readingSeconds, type StudyRules } from './length'
import { completeCoursesOfLessons, replayArticles, replayBeats, replayEvents, replayLessons, resetForReplay, type Sql } from './queries'

export type { Sql } from './queries'

/** Replay constants as the heartbeat path has them (src/study/heartbeat.ts: gap, 1.5×; src/study/length.ts: tolerance). */
const MAX_GAP = 60
const CAP_FACTOR = 1.5
const TOLERANCE = 5

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
  type Meta = { kind: string; durationSeconds: number; creditHours: number; quizRequired: boolean }
  const meta = new Map<string, Meta>()
  for (const l of await replayLessons(run)) {
    meta.set(`micro-lessons:${l.id}`, {
      kind: l.kind,
      durationSeconds: l.duration_seconds,
      creditHours: l.credit_hours,
      quizRequired: l.quiz_required,
    })
  }
  for (const [coll, table] of [
    ['red-resources', 'red_resources'],
    ['news', 'news'],
  ] as const) {
    for (const d of await replayArticles(run, table)) {
      meta.set(`${coll}:${d.id}`, {
        kind: 'article',
        durationSeconds: readingSeconds(readableLength(lessonText(d)), rules.readingCharsPerMinute),
        creditHours: 0,
        quizRequired: false,
      })
    }
  }
  const events = await replayEvents(run, memberIds)
  if (events.length) {
    await resetForReplay(run, memberIds)
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
          at: new Date(e.created_at).toISOString(),
          ...m,
        }
      })
      await replayBeats(run, beats, {
        maxGapSeconds: MAX_GAP,
        capFactor: CAP_FACTOR,
        completionShare: rules.completionShare,
        minutesPerCreditHour: rules.minutesPerCreditHour,
        toleranceSeconds: TOLERANCE,
      })
    }
    // A course is complete when all its lessons are (at the last one's completion).
    await completeCoursesOfLessons(run, memberIds)
  }
  await run(rebuildSql)
  return { events: events.length }
}
