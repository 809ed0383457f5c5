import { CONTENT_KIND_SLUGS, CONTENT_KINDS, STUDIED_KINDS, studiedTitleSql } from '../content/kinds'
import type { Queryable } from '../db/transaction'
import { CADRE_ROLES } from '../ledger/targets'
import { PACE_STAGES } from '../warnings/checks'
import type { Scope } from './scope'

/**
 * Every SQL statement of the cockpit (src/cockpit), each a typed function on what it runs on — the
 * pool (`poolOf(payload)`) for the figures, a transaction (`tx` from `transact`) for the rollup
 * rebuild. PostgreSQL's numeric values (strings to node-postgres) come back as numbers. Statements
 * over every content kind are built from the registry (src/content/kinds.ts), so a new kind is one
 * entry there; tests/int/db/sql-schema.test.ts builds and prepares them as they are built here.
 */

/** Titles of the items rollups name (src/content/kinds.ts). */
const ITEM_TITLES = studiedTitleSql('s')

const num = (v: string | number | null | undefined) => Number(v ?? 0)

// ---------------------------------------------------------------- the figures (src/cockpit/data.ts)

/**
 * Where members should be by now and by the year's end: each member against their role's target
 * (src/ledger/targets.ts: 32 for members, 56 for branch secretaries and committee staff by default).
 */
export type Pace = { expected: number; target: number; cadreExpected: number; cadreTarget: number }

/** A statement and its parameters, as node-postgres takes them. */
type Query = [string, unknown[]]

/** Each member the study rules bind in scope, or only those of `ids` among them (`members` below). */
const membersQuery = (scope: Scope, year: number, ids: number[] | null): Query => [
  `SELECT u.id, u.organization_id AS org, coalesce(y.hours, 0) AS hours, coalesce(y.completions, 0)::int AS completions,
          EXISTS (SELECT 1 FROM users_roles cr WHERE cr.parent_id = u.id AND cr.value::text = ANY($4::text[])) AS cadre,
          coalesce(q.attempts, 0)::int AS attempts, coalesce(q.passed, 0)::int AS passed, coalesce(q.score_sum, 0) AS score_sum
     FROM users u
     JOIN users_roles r ON r.parent_id = u.id AND r.value = 'member'
     LEFT JOIN study_member_year y ON y.member_id = u.id AND y.year = $2
     LEFT JOIN quiz_member_year q ON q.member_id = u.id AND q.year = $2
    WHERE u.organization_id = ANY($1::int[]) AND u.active IS NOT FALSE AND u.political_stage = ANY($3::enum_users_political_stage[])
      AND ($5::int[] IS NULL OR u.id = ANY($5::int[]))`,
  [scope.orgIds, year, PACE_STAGES, CADRE_ROLES, ids],
]

/**
 * The cockpit's queries over a scope, by name (also run one by one under EXPLAIN by
 * `BENCH_PROFILE=1 npm run bench:cockpit`). All read rollups (src/migrations/…_cockpit_rollups.ts),
 * never raw events. `members`: each member the study rules bind, in scope (or only those of `ids`),
 * with their year's hours and quiz figures — one row a member, kept between changes and grouped per
 * organisation in src/cockpit/groups.ts. The stage is compared as the enum itself: cast to text, the
 * planner lost its statistics, expected ~130 of 20,000 members and chose 40,000 index lookups instead
 * of two hash joins (450 ms vs …). A cadre ($4: src/ledger/targets.ts CADRE_ROLES) is held to the
 * cadre pace.
 */
export const COCKPIT_QUERIES = {
  members: (scope: Scope, year: number): Query => membersQuery(scope, year, null),
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
  // Titles from every studied kind. This and `themes` are what the cockpit's top items and themes equal (src/cockpit/items.ts
  // works them out from the kept `itemSums`; tests compare them), read here only by tests and the bench's profile.
  topItems: (scope: Scope, year: number, _pace: Pace): Query => [
    `WITH s AS (SELECT item_collection, item_id, sum(completions)::int AS completions FROM study_item_org_year
                   WHERE year = $2 AND organization_id = ANY($1::int[]) GROUP BY 1, 2 HAVING sum(completions) > 0 ORDER BY 3 DESC, 1, 2 LIMIT 10)
       SELECT s.*, ${ITEM_TITLES.title} AS title FROM s
         ${ITEM_TITLES.joins}
        ORDER BY s.completions DESC, s.item_collection, s.item_id`,
    [scope.orgIds, year],
  ],
  // Themes of every studied kind.
  themes: (scope: Scope, year: number, _pace: Pace): Query => [
    `WITH s AS (SELECT item_collection, item_id, sum(completions)::int AS completions FROM study_item_org_year
                   WHERE year = $2 AND organization_id = ANY($1::int[]) GROUP BY 1, 2),
            t AS (${STUDIED_KINDS.map((k) => `SELECT '${k}' AS c, parent_id, themes_id FROM ${CONTENT_KINDS[k].table}_rels WHERE path = 'themes'`).join('\n                  UNION ALL ')})
       SELECT th.id, th.name, sum(s.completions)::int AS completions
         FROM s JOIN t ON t.c = s.item_collection AND t.parent_id = s.item_id JOIN themes th ON th.id = t.themes_id
        GROUP BY th.id, th.name HAVING sum(s.completions) > 0 ORDER BY 3 DESC, th.id`,
    [scope.orgIds, year],
  ],
  // What the cockpit keeps instead of the two above (src/cockpit/cache.ts, items.ts): the scope's completions per item
  // (or those of the named items, $3/$4: may read a few more, each summed whole), patched one item at a time.
  itemSums: (scope: Scope, year: number, _pace?: Pace, items: ItemRef[] | null = null): Query => [
    `SELECT item_collection, item_id, sum(completions)::int AS completions FROM study_item_org_year
      WHERE year = $2 AND organization_id = ANY($1::int[])
        AND ($3::text[] IS NULL OR (item_collection = ANY($3::text[]) AND item_id = ANY($4::int[])))
      GROUP BY 1, 2 HAVING sum(completions) <> 0`,
    [scope.orgIds, year, items && [...new Set(items.map((i) => i.item_collection))], items && [...new Set(items.map((i) => i.item_id))]],
  ],
  // The titles of some items (the top ten), whatever the scope.
  itemTitles: (_scope?: Scope, _year?: number, _pace?: Pace, items: ItemRef[] = []): Query => [
    `SELECT s.item_collection, s.item_id, ${ITEM_TITLES.title} AS title FROM unnest($1::text[], $2::int[]) AS s(item_collection, item_id)
         ${ITEM_TITLES.joins}`,
    [items.map((i) => i.item_collection), items.map((i) => i.item_id)],
  ],
  // Every studied item's themes, whatever the scope (a link listed twice counts twice, as in `themes`).
  themeLinks: (_scope?: Scope, _year?: number, _pace?: Pace): Query => [
    `SELECT t.c AS item_collection, t.parent_id AS item_id, th.id, th.name
       FROM (${STUDIED_KINDS.map((k) => `SELECT '${k}' AS c, parent_id, themes_id FROM ${CONTENT_KINDS[k].table}_rels WHERE path = 'themes'`).join('\n             UNION ALL ')}) t
       JOIN themes th ON th.id = t.themes_id`,
    [],
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

const run = async <Row>(db: Queryable, [text, params]: Query): Promise<Row[]> => (await db.query(text, params)).rows as Row[]

/** The key a scope's member rows are kept under between changes (src/cockpit/cache.ts): its organisations and year. */
export const memberRowsKey = (scope: Scope, year: number) => JSON.stringify([scope.orgIds, year])

/** One member the study rules bind: organisation, the year's 学时 and completions, cadre or not, quiz figures. */
export type MemberFigureRow = {
  id: number
  org: number
  hours: number
  completions: number
  cadre: boolean
  attempts: number
  passed: number
  score_sum: number
}
/** The year's figures of every member the study rules bind in scope, or of those of `ids` among them. */
export const memberFigureRows = async (
  db: Queryable,
  scope: Scope,
  year: number,
  ids: number[] | null = null,
): Promise<MemberFigureRow[]> =>
  (await run<MemberFigureRow & { hours: string; score_sum: string }>(db, membersQuery(scope, year, ids))).map((r) => ({
    ...r,
    hours: num(r.hours),
    score_sum: num(r.score_sum),
  }))

export type StudyMonthRow = { month: number; hours: number; seconds: number; completions: number }
/** The scope's 学时, study seconds and completions per month of the year (months without any left out). */
export const studyMonthRows = async (db: Queryable, scope: Scope, year: number, pace: Pace): Promise<StudyMonthRow[]> =>
  (
    await run<{ month: number; hours: string | null; seconds: string | null; completions: number }>(
      db,
      COCKPIT_QUERIES.studyMonths(scope, year, pace),
    )
  ).map((r) => ({ month: r.month, hours: num(r.hours), seconds: num(r.seconds), completions: num(r.completions) }))

export type QuizMonthRow = { month: number; attempts: number; passed: number; score_sum: number }
/** The scope's quiz attempts, passes and score sum per month of the year. */
export const quizMonthRows = async (db: Queryable, scope: Scope, year: number, pace: Pace): Promise<QuizMonthRow[]> =>
  (
    await run<{ month: number; attempts: number; passed: number; score_sum: string | null }>(
      db,
      COCKPIT_QUERIES.quizMonths(scope, year, pace),
    )
  ).map((r) => ({ month: r.month, attempts: num(r.attempts), passed: num(r.passed), score_sum: num(r.score_sum) }))

export type TopItemRow = { item_collection: string; item_id: number; completions: number; title: string }
/** The ten items most completed in scope this year, with their titles (`（已删除）` for one deleted since). */
export const topItemRows = (db: Queryable, scope: Scope, year: number, pace: Pace): Promise<TopItemRow[]> =>
  run<TopItemRow>(db, COCKPIT_QUERIES.topItems(scope, year, pace))

export type ThemeRow = { id: number; name: string; completions: number }
/** Completions in scope this year per theme of the items completed, most first. */
export const themeCompletions = (db: Queryable, scope: Scope, year: number, pace: Pace): Promise<ThemeRow[]> =>
  run<ThemeRow>(db, COCKPIT_QUERIES.themes(scope, year, pace))

/** An item of a studied kind (src/content/kinds.ts), as the rollups name it. */
export type ItemRef = { item_collection: string; item_id: number }
export type ItemSumRow = ItemRef & { completions: number }
/** The scope's completions this year per item with any (or per item of `items`, and perhaps a few more). */
export const itemSumRows = (db: Queryable, scope: Scope, year: number, items: ItemRef[] | null = null): Promise<ItemSumRow[]> =>
  run<ItemSumRow>(db, COCKPIT_QUERIES.itemSums(scope, year, undefined, items))

export type ItemTitleRow = ItemRef & { title: string }
/** The items' titles (`（已删除）` for one deleted since). */
export const itemTitleRows = async (db: Queryable, items: ItemRef[]): Promise<ItemTitleRow[]> =>
  items.length ? run<ItemTitleRow>(db, COCKPIT_QUERIES.itemTitles(undefined, undefined, undefined, items)) : []

export type ThemeLinkRow = ItemRef & { id: number; name: string }
/** Each theme link of every studied item, with the theme's name. */
export const themeLinkRows = (db: Queryable): Promise<ThemeLinkRow[]> => run<ThemeLinkRow>(db, COCKPIT_QUERIES.themeLinks())

export type HardestRow = { id: number; stem: string; answers: number; wrong: number }
/** The ten questions answered at least three times in scope this year with the highest share wrong. */
export const hardestQuestions = (db: Queryable, scope: Scope, year: number, pace: Pace): Promise<HardestRow[]> =>
  run<HardestRow>(db, COCKPIT_QUERIES.hardest(scope, year, pace))

export type BranchRow = {
  id: number
  name: string
  parent_id: number | null
  parent_name: string | null
  member_count: number | null
  full_member_count: number | null
  state: string | null
  term_end: Date | null
  secretary: string | null
  issues: string[]
}
/** The branches in scope with their college, secretary, member counts, term and compliance issues. */
export const scopeBranches = async (db: Queryable, scope: Scope, year: number, pace: Pace): Promise<BranchRow[]> =>
  (
    await run<BranchRow & { member_count: string | null; full_member_count: string | null }>(
      db,
      COCKPIT_QUERIES.branches(scope, year, pace),
    )
  ).map((r) => ({
    ...r,
    member_count: r.member_count === null ? null : Number(r.member_count),
    full_member_count: r.full_member_count === null ? null : Number(r.full_member_count),
  }))

/** 换届提醒 days (platform settings), or null when unset. */
export const termWarningSetting = async (db: Queryable): Promise<number | null> => {
  const days = (await db.query<{ days: string | number | null }>(`SELECT term_warning_days AS days FROM platform_settings LIMIT 1`)).rows[0]
    ?.days
  return days === null || days === undefined ? null : Number(days)
}

// ---------------------------------------------------------------- 内容工作 (src/cockpit/data.ts contentWork)

/** Items published per kind (news also per column, `k`) and month of the year; every kind of src/content/kinds.ts. */
export const PUBLISHED_BY_MONTH_SQL = CONTENT_KIND_SLUGS.map(
  (
    k,
  ) => `SELECT '${k}' AS collection, ${k === 'news' ? '"column"::text' : 'NULL'} AS k, extract(month FROM published_at AT TIME ZONE 'Asia/Shanghai')::int AS month, count(*)::int AS n
         FROM ${CONTENT_KINDS[k].table} WHERE _status = 'published' AND extract(year FROM published_at AT TIME ZONE 'Asia/Shanghai') = $1 GROUP BY 1, 2, 3`,
).join('\n       UNION ALL ')

export type PublishedRow = { collection: string; k: string | null; month: number; n: number }
/** Items published in the year (Beijing time) per kind, news column and month. */
export const publishedByMonth = async (db: Queryable, year: number): Promise<PublishedRow[]> =>
  (await db.query<PublishedRow>(PUBLISHED_BY_MONTH_SQL, [year])).rows

export type ReturnsRow = { level: string; n: number }
/** Returns in the year (Beijing time) per review level. */
export const returnsByLevel = async (db: Queryable, year: number): Promise<ReturnsRow[]> =>
  (
    await db.query<ReturnsRow>(
      `SELECT level::text AS level, count(*)::int AS n FROM review_logs
        WHERE action = 'return' AND extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai') = $1 GROUP BY 1 ORDER BY 1`,
      [year],
    )
  ).rows

export type ReviewEnteredRow = { item_id: string; to_state: string; at: Date }
/** When each of the items of the kind last entered each review state. */
export const reviewStatesEntered = async (db: Queryable, collection: string, itemIds: string[]): Promise<ReviewEnteredRow[]> =>
  (
    await db.query<ReviewEnteredRow>(
      `SELECT item_id, to_state::text, max(created_at) AS at FROM review_logs WHERE item_collection = $1 AND item_id = ANY($2::text[]) GROUP BY 1, 2`,
      [collection, itemIds],
    )
  ).rows

// ---------------------------------------------------------------- member list (src/cockpit/lists.ts)

/**
 * Which members: in the organisations, of the stages, with the year's 学时 at least `min` and below
 * `max` (up to it when `maxInclusive`), behind the pace (`behind`: below `expected`, or
 * `cadreExpected` for a cadre), without a quiz attempt (`noQuiz`). Null bounds do not filter.
 */
export type MemberListFilter = {
  orgIds: number[]
  year: number
  stages: string[]
  min: number | null
  max: number | null
  maxInclusive: boolean
  behind: boolean
  expected: number
  noQuiz: boolean
  cadreExpected: number
}
export type MemberListRow = {
  id: number
  name: string
  organization_id: number | null
  branch: string | null
  stage: string
  hours: number
  completions: number
  cadre: boolean
  attempts: number
  passed: number
}
/** Members matching the filter with the year's figures, fewest hours first (at most 5,000). */
export const memberListRows = async (db: Queryable, f: MemberListFilter): Promise<MemberListRow[]> =>
  (
    await db.query<MemberListRow & { hours: string; completions: string | number; attempts: string | number; passed: string | number }>(
      `SELECT u.id, u.name, u.organization_id, o.name AS branch, u.political_stage::text AS stage, coalesce(y.hours, 0) AS hours, coalesce(y.completions, 0) AS completions,
            EXISTS (SELECT 1 FROM users_roles cr WHERE cr.parent_id = u.id AND cr.value::text = ANY($11::text[])) AS cadre,
            coalesce(q.attempts, 0) AS attempts, coalesce(q.passed, 0) AS passed
       FROM users u
       JOIN users_roles r ON r.parent_id = u.id AND r.value = 'member'
       LEFT JOIN organizations o ON o.id = u.organization_id
       LEFT JOIN study_member_year y ON y.member_id = u.id AND y.year = $2
       LEFT JOIN quiz_member_year q ON q.member_id = u.id AND q.year = $2
      WHERE u.organization_id = ANY($1::int[]) AND u.active IS NOT FALSE AND u.political_stage::text = ANY($3::text[])
        AND ($4::numeric IS NULL OR coalesce(y.hours, 0) >= $4)
        AND ($5::numeric IS NULL OR coalesce(y.hours, 0) < $5 OR ($10::boolean AND coalesce(y.hours, 0) = $5))
        AND (NOT $6 OR coalesce(y.hours, 0) < CASE WHEN EXISTS (SELECT 1 FROM users_roles cr WHERE cr.parent_id = u.id AND cr.value::text = ANY($11::text[])) THEN $9::numeric ELSE $7::numeric END)
        AND (NOT $8 OR coalesce(q.attempts, 0) = 0)
      ORDER BY coalesce(y.hours, 0), o.name, u.name LIMIT 5000`,
      [f.orgIds, f.year, f.stages, f.min, f.max, f.behind, f.expected, f.noQuiz, f.cadreExpected, f.maxInclusive, CADRE_ROLES],
    )
  ).rows.map((r) => ({
    ...r,
    hours: Number(r.hours),
    completions: Number(r.completions),
    attempts: Number(r.attempts),
    passed: Number(r.passed),
  }))

// ---------------------------------------------------------------- scope (src/cockpit/scope.ts)

/** The branch the user is secretary of (the lowest id if several), or undefined. */
export const branchLedBy = async (db: Queryable, user: number | string): Promise<number | undefined> =>
  (await db.query<{ id: number }>(`SELECT id FROM organizations WHERE secretary_id = $1 AND type = 'branch' ORDER BY id LIMIT 1`, [user]))
    .rows[0]?.id

export type ScopeOrganizationRow = { id: number; name: string; type: string }
/** The organisation's id, name and type, or undefined when there is none. */
export const scopeOrganization = async (db: Queryable, id: number): Promise<ScopeOrganizationRow | undefined> =>
  (await db.query<ScopeOrganizationRow>(`SELECT id, name, type::text FROM organizations WHERE id = $1`, [id])).rows[0]

// ---------------------------------------------------------------- year selector (src/cockpit/admin/years.ts)

/** The first year with study records, or null when there are none. */
export const firstStudyYear = async (db: Queryable): Promise<number | null> =>
  (await db.query<{ first: number | null }>(`SELECT min(year)::int AS first FROM study_member_year`)).rows[0]?.first ?? null

// ---------------------------------------------------------------- rollup rebuild (src/cockpit/rollups.ts)

/**
 * Recomputes every rollup from the raw tables, in one statement list (run in one transaction):
 * used once by the migration for what was recorded before, and by the nightly refresh as a repair
 * (the triggers keep them exact in between; this makes any drift impossible to outlive a day).
 * 学时 come from the ledger (study_hours, every source; by the year an entry counts for and its
 * date); completions from study_progress, seconds from study_events. A held entry (a pending or
 * confirmed study-integrity flag covers it, issue 13 §2) counts 0 学时, as the triggers count it.
 */
export const rebuildRollupsSql = `
TRUNCATE study_member_year, study_org_day, study_org_month, quiz_member_year, quiz_org_month, study_item_org_year, quiz_question_org_year;
INSERT INTO study_org_day (organization_id, day, seconds, hours, completions)
  SELECT org, day, sum(seconds), sum(hours), sum(completions)::int FROM (
    SELECT coalesce(organization_id, 0) AS org, (created_at AT TIME ZONE 'Asia/Shanghai')::date AS day, sum(credited_seconds) AS seconds, 0 AS hours, 0 AS completions
      FROM study_events WHERE credited_seconds <> 0 GROUP BY 1, 2
    UNION ALL
    SELECT coalesce(organization_id, 0), (completed_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 0, count(*)
      FROM study_progress WHERE completed_at IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT coalesce(organization_id, 0), (counts_on AT TIME ZONE 'Asia/Shanghai')::date, 0, sum(hours), 0
      FROM study_hours WHERE NOT held GROUP BY 1, 2) x
  GROUP BY org, day;
INSERT INTO study_org_month (organization_id, month, seconds, hours, completions)
  SELECT organization_id, date_trunc('month', day)::date, sum(seconds), sum(hours), sum(completions) FROM study_org_day GROUP BY 1, 2;
INSERT INTO study_member_year (member_id, year, seconds, hours, completions)
  SELECT member_id, year, sum(seconds), sum(hours), sum(completions)::int FROM (
    SELECT member_id, extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai')::int AS year, sum(credited_seconds) AS seconds, 0 AS hours, 0 AS completions
      FROM study_events WHERE credited_seconds <> 0 AND member_id IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT member_id, extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai')::int, 0, 0, count(*)
      FROM study_progress WHERE completed_at IS NOT NULL AND member_id IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT member_id, year::int, 0, sum(hours), 0 FROM study_hours WHERE NOT held GROUP BY 1, 2) x
  GROUP BY member_id, year;
INSERT INTO quiz_member_year (member_id, year, attempts, passed, score_sum)
  SELECT member_id, extract(year FROM submitted_at AT TIME ZONE 'Asia/Shanghai')::int, count(*), count(*) FILTER (WHERE passed), coalesce(sum(score), 0)
    FROM quiz_attempts WHERE status = 'submitted' AND submitted_at IS NOT NULL AND member_id IS NOT NULL GROUP BY 1, 2;
INSERT INTO quiz_org_month (organization_id, month, attempts, passed, score_sum)
  SELECT coalesce(organization_id, 0), date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai')::date, count(*), count(*) FILTER (WHERE passed), coalesce(sum(score), 0)
    FROM quiz_attempts WHERE status = 'submitted' AND submitted_at IS NOT NULL GROUP BY 1, 2;
INSERT INTO study_item_org_year (item_collection, item_id, organization_id, year, completions)
  SELECT item_collection::text, item_id::int, coalesce(organization_id, 0), extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai')::int, count(*)
    FROM study_progress WHERE completed_at IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO quiz_question_org_year (question_id, organization_id, year, answers, wrong)
  SELECT (r->>'questionId')::int, coalesce(a.organization_id, 0), extract(year FROM a.submitted_at AT TIME ZONE 'Asia/Shanghai')::int,
         count(*), count(*) FILTER (WHERE NOT coalesce((r->>'correct')::boolean, false))
    FROM quiz_attempts a CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(a.results) = 'array' THEN a.results ELSE '[]'::jsonb END) r
   WHERE a.status = 'submitted' AND a.submitted_at IS NOT NULL AND r ? 'questionId' GROUP BY 1, 2, 3;
`

/** Makes writers of the rollups' sources wait until the transaction ends (they would add to rows being replaced). */
export const lockRollupSources = async (db: Queryable): Promise<void> => {
  await db.query('LOCK TABLE study_events, study_progress, study_hours, quiz_attempts IN SHARE MODE')
}

/** Runs the rollup rebuild (`rebuildRollupsSql`) on the transaction. */
export const rebuildRollupTables = async (db: Queryable): Promise<void> => {
  await db.query(rebuildRollupsSql)
}
