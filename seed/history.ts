/**
 * A year of study history for the demo members (seed version 4), so the cockpit's charts, pace
 * warnings, quiz figures and most-studied lists have something to show: from 1 December of last
 * year up to yesterday (Asia/Shanghai), every completed micro-lesson and red resource with the
 * heartbeats that credited it, a few in-progress lessons, daily quizzes and topic tests, and the
 * points all of that earned.
 *
 * The rows are what the live paths would have written (the heartbeat function, the course
 * completion, grading, the points rules): beats never credit more than the gap since the previous
 * beat nor more than `MAX_BEAT_GAP_SECONDS`, an item credits at most 1.5× its length, a member
 * studies one item at a time, completes an item once, takes one daily quiz a day and a topic test
 * at most three times, and points respect their daily caps. Every study event's beat id starts
 * with `seed-`, which is also the marker that the history exists.
 *
 * Profiles: most members are steady (they aim at the pace, 0.97–1.2 × the expected hours), some
 * behind (0.35–0.55 × the pace, i.e. about 10–16 h in late November), a few ahead (1.25–1.5 ×),
 * and five — in four branches — have no hours this year (some of them studied last December).
 * Each item credits once per member, so a member's hours stop where the lessons open to them run
 * out: with the seeded catalogue (about 22.5 credit hours for Party members, 23 for applicants)
 * steady and ahead members end near that ceiling, below the pace the rules ask by late November.
 * Items a member already studied for real (a database upgraded from an earlier version), days
 * with a real daily quiz and topic tests already taken are left alone.
 *
 * Written with plain multi-row INSERTs through the pg pool in one transaction (the cockpit's
 * rollup triggers on these tables see every row). Deterministic for a given day and catalogue.
 */
import type { Payload, Where } from 'payload'

import { lexicalToPlainText } from '../src/content/lexical'
import type { PoliticalStage } from '../src/people/stages'
import { DEFAULT_POINT_RULES, type PointRule } from '../src/points/rules'
import { correctKeys, optionKey, type GradableQuestion } from '../src/quiz/grading'
import { drawWhere } from '../src/quiz/quizRules'
import { DURATION_CAP_FACTOR, MAX_BEAT_GAP_SECONDS, MEDIA_COMPLETE_SHARE } from '../src/study/heartbeat'
import { readSecondsFor } from '../src/study/items'
import { creditedHours, studyRulesOf } from '../src/study/length'
import { expectedHours, yearOf } from '../src/study/pace'
import { poolOf } from '../src/db/pool'
import { transact, type Queryable } from '../src/db/transaction'
import { DEMO_ACCOUNTS, generatedPeople } from './people'

/** Prefix of every seeded beat id: the marker that the demo history is there. */
export const SEED_BEAT_PREFIX = 'seed-'

/** Stages that study (people of the masses have no study record). */
const STUDYING: PoliticalStage[] = ['applicant', 'activist', 'developmentTarget', 'probationary', 'full']

export type Profile = 'steady' | 'behind' | 'ahead' | 'zero'

export type HistoryReport = {
  skipped: boolean
  members: number
  profiles: Record<Profile, number>
  studyProgress: number
  studyEvents: number
  quizAttempts: number
  pointsLedger: number
  /** Hours credited this year by profile: fewest, mean, most. */
  hoursThisYear: Record<Profile, { min: number; mean: number; max: number }>
  ms: number
}

const HOUR = 3_600_000
const MINUTE = 60_000
const DAY = 24 * HOUR
/** Shanghai is UTC+8 all year (no daylight saving). */
const SHANGHAI = 8 * HOUR

// ── deterministic randomness ────────────────────────────────────────────────────────────────
type Random = () => number
/** mulberry32: small, fast, good enough for demo data, and the same on every machine. */
const mulberry32 = (seed: number): Random => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
/** FNV-1a: a member's own stream depends on their e-mail only, not on who else is seeded. */
const hash = (s: string) => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}
const between = (r: Random, lo: number, hi: number) => lo + (hi - lo) * r()
const intBetween = (r: Random, lo: number, hi: number) => Math.floor(between(r, lo, hi + 1))
const shuffled = <T>(r: Random, items: readonly T[]): T[] => {
  const a = [...items]
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}
/** Weighted order without replacement (Efraimidis–Spirakis): heavier items tend to come first. */
const weightedOrder = <T>(r: Random, items: readonly T[], weight: (t: T) => number): T[] =>
  items
    .map((t) => ({ t, k: -Math.log(1 - r()) / Math.max(1e-6, weight(t)) }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.t)

// ── the calendar ────────────────────────────────────────────────────────────────────────────
type Day = { index: number; start: number; key: string; year: number; month: number; date: number; weight: number }

/** 正月初一 (Spring Festival), for the quiet weeks around it. */
const SPRING_FESTIVAL: Record<number, string> = { 2025: '01-29', 2026: '02-17', 2027: '02-06', 2028: '01-26', 2029: '02-13', 2030: '02-03' }

const shanghaiMidnight = (year: number, month: number, date: number) => Date.UTC(year, month - 1, date) - SHANGHAI
const shanghaiParts = (at: number) => {
  const d = new Date(at + SHANGHAI)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate(), weekday: d.getUTCDay() }
}

/**
 * How much study a day sees, relative to an ordinary term-time weekday: peaks in June (before the
 * Party's anniversary on 1 July) and in December (the year's hours are counted), quiet during the
 * winter vacation and Spring Festival, the summer vacation (August) and the National Day week.
 */
const dayWeight = (year: number, month: number, date: number, weekday: number) => {
  let w: number
  switch (month) {
    case 12:
      w = date >= 15 ? 1.9 : 1.5
      break
    case 1:
      w = date <= 16 ? 1.0 : 0.55
      break
    case 2:
      w = date >= 24 ? 0.6 : 0.3
      break
    case 5:
      w = date <= 5 ? 0.4 : 1.1
      break
    case 6:
      w = date >= 15 ? 2.2 : 1.7
      break
    case 7:
      w = date <= 10 ? 1.2 : 0.5
      break
    case 8:
      w = 0.3
      break
    case 10:
      w = date <= 7 ? 0.3 : 1.0
      break
    case 11:
      w = 1.1
      break
    default:
      w = 1.0
  }
  const sf = SPRING_FESTIVAL[year]
  if (sf) {
    const [m, d] = sf.split('-').map(Number)
    const offset = (Date.UTC(year, month - 1, date) - Date.UTC(year, m - 1, d)) / DAY
    if (offset >= -3 && offset <= 6) w *= 0.3
  }
  return weekday === 0 || weekday === 6 ? w * 0.7 : w
}

/** Every Shanghai day from 1 December of last year up to yesterday. */
const calendar = (now: Date): Day[] => {
  const today = shanghaiParts(now.getTime())
  const end = shanghaiMidnight(today.year, today.month, today.date)
  const days: Day[] = []
  for (let start = shanghaiMidnight(today.year - 1, 12, 1); start < end; start += DAY) {
    const p = shanghaiParts(start)
    const key = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.date).padStart(2, '0')}`
    days.push({
      index: days.length,
      start,
      key,
      year: p.year,
      month: p.month,
      date: p.date,
      weight: dayWeight(p.year, p.month, p.date, p.weekday),
    })
  }
  return days
}

/** Draws days by weight from a range, at most `perDay` sessions on one day. */
const drawDays = (r: Random, days: Day[], n: number, used: Map<number, number>, perDay = 4): Day[] => {
  if (!days.length || n <= 0) return []
  const cumulative: number[] = []
  let total = 0
  for (const d of days) cumulative.push((total += d.weight))
  const picked: Day[] = []
  for (let i = 0; i < n; i++) {
    let day = days[0]
    for (let attempt = 0; attempt < 30; attempt++) {
      const x = r() * total
      let lo = 0
      let hi = cumulative.length - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (cumulative[mid] < x) lo = mid + 1
        else hi = mid
      }
      day = days[lo]
      if ((used.get(day.index) ?? 0) < perDay) break
    }
    used.set(day.index, (used.get(day.index) ?? 0) + 1)
    picked.push(day)
  }
  return picked
}

// ── what there is to study ──────────────────────────────────────────────────────────────────
type Item = {
  collection: 'micro-lessons' | 'red-resources'
  id: number
  kind: 'video' | 'audio' | 'article'
  /** As the heartbeat path sees it (src/study/items.ts). */
  durationSeconds: number
  readSeconds: number
  creditHours: number
  stages: string[]
  organizations: number[]
  /** Course order: members tend to take a course's lessons one after another. */
  course: number | null
  position: number
  popularity: number
  /** On teachers' ethics (师德师风): staff take it, students seldom. */
  forTeachers: boolean
}

type Member = { id: number; email: string; organizationId: number | null; branchCode: string; stage: PoliticalStage; secretary: boolean }

type Question = GradableQuestion & { difficulty?: string | null }
type QuizInfo = {
  id: number
  title: string
  mode: 'daily' | 'topic'
  passScore: number
  count: number
  timeLimitMinutes: number | null
  attemptsAllowed: number
  shuffleOptions: boolean
  pool: number[]
}

/** Whether a member is in an item's audience (an organisation includes everything under it). */
const inAudience = (item: Item, m: Member, ancestors: Map<number, number[]>) => {
  if (item.stages.length && !item.stages.includes(m.stage)) return false
  if (item.organizations.length) {
    const chain = m.organizationId ? [m.organizationId, ...(ancestors.get(m.organizationId) ?? [])] : []
    if (!chain.some((o) => item.organizations.includes(o))) return false
  }
  return true
}

// ── rows ────────────────────────────────────────────────────────────────────────────────────
type ProgressRow = [number, number | null, string, number, number, number, number, string | null, number, string, string]
type EventRow = [number, number | null, string, number, string, number, number, string, string, string]
type PointsRow = [number, number | null, PointRule, number, string, string, string, string]

/** A member's plan: what they study, when, and how they do in quizzes. */
type Session = { item: Item; day: Day; seconds: number; completed: boolean; order: number }

const PROFILE_SHARES: Record<string, { behind: number; ahead: number }> = {
  // The big undergraduate branch trails; the Marxism college's staff and graduates lead.
  'B-INFO-UG2': { behind: 0.38, ahead: 0.04 },
  'B-ADMIN-1': { behind: 0.3, ahead: 0.05 },
  'B-MARX-STAFF': { behind: 0.1, ahead: 0.3 },
  'B-MARX-GRAD': { behind: 0.12, ahead: 0.25 },
}
const DEFAULT_SHARES = { behind: 0.18, ahead: 0.08 }
/** Members with no hours this year, one in each of these branches (and a second in the biggest). */
const ZERO_BRANCHES = ['B-INFO-UG2', 'B-MARX-UG', 'B-INFO-STAFF', 'B-INFO-GRAD', 'B-INFO-UG2']
const STAFF_BRANCHES = new Set(['B-MARX-STAFF', 'B-INFO-STAFF', 'B-ADMIN-1'])

/**
 * Adds the demo history once: nothing when any seeded beat exists already. Returns what it wrote.
 */
export const seedStudyHistory = async (
  payload: Payload,
  options: { now?: Date; log?: (m: string) => void } = {},
): Promise<HistoryReport> => {
  const started = Date.now()
  const now = options.now ?? new Date()
  const pool = poolOf(payload)
  const none = { min: 0, mean: 0, max: 0 }
  const empty: HistoryReport = {
    skipped: true,
    members: 0,
    profiles: { steady: 0, behind: 0, ahead: 0, zero: 0 },
    studyProgress: 0,
    studyEvents: 0,
    quizAttempts: 0,
    pointsLedger: 0,
    hoursThisYear: { steady: none, behind: none, ahead: none, zero: none },
    ms: 0,
  }
  const exists = async (client: Queryable) =>
    (await client.query(`SELECT 1 FROM study_events WHERE beat_id LIKE '${SEED_BEAT_PREFIX}%' LIMIT 1`)).rowCount! > 0
  if (await exists(pool)) return { ...empty, ms: Date.now() - started }

  // ── read the catalogue, the members and the rules ─────────────────────────────────────────
  const settings = await payload.findGlobal({ slug: 'platform-settings', depth: 0, overrideAccess: true })
  const target = settings.annualStudyHoursTarget ?? 32
  const minutesPerHour = studyRulesOf(settings).minutesPerCreditHour
  const pointRules = new Map<PointRule, { points: number; dailyCap: number }>(
    (settings.pointsRules?.length ? settings.pointsRules : DEFAULT_POINT_RULES).map((r) => [
      r.rule as PointRule,
      { points: Number(r.points), dailyCap: Number(r.dailyCap) },
    ]),
  )

  const orgs = (
    await pool.query<{ id: number; code: string | null; parent_id: number | null }>('SELECT id, code, parent_id FROM organizations')
  ).rows
  const parentOf = new Map(orgs.map((o) => [o.id, o.parent_id]))
  const ancestors = new Map<number, number[]>()
  for (const o of orgs) {
    const chain: number[] = []
    for (let p = o.parent_id; p && !chain.includes(p); p = parentOf.get(p) ?? null) chain.push(p)
    ancestors.set(o.id, chain)
  }
  const codeOf = new Map(orgs.map((o) => [o.id, o.code ?? '']))

  const seedEmails = [...DEMO_ACCOUNTS, ...generatedPeople()].map((p) => p.email)
  const memberRows = (
    await pool.query<{ id: number; email: string; organization_id: number | null; political_stage: PoliticalStage; secretary: boolean }>(
      `SELECT u.id, u.email, u.organization_id, u.political_stage,
              EXISTS (SELECT 1 FROM users_roles s WHERE s.parent_id = u.id AND s.value = 'branchSecretary') AS secretary
         FROM users u
        WHERE u.email = ANY($1::text[]) AND u.active IS NOT FALSE AND u.political_stage = ANY($2::text[]::enum_users_political_stage[])
          AND EXISTS (SELECT 1 FROM users_roles r WHERE r.parent_id = u.id AND r.value = 'member')
        ORDER BY u.email`,
      [seedEmails, STUDYING],
    )
  ).rows
  const members: Member[] = memberRows.map((u) => ({
    id: u.id,
    email: u.email,
    organizationId: u.organization_id,
    branchCode: u.organization_id ? (codeOf.get(u.organization_id) ?? '') : '',
    stage: u.political_stage,
    secretary: u.secretary,
  }))
  if (!members.length) return { ...empty, ms: Date.now() - started }

  // What these members did for real before this version was seeded (a database upgraded from an
  // earlier version): the history leaves those items, quiz days and topic tests alone.
  const memberIds = members.map((m) => m.id)
  const studied = new Set(
    (
      await pool.query<{ k: string }>(
        `SELECT member_id || ':' || item_collection || ':' || item_id AS k FROM study_progress WHERE member_id = ANY($1::int[])`,
        [memberIds],
      )
    ).rows.map((x) => x.k),
  )
  const quizDays = new Set(
    (
      await pool.query<{ k: string }>(
        `SELECT member_id || ':' || quiz_id || ':' || day AS k FROM quiz_attempts WHERE member_id = ANY($1::int[])`,
        [memberIds],
      )
    ).rows.map((x) => x.k),
  )
  const quizTaken = new Set(
    (
      await pool.query<{ k: string }>(
        `SELECT DISTINCT member_id || ':' || quiz_id AS k FROM quiz_attempts WHERE member_id = ANY($1::int[])`,
        [memberIds],
      )
    ).rows.map((x) => x.k),
  )

  const find = <T>(collection: 'micro-lessons' | 'red-resources' | 'courses' | 'quizzes' | 'questions', where: Where = {}) =>
    payload
      .find({ collection, where: where, depth: 0, limit: 0, pagination: false, overrideAccess: true, sort: 'id' })
      .then((r) => r.docs as unknown as T[])
  type Doc = Record<string, unknown> & { id: number }
  const published = { _status: { equals: 'published' } }
  const [lessonDocs, redDocs, courseDocs, quizDocs, questionDocs] = await Promise.all([
    find<Doc>('micro-lessons', published),
    find<Doc>('red-resources', published),
    find<Doc>('courses', published),
    find<Doc>('quizzes', { and: [published, { mode: { in: ['daily', 'topic'] } }] }),
    find<Doc>('questions'),
  ])
  const requiredQuiz = new Set((await find<Doc>('quizzes', { requiredToComplete: { equals: true } })).map((q) => q.id))
  const ids = (v: unknown) => ((v as unknown[]) ?? []).map((x) => (typeof x === 'object' && x ? (x as { id: number }).id : Number(x)))

  // Course order and popularity: the Party-history course draws most, later lessons fewer people.
  const teacherTheme = (
    await payload.find({ collection: 'themes', where: { slug: { equals: 'teacher-ethics' } }, depth: 0, limit: 1, overrideAccess: true })
  ).docs[0]?.id
  const coursePlace = new Map<number, { course: number; position: number }>()
  for (const [ci, c] of courseDocs.entries())
    for (const [li, l] of ids(c.lessons).entries()) if (!coursePlace.has(l)) coursePlace.set(l, { course: ci, position: li })
  const itemRandom = mulberry32(hash('catalogue'))
  const items: Item[] = []
  for (const d of lessonDocs) {
    const quizId = d.quiz ? ids([d.quiz])[0] : null
    if (quizId && requiredQuiz.has(quizId)) continue // completing it needs a passed quiz: left out of the demo history
    const kind = (d.kind as Item['kind']) ?? 'article'
    const durationSeconds = Math.max(60, Number(d.durationMinutes ?? 5) * 60)
    const readSeconds = readSecondsFor(`${d.title ?? ''}${d.summary ?? ''}${lexicalToPlainText(d.body)}`)
    if (kind === 'article' && readSeconds > DURATION_CAP_FACTOR * durationSeconds) continue // cannot be completed
    const place = coursePlace.get(d.id) ?? null
    items.push({
      collection: 'micro-lessons',
      id: d.id,
      kind,
      durationSeconds,
      readSeconds,
      creditHours: Number(d.creditHours ?? 0),
      stages: (d.audienceStages as string[]) ?? [],
      organizations: ids(d.audienceOrganizations),
      course: place?.course ?? null,
      position: place?.position ?? 0,
      popularity:
        ((place ? ([1.6, 1.2, 1.1, 1.0, 0.9, 0.85, 0.8][place.course] ?? 0.8) : 0.8) / (1 + 0.12 * (place?.position ?? 0))) *
        between(itemRandom, 0.85, 1.15),
      forTeachers: teacherTheme !== undefined && ids(d.themes).includes(teacherTheme as number),
    })
  }
  for (const d of redDocs) {
    const readSeconds = readSecondsFor(`${d.title ?? ''}${d.summary ?? ''}${lexicalToPlainText(d.body)}`)
    items.push({
      collection: 'red-resources',
      id: d.id,
      kind: 'article',
      durationSeconds: readSeconds,
      readSeconds,
      creditHours: 0,
      stages: [],
      organizations: [],
      course: null,
      position: 0,
      // Education bases and revolutionary figures are read most.
      popularity: (d.kind === 'educationBase' ? 1.6 : d.kind === 'person' ? 1.3 : 1) * between(itemRandom, 0.5, 1.5),
      forTeachers: false,
    })
  }
  const courses = courseDocs.map((c) => ({ id: c.id, lessons: ids(c.lessons) })).filter((c) => c.lessons.length)

  const questions = new Map<number, Question>(questionDocs.map((q) => [q.id, q as unknown as Question]))
  const quizzes: QuizInfo[] = []
  for (const q of quizDocs) {
    const draw = (q.draw as { count?: number; themes?: unknown[]; difficulty?: string } | null) ?? {}
    const pool = q.questionSource === 'fixed' ? ids(q.questions) : (await find<Doc>('questions', drawWhere(draw))).map((x) => x.id)
    if (!pool.length) continue
    quizzes.push({
      id: q.id,
      title: String(q.title ?? ''),
      mode: q.mode as QuizInfo['mode'],
      passScore: Number(q.passScore ?? 60),
      count: q.mode === 'daily' ? 5 : q.questionSource === 'fixed' ? pool.length : Number(draw.count ?? 10),
      timeLimitMinutes: (q.timeLimitMinutes as number | null) ?? null,
      attemptsAllowed: Number(q.attemptsAllowed ?? 0),
      shuffleOptions: q.shuffleOptions !== false,
      pool,
    })
  }
  const daily = quizzes.find((q) => q.mode === 'daily') ?? null
  const topics = quizzes.filter((q) => q.mode === 'topic')
  // The Party-history test is the one of June (before 1 July); the others spread over the year.
  const historyTopic = topics.find((q) => q.title.includes('党史')) ?? topics[0] ?? null

  // ── the calendar and the pace ──────────────────────────────────────────────────────────────
  const days = calendar(now)
  if (!days.length) return { ...empty, ms: Date.now() - started }
  const year = yearOf(now)
  const lastYear = days.filter((d) => d.year < year)
  const thisYear = days.filter((d) => d.year === year)
  const pace = expectedHours(target, now, year)
  const recent = days.slice(-45)
  const dayOf = (t: number): Day | undefined => days[Math.floor((t - days[0].start) / DAY)]

  // ── who is which profile ──────────────────────────────────────────────────────────────────
  const pickRandom = mulberry32(hash(`profiles:${year}`))
  const profiles = new Map<number, Profile>()
  const protectedEmails = new Set(['member@demo.edu.cn', 'secretary@demo.edu.cn', 'applicant@demo.edu.cn'])
  for (const code of ZERO_BRANCHES) {
    const candidates = members.filter((m) => m.branchCode === code && !m.secretary && !protectedEmails.has(m.email) && !profiles.has(m.id))
    if (candidates.length) profiles.set(candidates[Math.floor(pickRandom() * candidates.length)].id, 'zero')
  }
  for (const m of members) {
    if (profiles.has(m.id)) continue
    const shares = PROFILE_SHARES[m.branchCode] ?? DEFAULT_SHARES
    const x = pickRandom()
    let p: Profile = x < shares.behind ? 'behind' : x < shares.behind + shares.ahead ? 'ahead' : 'steady'
    if (m.email === 'member@demo.edu.cn') p = 'steady' // the demo member keeps up (as far as the catalogue allows)
    if (m.secretary && p === 'behind') p = 'steady' // secretaries keep up with their branch's study
    profiles.set(m.id, p)
  }

  // ── plan and write rows ────────────────────────────────────────────────────────────────────
  const progress: ProgressRow[] = []
  const events: EventRow[] = []
  const attempts: unknown[][] = []
  type PointsPlan = {
    memberId: number
    org: number | null
    rule: PointRule
    times: number
    at: number
    eventKey: string | ((attemptId: number) => string)
    attempt?: number
  }
  const pointsPlan: PointsPlan[] = []
  const iso = (t: number) => new Date(t).toISOString()
  const tally: Record<Profile, number> = { steady: 0, behind: 0, ahead: 0, zero: 0 }
  const hoursOf: Record<Profile, number[]> = { steady: [], behind: [], ahead: [], zero: [] }
  let attemptIndex = 0

  for (const m of members) {
    const r = mulberry32(hash(`history:${m.email}`))
    const profile = profiles.get(m.id)!
    tally[profile]++
    const mine = items.filter((i) => inAudience(i, m, ancestors) && !studied.has(`${m.id}:${i.collection}:${i.id}`))
    // Not every lesson appeals to everyone: students seldom take the teachers' ethics lessons, and
    // lessons outside a published course are found less often.
    const staff = STAFF_BRANCHES.has(m.branchCode)
    const willing = (i: Item) =>
      profile === 'ahead' ? (i.forTeachers && !staff ? 0.8 : 1) : (i.forTeachers && !staff ? 0.3 : 1) * (i.course === null ? 0.8 : 1)
    const lessons = weightedOrder(
      r,
      mine.filter((i) => i.collection === 'micro-lessons' && i.creditHours > 0 && r() < willing(i)),
      (i) => i.popularity,
    )
    const reds = weightedOrder(
      r,
      mine.filter((i) => i.collection === 'red-resources'),
      (i) => i.popularity,
    )
    const lapsed = profile === 'zero' && r() < 0.6 // studied last December, then stopped

    // Hours wanted last December and this year; the catalogue may hold fewer (each item counts once).
    // 学时 follow the items' real lengths (45 minutes each), so the online catalogue may hold far fewer
    // than the pace asks (the rest of the 32 come from organisation life and training): profiles
    // aim at the pace or at what the catalogue holds for this member, whichever is less, and last
    // December takes a small share of it.
    const ceiling = lessons.reduce((sum, i) => sum + i.creditHours, 0)
    const basis = Math.min(pace, 0.85 * ceiling)
    const decemberShare = {
      steady: between(r, 0.03, 0.1),
      ahead: between(r, 0.03, 0.08),
      behind: between(r, 0, 0.06),
      zero: lapsed ? between(r, 0.03, 0.1) : 0,
    }[profile]
    const decemberHours = Math.min(
      decemberShare * ceiling,
      { steady: between(r, 1, 3), ahead: between(r, 1, 2.5), behind: between(r, 0, 2), zero: lapsed ? between(r, 1, 3) : 0 }[profile],
    )
    const yearHours = {
      steady: basis * between(r, 0.97, 1.2),
      ahead: basis * between(r, 1.25, 1.5),
      behind: basis * between(r, 0.35, 0.55),
      zero: 0,
    }[profile]
    const inProgressCount =
      { zero: 0, behind: intBetween(r, 1, 2), steady: intBetween(r, 0, 1), ahead: r() < 0.3 ? 1 : 0 }[profile] +
      (m.email === 'member@demo.edu.cn' ? 1 : 0)

    const take = (from: Item[], hours: number) => {
      const chosen: Item[] = []
      let sum = 0
      // Stop at the item that comes closest (lessons hold from a few hundredths of a 学时 upward).
      while (from.length && sum + from[0].creditHours / 2 < hours) {
        const next = from.shift()!
        chosen.push(next)
        sum += next.creditHours
      }
      return chosen
    }
    const pool = [...lessons]
    const decLessons = lastYear.length ? take(pool, decemberHours) : []
    const inProgress = pool.splice(Math.max(0, pool.length - inProgressCount - Math.floor(r() * 3)), inProgressCount)
    const yearLessons = profile === 'zero' ? [] : take(pool, yearHours)

    const redCount = { steady: intBetween(r, 3, 9), ahead: intBetween(r, 8, 16), behind: intBetween(r, 1, 5), zero: 0 }[profile]
    const decReds = lastYear.length ? reds.splice(0, profile === 'zero' ? (lapsed ? intBetween(r, 0, 2) : 0) : intBetween(r, 0, 2)) : []
    const yearReds = reds.splice(0, redCount)

    // Lessons in course order within the year (a member works through a course), reds in between.
    const byCourse = (list: Item[]) => {
      const rank = new Map<number, number>()
      list.forEach((i, n) => i.course !== null && !rank.has(i.course) && rank.set(i.course, n))
      return [...list].sort(
        (a, b) =>
          (a.course === null ? 1e9 : rank.get(a.course)!) - (b.course === null ? 1e9 : rank.get(b.course)!) || a.position - b.position,
      )
    }
    const used = new Map<number, number>()
    const sessions: Session[] = []
    const place = (list: Item[], range: Day[], completed: boolean) => {
      if (!range.length) return // e.g. seeded on 1 January: nothing of this year has happened yet
      const picked = drawDays(r, range, list.length, used).sort((a, b) => a.index - b.index)
      list.forEach((item, n) => sessions.push({ item, day: picked[n], seconds: 0, completed, order: n }))
    }
    place(byCourse(decLessons), lastYear, true)
    place(byCourse(yearLessons), thisYear, true)
    place(shuffled(r, decReds), lastYear, true)
    place(shuffled(r, yearReds), thisYear, true)
    if (profile !== 'zero') place(inProgress, recent, false)

    // Seconds credited: an item's length or a little more for media, the reading time or more for texts.
    for (const s of sessions) {
      const { item } = s
      const cap = Math.floor(DURATION_CAP_FACTOR * item.durationSeconds)
      if (!s.completed) {
        const needed = item.kind === 'article' ? item.readSeconds : MEDIA_COMPLETE_SHARE * item.durationSeconds
        s.seconds = Math.max(20, Math.floor(needed * between(r, 0.15, 0.8)))
      } else if (item.collection === 'red-resources') {
        s.seconds = Math.min(cap, Math.ceil(item.readSeconds * between(r, 1.0, 1.35)))
      } else if (item.kind === 'article') {
        s.seconds = Math.min(
          cap,
          Math.max(item.readSeconds + intBetween(r, 5, 90), Math.round(item.durationSeconds * between(r, 0.7, 1.15))),
        )
      } else {
        s.seconds = Math.min(cap, Math.ceil(item.durationSeconds * between(r, 0.93, 1.12)))
      }
    }

    // One item at a time: each day's sessions follow each other from the member's usual hour.
    const byDay = new Map<number, Session[]>()
    for (const s of sessions) byDay.set(s.day.index, [...(byDay.get(s.day.index) ?? []), s])
    const completedAt = new Map<number, number>()
    const activeDays = new Map<string, { day: Day; first: number }>()
    const seen = (day: Day, at: number) => {
      const a = activeDays.get(day.key)
      if (!a || at < a.first) activeDays.set(day.key, { day, first: at })
    }
    // Day by day, so each member's events are written in the order they happened (the credit
    // invariant reads the log in that order: no interval credited twice).
    for (const list of [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l)) {
      list.sort((a, b) => Number(a.completed) - Number(b.completed) || a.order - b.order)
      const day = list[0].day
      const hour = staff && r() < 0.6 ? between(r, 9, 16.5) : between(r, 18.5, 21)
      // Never past midnight (the last day is yesterday): start earlier on a long evening.
      const busy = list.reduce((sum, s) => sum + s.seconds * 1000 + 8 * MINUTE, 0)
      let t = Math.min(day.start + Math.round(hour * HOUR + r() * 30 * MINUTE), day.start + DAY - 15 * MINUTE - busy)
      for (const s of list) {
        const { item } = s
        const org = m.organizationId
        const beat = (n: number) => `${SEED_BEAT_PREFIX}${m.id}-${item.collection === 'micro-lessons' ? 'l' : 'r'}${item.id}-${n}`
        const pos = (cum: number) =>
          item.kind === 'article'
            ? Math.round((s.completed ? Math.min(1, cum / s.seconds) : Math.min(0.9, cum / s.seconds)) * 1000) / 1000
            : Math.min(item.durationSeconds, cum)
        const t0 = t
        seen(day, t0)
        events.push([m.id, org, item.collection, item.id, 'start', 0, 0, beat(0), iso(t0), iso(t0)])
        let cum = 0
        let n = 1
        while (cum < s.seconds) {
          const step = Math.min(MAX_BEAT_GAP_SECONDS, s.seconds - cum)
          cum += step
          t += step * 1000
          const last = cum >= s.seconds
          events.push([
            m.id,
            org,
            item.collection,
            item.id,
            last && s.completed ? 'complete' : 'heartbeat',
            pos(cum),
            step,
            beat(n++),
            iso(t),
            iso(t),
          ])
        }
        const position = pos(cum)
        const needed = item.kind === 'article' ? item.readSeconds : MEDIA_COMPLETE_SHARE * item.durationSeconds
        const watched = item.kind === 'article' ? s.seconds : Math.min(s.seconds, position)
        const percent = s.completed ? 100 : Math.min(99, Math.floor((100 * watched) / Math.max(needed, 1)))
        // 学时 as the live path credits them: never more than the credited time allows (src/study/length.ts).
        progress.push([
          m.id,
          org,
          item.collection,
          item.id,
          s.seconds,
          position,
          percent,
          s.completed ? iso(t) : null,
          s.completed ? creditedHours(item.creditHours, s.seconds, minutesPerHour) : 0,
          iso(t0),
          iso(t),
        ])
        if (s.completed) {
          completedAt.set(item.id * 2 + (item.collection === 'micro-lessons' ? 0 : 1), t)
          const key = `${item.collection}:${item.id}`
          pointsPlan.push({ memberId: m.id, org, rule: item.kind === 'article' ? 'article' : 'video', times: 1, at: t, eventKey: key })
          if (item.collection === 'micro-lessons')
            pointsPlan.push({ memberId: m.id, org, rule: 'lessonComplete', times: 1, at: t, eventKey: key })
        }
        t += Math.round(between(r, 0.5, 8) * MINUTE)
      }
    }
    hoursOf[profile].push(
      sessions.reduce(
        (sum, s) => sum + (s.completed && s.day.year === year ? creditedHours(s.item.creditHours, s.seconds, minutesPerHour) : 0),
        0,
      ),
    )
    // A course is complete with its last lesson (as afterCompletion writes it).
    for (const c of courses) {
      if (studied.has(`${m.id}:courses:${c.id}`)) continue
      const times = c.lessons.map((l) => completedAt.get(l * 2))
      if (times.some((x) => x === undefined)) continue
      const at = iso(Math.max(...(times as number[])))
      progress.push([m.id, m.organizationId, 'courses', c.id, 0, 0, 100, at, 0, at, at])
    }

    // Quizzes: the daily quiz on some days, a topic test (retaken after a fail, within its limit).
    const ability = {
      steady: between(r, 0.5, 0.76),
      ahead: between(r, 0.55, 0.77),
      behind: between(r, 0.42, 0.68),
      zero: between(r, 0.42, 0.68),
    }[profile]
    const dailyRate = {
      steady: between(r, 0.03, 0.12),
      ahead: between(r, 0.15, 0.35),
      behind: between(r, 0.01, 0.05),
      zero: lapsed ? 0.06 : 0,
    }[profile]
    const correctAt = new Map<number, number>()
    const sit = (quiz: QuizInfo, startedAt: number, questionIds: number[]) => {
      const paper = questionIds.map((questionId) => {
        const n = questions.get(questionId)?.options?.length ?? 0
        const order = Array.from({ length: n }, (_, i) => i)
        return { questionId, optionOrder: quiz.shuffleOptions ? shuffled(r, order) : order }
      })
      const answers: Record<string, string[]> = {}
      const results = paper.map(({ questionId, optionOrder }) => {
        const q = questions.get(questionId)!
        const chance = ability + (q.difficulty === 'easy' ? 0.1 : q.difficulty === 'hard' ? -0.15 : 0)
        const correct = r() < Math.min(0.98, Math.max(0.05, chance))
        answers[String(questionId)] = correct ? correctKeys(q, optionOrder) : wrongAnswer(r, q, optionOrder)
        return { questionId, correct }
      })
      const correctCount = results.filter((x) => x.correct).length
      const score = Math.round((100 * correctCount) / results.length)
      const submittedAt =
        startedAt +
        Math.round((quiz.mode === 'daily' ? between(r, 1, 4) : between(r, 6, Math.min(18, (quiz.timeLimitMinutes ?? 20) - 1))) * MINUTE)
      const deadline = quiz.timeLimitMinutes ? iso(startedAt + quiz.timeLimitMinutes * MINUTE) : null
      const day = dayOf(startedAt)!
      attempts.push([
        m.id,
        m.organizationId,
        quiz.id,
        quiz.mode,
        day.key,
        'submitted',
        iso(startedAt),
        deadline,
        iso(submittedAt),
        score,
        correctCount,
        results.length,
        score >= quiz.passScore,
        JSON.stringify(paper),
        JSON.stringify(answers),
        JSON.stringify(results),
        iso(submittedAt),
        iso(startedAt),
      ])
      const index = attemptIndex++
      if (quiz.mode === 'daily' && correctCount)
        pointsPlan.push({
          memberId: m.id,
          org: m.organizationId,
          rule: 'dailyQuiz',
          times: correctCount,
          at: submittedAt,
          eventKey: (id) => `quiz-attempt:${id}`,
          attempt: index,
        })
      seen(day, startedAt)
      for (const x of results) if (x.correct) correctAt.set(x.questionId, submittedAt)
      return score >= quiz.passScore
    }
    if (daily && dailyRate > 0) {
      const range = profile === 'zero' ? lastYear : days
      for (const day of range) {
        if (quizDays.has(`${m.id}:${daily.id}:${day.key}`)) continue
        if (r() >= dailyRate * (0.4 + 0.6 * Math.min(1.5, day.weight))) continue
        const startedAt = day.start + Math.round((r() < 0.5 ? between(r, 7, 8.5) : between(r, 12, 13)) * HOUR)
        // Five questions, avoiding those answered correctly in the last 30 days where the bank allows.
        const fresh = daily.pool.filter((q) => (correctAt.get(q) ?? 0) < startedAt - 30 * DAY)
        const candidates = fresh.length >= daily.count ? fresh : daily.pool
        sit(daily, startedAt, shuffled(r, candidates).slice(0, daily.count))
      }
    }
    const topic = r() < 0.6 && historyTopic ? historyTopic : topics[Math.floor(r() * topics.length)]
    if (topic && !quizTaken.has(`${m.id}:${topic.id}`) && profile !== 'zero' && r() < (profile === 'behind' ? 0.55 : 0.85)) {
      const quiz = topic
      const june = thisYear.filter((d) => d.month === 6 && d.date >= 8)
      const range = quiz === historyTopic && june.length ? june : thisYear.filter((d) => d.month !== 8 && d.month !== 2)
      let day = drawDays(r, range.length ? range : days, 1, new Map())[0]
      const limit = quiz.attemptsAllowed > 0 ? quiz.attemptsAllowed : 3
      for (let attempt = 1; attempt <= limit; attempt++) {
        const startedAt = day.start + Math.round(between(r, 14, 17) * HOUR)
        const passed = sit(quiz, startedAt, shuffled(r, quiz.pool).slice(0, quiz.count))
        const next = days[day.index + intBetween(r, 1, 7)]
        if (passed || !next || r() < 0.35) break
        day = next
      }
    }
    // A login on every day with any activity, a few minutes before it.
    for (const { day, first } of activeDays.values()) {
      const at = Math.max(day.start, first - Math.round(between(r, 1, 6) * MINUTE))
      pointsPlan.push({ memberId: m.id, org: m.organizationId, rule: 'login', times: 1, at, eventKey: `login:${day.key}` })
    }
  }

  // ── write it, in one transaction ──────────────────────────────────────────────────────────
  let pointsCount = 0
  const written = await transact(payload, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('seed-study-history'))`)
    // Already seeded: nothing written.
    if (await exists(client)) return false
    const attemptIds = attempts.length
      ? (
          await client.query<{ id: number }>(
            `SELECT nextval(pg_get_serial_sequence('quiz_attempts', 'id'))::int AS id FROM generate_series(1, $1)`,
            [attempts.length],
          )
        ).rows.map((x) => x.id)
      : []

    // Points in time order per member, within each rule's daily cap.
    const given = new Map<string, number>()
    const points: PointsRow[] = []
    for (const p of [...pointsPlan].sort((a, b) => a.memberId - b.memberId || a.at - b.at)) {
      const rule = pointRules.get(p.rule)
      if (!rule || rule.points <= 0) continue
      const day = dayOf(p.at)?.key
      if (!day) continue
      const key = `${p.memberId}:${p.rule}:${day}`
      const amount = Math.min(rule.points * p.times, rule.dailyCap - (given.get(key) ?? 0))
      if (amount <= 0) continue
      given.set(key, (given.get(key) ?? 0) + amount)
      const eventKey = typeof p.eventKey === 'string' ? p.eventKey : p.eventKey(attemptIds[p.attempt!])
      points.push([p.memberId, p.org, p.rule, amount, day, eventKey, iso(p.at), iso(p.at)])
    }

    await insert(
      client,
      'study_progress',
      [
        ['member_id', 'int'],
        ['organization_id', 'int'],
        ['item_collection', 'enum_study_progress_item_collection'],
        ['item_id', 'numeric'],
        ['seconds_credited', 'numeric'],
        ['position', 'numeric'],
        ['percent', 'numeric'],
        ['completed_at', 'timestamptz'],
        ['hours_credited', 'numeric'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      progress,
    )
    await insert(
      client,
      'study_events',
      [
        ['member_id', 'int'],
        ['organization_id', 'int'],
        ['item_collection', 'enum_study_events_item_collection'],
        ['item_id', 'numeric'],
        ['kind', 'enum_study_events_kind'],
        ['client_position', 'numeric'],
        ['credited_seconds', 'numeric'],
        ['beat_id', 'varchar'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      events,
    )
    await insert(
      client,
      'quiz_attempts',
      [
        ['id', 'int'],
        ['member_id', 'int'],
        ['organization_id', 'int'],
        ['quiz_id', 'int'],
        ['mode', 'varchar'],
        ['day', 'varchar'],
        ['status', 'enum_quiz_attempts_status'],
        ['started_at', 'timestamptz'],
        ['deadline', 'timestamptz'],
        ['submitted_at', 'timestamptz'],
        ['score', 'numeric'],
        ['correct_count', 'numeric'],
        ['total', 'numeric'],
        ['passed', 'boolean'],
        ['paper', 'jsonb'],
        ['answers', 'jsonb'],
        ['results', 'jsonb'],
        ['updated_at', 'timestamptz'],
        ['created_at', 'timestamptz'],
      ],
      attempts.map((a, i) => [attemptIds[i], ...a]),
    )
    pointsCount = await insert(
      client,
      'points_ledger',
      [
        ['member_id', 'int'],
        ['organization_id', 'int'],
        ['rule', 'enum_points_ledger_rule'],
        ['points', 'numeric'],
        ['day', 'varchar'],
        ['event_key', 'varchar'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      points,
      'ON CONFLICT (member_id, rule, event_key) DO NOTHING',
    ) // a real sign-in that day already earned its point
    return true
  })
  if (!written) return { ...empty, ms: Date.now() - started }

  const report: HistoryReport = {
    skipped: false,
    members: members.length,
    profiles: tally,
    hoursThisYear: Object.fromEntries(
      Object.entries(hoursOf).map(([p, list]) => [
        p,
        list.length
          ? { min: Math.min(...list), mean: Math.round((10 * list.reduce((a, b) => a + b, 0)) / list.length) / 10, max: Math.max(...list) }
          : none,
      ]),
    ) as HistoryReport['hoursThisYear'],
    studyProgress: progress.length,
    studyEvents: events.length,
    quizAttempts: attempts.length,
    pointsLedger: pointsCount,
    ms: Date.now() - started,
  }
  options.log?.(
    `学习记录：${report.members} 名学员（稳定 ${tally.steady}、落后 ${tally.behind}、超前 ${tally.ahead}、本年零学时 ${tally.zero}），` +
      `本年学时（最少/平均/最多）稳定 ${fmt(report.hoursThisYear.steady)}、落后 ${fmt(report.hoursThisYear.behind)}、超前 ${fmt(report.hoursThisYear.ahead)}，应达进度 ${pace}；` +
      `学习进度 ${report.studyProgress} 条、学习事件 ${report.studyEvents} 条、答题 ${report.quizAttempts} 次、积分 ${report.pointsLedger} 条，用时 ${report.ms} ms`,
  )
  return report
}

const fmt = (h: { min: number; mean: number; max: number }) => `${h.min}/${h.mean}/${h.max}`

/** A plausible wrong answer: another option, the other truth value, a missing or wrong fill-in. */
const wrongAnswer = (r: Random, q: GradableQuestion, order: number[]): string[] => {
  const right = correctKeys(q, order)
  if (q.type === 'trueFalse') return [right[0] === 'correct' ? 'wrong' : 'correct']
  if (q.type === 'fillIn') return r() < 0.5 ? [] : ['不确定']
  const keys = order.map((_, pos) => optionKey(pos))
  const wrong = keys.filter((k) => !right.includes(k))
  if (q.type === 'single' || right.length < 2) return wrong.length ? [wrong[Math.floor(r() * wrong.length)]] : []
  // Multiple choice: one right option missed, or one wrong option added.
  if (!wrong.length || r() < 0.5) return right.filter((_, i) => i !== Math.floor(r() * right.length))
  return [...right, wrong[Math.floor(r() * wrong.length)]].sort()
}

/** Plain multi-row INSERTs (one statement per chunk, arrays unnested), so row and statement triggers fire. */
const insert = async (
  client: Queryable,
  table: string,
  columns: Array<[string, string]>,
  rows: unknown[][],
  onConflict = '',
  chunk = 5000,
) => {
  const list = columns.map(([c]) => `"${c}"`).join(', ')
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')
  let inserted = 0
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk)
    const result = await client.query(
      `INSERT INTO ${table} (${list}) SELECT * FROM unnest(${arrays}) ${onConflict}`,
      columns.map((_, c) => part.map((row) => row[c])),
    )
    inserted += result.rowCount ?? 0
  }
  return inserted
}
