import type { Payload } from 'payload'

import { CONTENT_KIND_SLUGS, CONTENT_KINDS, STUDIED_KINDS, studiedTitleSql } from '../content/kinds'
import { poolOf } from '../db/pool'
import { cadreSql, studyTargets } from '../ledger/targets'
import { expectedHours, yearOf } from '../study/pace'
import { PACE_STAGES } from '../warnings/checks'
import { timed, type Timing } from '../timing'
import { cachedMemberFigures } from './cache'
import type { Scope } from './scope'

/** Titles of the items rollups name (src/content/kinds.ts). */
const ITEM_TITLES = studiedTitleSql('s')

/**
 * The cockpit's numbers for a scope, read from the rollups (src/migrations/…_cockpit_rollups.ts),
 * never from raw events. Queries run side by side on the pool.
 */

/** Hour bands of the distribution chart (lower bound inclusive). */
export const HOUR_BANDS = [
  { key: 'zero', label: '0 学时', min: 0, max: 0 },
  { key: 'lt8', label: '0–8', min: 0.0001, max: 8 },
  { key: 'lt16', label: '8–16', min: 8, max: 16 },
  { key: 'lt24', label: '16–24', min: 16, max: 24 },
  { key: 'lt32', label: '24–32', min: 24, max: 32 },
  { key: 'done', label: '≥ 32', min: 32, max: Infinity },
] as const
export type Band = (typeof HOUR_BANDS)[number]['key']

const n = (v: unknown) => Number(v ?? 0)
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d
const share = (a: number, b: number) => (b ? round((100 * a) / b) : 0)

/**
 * Members the study rules bind, in scope, with their year's hours and quiz figures (one scan). The
 * stage is compared as the enum itself: cast to text, the planner lost its statistics, expected ~130
 * of 20,000 members and chose 40,000 index lookups instead of two hash joins (450 ms vs …).
 */
const MEMBERS_CTE = `
  WITH m AS (
    SELECT u.id, u.organization_id, coalesce(y.hours, 0) AS hours, coalesce(y.completions, 0) AS completions, ${cadreSql('u')} AS cadre,
           coalesce(q.attempts, 0) AS attempts, coalesce(q.passed, 0) AS passed, coalesce(q.score_sum, 0) AS score_sum
      FROM users u
      JOIN users_roles r ON r.parent_id = u.id AND r.value = 'member'
      LEFT JOIN study_member_year y ON y.member_id = u.id AND y.year = $2
      LEFT JOIN quiz_member_year q ON q.member_id = u.id AND q.year = $2
     WHERE u.organization_id = ANY($1::int[]) AND u.active IS NOT FALSE AND u.political_stage = ANY($3::enum_users_political_stage[]))`

type Query = [string, unknown[]]

/**
 * Where members should be by now and by the year's end: each member against their role's target
 * (src/ledger/targets.ts: 32 for members, 56 for branch secretaries and committee staff by default).
 */
export type Pace = { expected: number; target: number; cadreExpected: number; cadreTarget: number }

/**
 * The cockpit's queries, by name (also run one by one under EXPLAIN by `BENCH_PROFILE=1 npm run
 * bench:cockpit`). All read rollups.
 */
export const COCKPIT_QUERIES = {
  groups: (scope: Scope, year: number, pace: Pace): Query => [
    `${MEMBERS_CTE}
       SELECT m.organization_id AS org, GROUPING(m.organization_id) AS total, count(*)::int AS members,
              count(*) FILTER (WHERE hours >= CASE WHEN cadre THEN $6::numeric ELSE $4::numeric END)::int AS on_pace,
              count(*) FILTER (WHERE hours >= CASE WHEN cadre THEN $7::numeric ELSE $5::numeric END)::int AS at_target,
              count(*) FILTER (WHERE hours = 0)::int AS zero, count(*) FILTER (WHERE hours > 0 AND hours < 8)::int AS lt8,
              count(*) FILTER (WHERE hours >= 8 AND hours < 16)::int AS lt16, count(*) FILTER (WHERE hours >= 16 AND hours < 24)::int AS lt24,
              count(*) FILTER (WHERE hours >= 24 AND hours < 32)::int AS lt32, count(*) FILTER (WHERE hours >= 32)::int AS done,
              sum(hours) AS hours, sum(completions)::int AS completions,
              count(*) FILTER (WHERE attempts > 0)::int AS participants, sum(attempts)::int AS attempts, sum(passed)::int AS passed, sum(score_sum) AS score_sum
         FROM m GROUP BY GROUPING SETS ((m.organization_id), ())`,
    [scope.orgIds, year, PACE_STAGES, pace.expected, pace.target, pace.cadreExpected, pace.cadreTarget],
  ],
  studyMonths: (scope: Scope, year: number, _pace: Pace): Query => [
    `SELECT extract(month FROM month)::int AS month, sum(hours) AS hours, sum(seconds) AS seconds, sum(completions)::int AS completions
         FROM study_org_month WHERE organization_id = ANY($1::int[]) AND month >= make_date($2, 1, 1) AND month < make_date($2 + 1, 1, 1) GROUP BY 1 ORDER BY 1`,
    [scope.orgIds, year],
  ],
  quizMonths: (scope: Scope, year: number, _pace: Pace): Query => [
    `SELECT extract(month FROM month)::int AS month, sum(attempts)::int AS attempts, sum(passed)::int AS passed, sum(score_sum) AS score_sum
         FROM quiz_org_month WHERE organization_id = ANY($1::int[]) AND month >= make_date($2, 1, 1) AND month < make_date($2 + 1, 1, 1) GROUP BY 1 ORDER BY 1`,
    [scope.orgIds, year],
  ],
  topItems: (scope: Scope, year: number, _pace: Pace): Query => [
    `WITH s AS (SELECT item_collection, item_id, sum(completions)::int AS completions FROM study_item_org_year
                   WHERE year = $2 AND organization_id = ANY($1::int[]) GROUP BY 1, 2 HAVING sum(completions) > 0 ORDER BY 3 DESC, 1, 2 LIMIT 10)
       SELECT s.*, ${ITEM_TITLES.title} AS title FROM s
         ${ITEM_TITLES.joins}
        ORDER BY s.completions DESC, s.item_collection, s.item_id`,
    [scope.orgIds, year],
  ],
  themes: (scope: Scope, year: number, _pace: Pace): Query => [
    `WITH s AS (SELECT item_collection, item_id, sum(completions)::int AS completions FROM study_item_org_year
                   WHERE year = $2 AND organization_id = ANY($1::int[]) GROUP BY 1, 2),
            t AS (${STUDIED_KINDS.map((k) => `SELECT '${k}' AS c, parent_id, themes_id FROM ${CONTENT_KINDS[k].table}_rels WHERE path = 'themes'`).join('\n                  UNION ALL ')})
       SELECT th.id, th.name, sum(s.completions)::int AS completions
         FROM s JOIN t ON t.c = s.item_collection AND t.parent_id = s.item_id JOIN themes th ON th.id = t.themes_id
        GROUP BY th.id, th.name HAVING sum(s.completions) > 0 ORDER BY 3 DESC`,
    [scope.orgIds, year],
  ],
  hardest: (scope: Scope, year: number, _pace: Pace): Query => [
    `SELECT q.id, q.stem, sum(x.answers)::int AS answers, sum(x.wrong)::int AS wrong
         FROM quiz_question_org_year x JOIN questions q ON q.id = x.question_id
        WHERE x.year = $2 AND x.organization_id = ANY($1::int[])
        GROUP BY q.id, q.stem HAVING sum(x.answers) >= 3 ORDER BY sum(x.wrong)::numeric / sum(x.answers) DESC, 3 DESC LIMIT 10`,
    [scope.orgIds, year],
  ],
  branches: (scope: Scope, _year: number, _pace: Pace): Query => [
    `SELECT o.id, o.name, o.parent_id, p.name AS parent_name, o.member_count, o.full_member_count, o.compliance_state::text AS state, o.term_end,
              s.name AS secretary, ARRAY(SELECT value::text FROM organizations_compliance_issues i WHERE i.parent_id = o.id ORDER BY value) AS issues
         FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id LEFT JOIN users s ON s.id = o.secretary_id
        WHERE o.id = ANY($1::int[]) AND o.type = 'branch' ORDER BY p.name, o.name`,
    [scope.orgIds],
  ],
}

/** The settings the figures depend on, straight from the settings table (no Payload round trip). */
const settings = async (payload: Payload) => {
  const [{ rows }, targets] = await Promise.all([
    poolOf(payload).query(`SELECT term_warning_days AS days FROM platform_settings LIMIT 1`),
    studyTargets(payload),
  ])
  return { targets, termWarningDays: n(rows[0]?.days ?? 90) }
}

export const cockpitData = async (payload: Payload, scope: Scope, now = new Date(), year = yearOf(now), timing?: Timing) => {
  const pool = poolOf(payload)
  const { targets, termWarningDays } = await settings(payload)
  const expectedBy = (t: number) => (year === yearOf(now) ? expectedHours(t, now, year) : t)
  const pace: Pace = {
    expected: expectedBy(targets.member),
    target: targets.member,
    cadreExpected: expectedBy(targets.cadre),
    cadreTarget: targets.cadre,
  }
  const { target, expected } = pace
  const run = (q: Query) => pool.query(q[0], q[1])
  const Q = COCKPIT_QUERIES
  // The per-member pass, kept until a change notice (src/cockpit/cache.ts); the rest read fresh.
  const members = async () => {
    const t = performance.now()
    const q = Q.groups(scope, year, pace)
    const { value, hit } = await cachedMemberFigures(payload, JSON.stringify(q[1]), async () => (await run(q)).rows)
    timing?.push([hit ? 'members-cached' : 'members', performance.now() - t])
    return { rows: value }
  }
  const [groups, studyMonths, quizMonths, topItems, themes, hardest, branches] = await Promise.all([
    members(),
    ...(['studyMonths', 'quizMonths', 'topItems', 'themes', 'hardest', 'branches'] as const).map((name) =>
      timed(timing, name, run(Q[name](scope, year, pace))),
    ),
  ])

  const total = groups.rows.find((r) => n(r.total) === 1) ?? {}
  const perOrg = new Map(groups.rows.filter((r) => n(r.total) === 0).map((r) => [n(r.org), r]))
  const summary = (r: Record<string, unknown>) => ({
    members: n(r.members),
    onPace: n(r.on_pace),
    atTarget: n(r.at_target),
    onPaceShare: share(n(r.on_pace), n(r.members)),
    atTargetShare: share(n(r.at_target), n(r.members)),
    averageHours: n(r.members) ? round(n(r.hours) / n(r.members)) : 0,
    completions: n(r.completions),
    quizParticipants: n(r.participants),
    quizParticipation: share(n(r.participants), n(r.members)),
    quizAttempts: n(r.attempts),
    quizPassRate: share(n(r.passed), n(r.attempts)),
    quizAverageScore: n(r.attempts) ? round(n(r.score_sum) / n(r.attempts)) : 0,
  })
  const now0 = now.getTime()
  const branchRows = branches.rows.map((b) => {
    const daysLeft = b.term_end ? Math.ceil((new Date(b.term_end).getTime() - now0) / 86_400_000) : null
    return {
      id: n(b.id),
      name: String(b.name),
      college: b.parent_name ? { id: n(b.parent_id), name: String(b.parent_name) } : null,
      secretary: b.secretary ?? null,
      memberCount: n(b.member_count),
      fullMemberCount: n(b.full_member_count),
      issues: b.issues as string[],
      termEnd: b.term_end ? new Date(b.term_end).toISOString() : null,
      termDaysLeft: daysLeft,
      needsAction: (b.issues as string[]).length > 0 || (daysLeft !== null && daysLeft <= termWarningDays),
      study: summary(perOrg.get(n(b.id)) ?? {}),
    }
  })
  const colleges = new Map<number, { id: number; name: string; rows: Record<string, unknown>[] }>()
  for (const b of branchRows) {
    if (!b.college) continue
    const c = colleges.get(b.college.id) ?? { ...b.college, rows: [] }
    c.rows.push(perOrg.get(b.id) ?? {})
    colleges.set(b.college.id, c)
  }
  const sumRows = (rows: Record<string, unknown>[]) => {
    const keys = ['members', 'on_pace', 'at_target', 'hours', 'completions', 'participants', 'attempts', 'passed', 'score_sum']
    return Object.fromEntries(keys.map((k) => [k, rows.reduce((a, r) => a + n(r[k]), 0)]))
  }

  return {
    scope: { level: scope.level, id: scope.root.id, name: scope.root.name },
    year,
    target,
    expectedHours: expected,
    cadreTarget: pace.cadreTarget,
    cadreExpectedHours: pace.cadreExpected,
    study: {
      ...summary(total),
      distribution: HOUR_BANDS.map((b) => ({ band: b.key, label: b.label, members: n((total as Record<string, unknown>)[b.key]) })),
      byMonth: Array.from({ length: 12 }, (_, i) => {
        const r = studyMonths.rows.find((x) => n(x.month) === i + 1)
        return { month: i + 1, hours: round(n(r?.hours)), studyHours: round(n(r?.seconds) / 3600), completions: n(r?.completions) }
      }),
      byCollege:
        scope.level === 'university' ? [...colleges.values()].map((c) => ({ id: c.id, name: c.name, ...summary(sumRows(c.rows)) })) : [],
      byBranch: branchRows.map((b) => ({ id: b.id, name: b.name, college: b.college?.name ?? null, ...b.study })),
    },
    learning: {
      completions: n((total as Record<string, unknown>).completions),
      topItems: topItems.rows.map((r) => ({
        collection: String(r.item_collection),
        id: n(r.item_id),
        title: String(r.title),
        completions: n(r.completions),
      })),
      themes: themes.rows.map((r) => ({ id: n(r.id), name: String(r.name), completions: n(r.completions) })),
    },
    quizzes: {
      participants: n((total as Record<string, unknown>).participants),
      participation: summary(total).quizParticipation,
      attempts: summary(total).quizAttempts,
      passRate: summary(total).quizPassRate,
      averageScore: summary(total).quizAverageScore,
      byMonth: Array.from({ length: 12 }, (_, i) => {
        const r = quizMonths.rows.find((x) => n(x.month) === i + 1)
        return {
          month: i + 1,
          attempts: n(r?.attempts),
          passRate: share(n(r?.passed), n(r?.attempts)),
          averageScore: n(r?.attempts) ? round(n(r?.score_sum) / n(r?.attempts)) : 0,
        }
      }),
      hardest: hardest.rows.map((r) => ({
        id: n(r.id),
        stem: String(r.stem),
        answers: n(r.answers),
        wrong: n(r.wrong),
        wrongRate: share(n(r.wrong), n(r.answers)),
      })),
    },
    branches: { rows: branchRows, needsAction: branchRows.filter((b) => b.needsAction).map((b) => b.id) },
  }
}

export type CockpitData = Awaited<ReturnType<typeof cockpitData>>

const PENDING = [
  { state: 'pendingFirst', level: '1', label: '待初审' },
  { state: 'pendingSecond', level: '2', label: '待复审' },
  { state: 'pendingFinal', level: '3', label: '待终审' },
] as const

/**
 * 内容工作 (university level): items published per column and month, items waiting at each review
 * level and for how long, returns per review level. Content is the university's, not a branch's.
 */
export const contentWork = async (payload: Payload, now = new Date(), year = yearOf(now)) => {
  const pool = poolOf(payload)
  const [published, returns] = await Promise.all([
    pool.query(
      // Per kind (src/content/kinds.ts); news also by column.
      CONTENT_KIND_SLUGS.map(
        (
          k,
        ) => `SELECT '${k}' AS collection, ${k === 'news' ? '"column"::text' : 'NULL'} AS k, extract(month FROM published_at AT TIME ZONE 'Asia/Shanghai')::int AS month, count(*)::int AS n
         FROM ${CONTENT_KINDS[k].table} WHERE _status = 'published' AND extract(year FROM published_at AT TIME ZONE 'Asia/Shanghai') = $1 GROUP BY 1, 2, 3`,
      ).join('\n       UNION ALL '),
      [year],
    ),
    pool.query(
      `SELECT level::text AS level, count(*)::int AS n FROM review_logs
        WHERE action = 'return' AND extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai') = $1 GROUP BY 1 ORDER BY 1`,
      [year],
    ),
  ])
  // Waiting items: the latest version's state (a revision of a live item waits too).
  const waiting: Array<{ collection: string; id: number; title: string; state: string; since: string | null; days: number | null }> = []
  await Promise.all(
    CONTENT_KIND_SLUGS.map(async (collection) => {
      const { docs } = await payload.find({
        collection,
        where: { reviewState: { in: PENDING.map((p) => p.state) } },
        draft: true,
        depth: 0,
        limit: 500,
        overrideAccess: true,
        select: { title: true, reviewState: true },
      })
      if (!docs.length) return
      const since = await pool.query<{ item_id: string; to_state: string; at: Date }>(
        `SELECT item_id, to_state::text, max(created_at) AS at FROM review_logs WHERE item_collection = $1 AND item_id = ANY($2::text[]) GROUP BY 1, 2`,
        [collection, (docs as unknown as Array<{ id: number }>).map((d) => String(d.id))],
      )
      for (const d of docs as unknown as Array<{ id: number; title?: string; reviewState?: string }>) {
        const at = since.rows.find((r) => r.item_id === String(d.id) && r.to_state === d.reviewState)?.at
        waiting.push({
          collection,
          id: d.id,
          title: String(d.title ?? ''),
          state: String(d.reviewState),
          since: at ? new Date(at).toISOString() : null,
          days: at ? round((now.getTime() - new Date(at).getTime()) / 86_400_000) : null,
        })
      }
    }),
  )
  return {
    publishedByMonth: published.rows.map((r) => ({
      collection: String(r.collection),
      column: r.k ? String(r.k) : null,
      month: n(r.month),
      items: n(r.n),
    })),
    waiting: PENDING.map((p) => {
      const items = waiting.filter((w) => w.state === p.state).sort((a, b) => (b.days ?? 0) - (a.days ?? 0))
      return {
        state: p.state,
        label: p.label,
        level: p.level,
        count: items.length,
        oldestDays: items[0]?.days ?? null,
        averageDays: items.length ? round(items.reduce((a, w) => a + (w.days ?? 0), 0) / items.length) : null,
        items,
      }
    }),
    returnsByLevel: ['1', '2', '3'].map((level) => ({ level, returns: n(returns.rows.find((r) => r.level === level)?.n) })),
  }
}
