import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { COURSES } from '../../../seed/content/courses'
import { seedStudyHistory } from '../../../seed/history'
import { DEMO_ACCOUNTS, generatedPeople } from '../../../seed/people'
import { expectedHours, yearOf, yearStart } from '../../../src/study/pace'
import { yearHours } from '../../../src/study/read'
import { creditInvariantViolations } from '../../../src/study/invariant'
import { poolOf } from '../../../src/db/pool'
import type { PoliticalStage } from '../../../src/people/stages'
import { releasePayload, testPayload, type TestUser } from '../../helpers/payload'

/**
 * The seeded year of study history (seed/history.ts), as the global setup left it: the cockpit
 * needs members at zero, behind and on pace, seasonal peaks, and hours backed by heartbeats.
 *
 * The history runs from 1 December of last year up to yesterday, so what it can show depends on
 * the date: `npm test` runs this file at a pinned moment and again at 1 January, 29 February and
 * 31 December (scripts/testClock.ts). Claims about this year's spread need a few weeks of the year
 * behind them; the rest hold on any day.
 */
let payload: Payload
type Row = { id: number; email: string; stage: string; branch: string; hours: number; expected: number; capacity: number }
let rows: Row[] = []
const now = new Date()
const year = yearOf(now)
const DAY = 86_400_000
/** Whole days of this year that have passed (the history stops at yesterday). */
const daysPast = Math.floor((now.getTime() - yearStart(year).getTime()) / DAY)
/** A spread of this year's hours (behind, keeping up) needs a pace of a few hours to show. */
const yearUnderWay = expectedHours(32, now) >= 3
const monthStart = (y: number, m: number) => new Date(`${y}-${String(m).padStart(2, '0')}-01T00:00:00+08:00`)
/** Whether the whole of month m of year y lies before today. */
const monthPast = (y: number, m: number) =>
  (m === 12 ? yearStart(y + 1) : monthStart(y, m + 1)).getTime() <= now.getTime() - ((now.getTime() - yearStart(year).getTime()) % DAY)
const SEED_EMAILS = [...DEMO_ACCOUNTS, ...generatedPeople()].map((p) => p.email)
const STUDYING = ['applicant', 'activist', 'developmentTarget', 'probationary', 'full']

beforeAll(async () => {
  payload = await testPayload()
  const pool = poolOf(payload)
  const { rows: members } = await pool.query<{ id: number; email: string; stage: PoliticalStage; branch: string }>(
    `SELECT u.id, u.email, u.political_stage::text AS stage, o.code AS branch FROM users u JOIN organizations o ON o.id = u.organization_id
      WHERE u.email = ANY($1::text[]) AND u.political_stage::text = ANY($2::text[])
        AND EXISTS (SELECT 1 FROM users_roles r WHERE r.parent_id = u.id AND r.value = 'member') ORDER BY u.email`,
    [SEED_EMAILS, STUDYING],
  )
  // What the seeded catalogue can give each stage in a year: every credit-hour lesson open to it,
  // once (other test files publish lessons of their own; the history was made before them).
  const titles = COURSES.flatMap((c) => c.lessons.map((l) => l.title))
  const lessons = await payload.find({
    collection: 'micro-lessons',
    where: { and: [{ _status: { equals: 'published' } }, { title: { in: titles } }] },
    depth: 0,
    limit: 0,
    pagination: false,
  })
  const capacityOf = (stage: PoliticalStage) =>
    lessons.docs
      .filter((l) => !l.audienceStages?.length || l.audienceStages.includes(stage))
      .reduce((s, l) => s + Number(l.creditHours ?? 0), 0)
  rows = []
  for (const m of members) {
    const h = await yearHours(payload, { id: m.id, collection: 'users' } as TestUser)
    // Online study only: the seeded history is what these check (组织生活 and trainings add offline 学时 on top).
    rows.push({ ...m, hours: h.online, expected: h.expectedByToday, capacity: capacityOf(m.stage) })
  }
})
afterAll(async () => {
  await releasePayload(payload)
})

describe('the demo study history', () => {
  it('covers the demo members, the demo member included', async () => {
    expect(rows.length).toBeGreaterThan(80)
    const demo = rows.find((r) => r.email === 'member@demo.edu.cn')!
    // Studied in the history's window (last December at least), and this year once it is under way.
    const { rows: done } = await poolOf(payload).query<{ n: number }>(
      'SELECT count(*)::int AS n FROM study_progress WHERE member_id = $1 AND completed_at IS NOT NULL',
      [demo.id],
    )
    expect(done[0].n).toBeGreaterThan(0)
    if (yearUnderWay) expect(demo.hours).toBeGreaterThan(Math.min(2, demo.capacity / 2))
    else if (daysPast === 0) expect(demo.hours).toBe(0) // 1 January: nobody has studied this year yet
  })

  it('has at least three members with no hours this year, in different branches', () => {
    const zero = rows.filter((r) => r.hours === 0)
    expect(zero.length).toBeGreaterThanOrEqual(3)
    expect(new Set(zero.map((r) => r.branch)).size).toBeGreaterThanOrEqual(3)
  })

  it('has members behind pace with some study, and most members well into the year’s hours', (ctx) => {
    ctx.skip(!yearUnderWay, `only ${daysPast} days of ${year} have passed: no spread to show yet`)
    const expected = expectedHours(32, now)
    const behind = rows.filter((r) => r.hours > 0 && r.hours < 0.75 * Math.min(r.expected, r.capacity))
    expect(behind.length).toBeGreaterThanOrEqual(5)
    expect(behind.every((r) => r.hours < r.expected)).toBe(true)
    // Keeping up: on pace, or — where the catalogue holds fewer credit hours than the pace asks —
    // well into what the catalogue offers them.
    const keepingUp = rows.filter((r) => r.hours >= 0.6 * Math.min(r.expected, r.capacity))
    expect(keepingUp.length).toBeGreaterThan(rows.length / 2)
    expect(expected).toBeGreaterThan(0)
  })

  it('has members on pace, or — where the catalogue holds fewer hours than the pace — at what it holds', (ctx) => {
    ctx.skip(!yearUnderWay, `only ${daysPast} days of ${year} have passed: no spread to show yet`)
    // Each item credits once, so a member can reach at most what the lessons open to them hold; the
    // steady and ahead members reach that (within the last lesson's hours) or the pace.
    const onPace = rows.filter((r) => r.hours >= r.expected || r.hours >= r.capacity - 1)
    expect(onPace.length).toBeGreaterThanOrEqual(5)
  })

  it('peaks in June and December, and is quiet in February (as far as the year has come)', async () => {
    const ids = rows.map((r) => r.id)
    const month = async (y: number, m: number) => {
      const from = monthStart(y, m)
      const to = m === 12 ? yearStart(y + 1) : monthStart(y, m + 1)
      const { rows: r } = await poolOf(payload).query<{ h: string | null }>(
        'SELECT sum(hours_credited) AS h FROM study_progress WHERE member_id = ANY($1::int[]) AND completed_at >= $2 AND completed_at < $3',
        [ids, from, to],
      )
      return Number(r[0].h ?? 0)
    }
    const december = await month(year - 1, 12)
    expect(december).toBeGreaterThan(0)
    // Nothing is dated today or later: the history stops at yesterday.
    const { rows: future } = await poolOf(payload).query<{ n: number }>(
      `SELECT count(*)::int AS n FROM study_progress WHERE member_id = ANY($1::int[]) AND completed_at >= $2`,
      [ids, new Date(now.getTime() - ((now.getTime() - yearStart(year).getTime()) % DAY))],
    )
    expect(future[0].n).toBe(0)
    if (monthPast(year, 2)) {
      const february = await month(year, 2)
      expect(february).toBeGreaterThan(0)
      expect(december).toBeGreaterThan(february)
      if (monthPast(year, 6)) expect(await month(year, 6)).toBeGreaterThan(february)
    }
  })

  it('obeys the credit invariant: 学时 never exceed credited time, and no minute is credited twice', async () => {
    expect(
      await creditInvariantViolations(
        poolOf(payload),
        rows.map((r) => r.id),
      ),
    ).toEqual([])
  })

  it('backs every credited second with heartbeats, and every completed lesson with a complete beat', async () => {
    const { rows: bad } = await poolOf(payload).query(
      `SELECT p.member_id, p.item_collection, p.item_id, p.seconds_credited, coalesce(e.seconds, 0) AS seconds, e.completes
         FROM study_progress p
         LEFT JOIN (SELECT member_id, item_collection::text AS coll, item_id, sum(credited_seconds) AS seconds, count(*) FILTER (WHERE kind = 'complete') AS completes
                      FROM study_events GROUP BY 1, 2, 3) e
           ON e.member_id = p.member_id AND e.coll = p.item_collection::text AND e.item_id = p.item_id
        WHERE p.member_id = ANY($1::int[])
          AND (p.seconds_credited <> coalesce(e.seconds, 0)
               OR (p.item_collection <> 'courses' AND p.completed_at IS NOT NULL AND coalesce(e.completes, 0) <> 1))`,
      [rows.map((r) => r.id)],
    )
    expect(bad).toEqual([])
    const { rows: beats } = await poolOf(payload).query(
      `SELECT count(*)::int AS n, max(credited_seconds)::float AS most FROM study_events WHERE beat_id LIKE 'seed-%'`,
    )
    expect(beats[0].n).toBeGreaterThan(1000)
    expect(beats[0].most).toBeLessThanOrEqual(60)
  })

  it('has quizzes with a believable pass rate, one daily quiz a day, results that match the scores', async () => {
    const pool = poolOf(payload)
    const ids = rows.map((r) => r.id)
    const { rows: stats } = await pool.query<{ n: number; passed: number; daily: number; topic: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE passed)::int AS passed,
              count(*) FILTER (WHERE mode = 'daily')::int AS daily, count(*) FILTER (WHERE mode = 'topic')::int AS topic
         FROM quiz_attempts WHERE member_id = ANY($1::int[]) AND status = 'submitted' AND submitted_at < $2`,
      [ids, new Date(now.getTime() - ((now.getTime() - yearStart(year).getTime()) % DAY))],
    )
    // One daily quiz a day for many members over the history's days (from 1 December last year).
    const historyDays = Math.round((now.getTime() - monthStart(year - 1, 12).getTime()) / DAY)
    expect(stats[0].daily).toBeGreaterThan(1.5 * historyDays)
    if (yearUnderWay) expect(stats[0].topic).toBeGreaterThan(20)
    const rate = stats[0].passed / stats[0].n
    expect(rate).toBeGreaterThan(0.65)
    expect(rate).toBeLessThan(0.85)
    const { rows: twice } = await pool.query(
      `SELECT member_id, day FROM quiz_attempts WHERE member_id = ANY($1::int[]) AND mode = 'daily' GROUP BY 1, 2 HAVING count(*) > 1`,
      [ids],
    )
    expect(twice).toEqual([])
    const { rows: mismatched } = await pool.query(
      `SELECT a.id FROM quiz_attempts a
        WHERE a.member_id = ANY($1::int[]) AND a.status = 'submitted'
          AND (a.correct_count <> (SELECT count(*) FROM jsonb_array_elements(a.results) r WHERE (r->>'correct')::boolean)
               OR a.total <> jsonb_array_length(a.results) OR a.total <> jsonb_array_length(a.paper)
               OR a.score <> round(100.0 * a.correct_count / a.total))`,
      [ids],
    )
    expect(mismatched).toEqual([])
  })

  it('is added once: a second run changes nothing', async () => {
    const count = async () => (await poolOf(payload).query<{ n: number }>('SELECT count(*)::int AS n FROM study_progress')).rows[0].n
    const before = await count()
    expect((await seedStudyHistory(payload)).skipped).toBe(true)
    expect(await count()).toBe(before)
  })
})
