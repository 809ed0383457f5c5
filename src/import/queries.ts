import type { Queryable } from '../db/transaction'
import type { OrgType } from '../organizations/types'
import type { PoliticalStage } from '../people/stages'
import type { QuestionType } from '../quiz/questionRules'

/**
 * Every SQL statement of 批量导入 (src/import), each a typed function on what it runs on: the
 * import's transaction (`requestTx(req)`), or the pool (`poolOf(payload)`) for the templates' lists.
 * The people import's set-based statements stay one statement each, for any number of rows.
 */

// ---------------------------------------------------------------- the import

/** Waits for the transaction's advisory lock of the bulk import: one import at a time. */
export const lockBulkImport = async (db: Queryable): Promise<void> => {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('bulk-import'))`)
}

/** The themes' names, in their order (the questions template's list). */
export const themeNamesInOrder = async (db: Queryable): Promise<string[]> =>
  (await db.query<{ v: string }>(`SELECT name AS v FROM themes ORDER BY sort_order NULLS LAST, name`)).rows.map((r) => r.v)

/** Each coded organisation as its code and name (full-width space between), by code (the templates' list). */
export const organizationCodeNames = async (db: Queryable): Promise<string[]> =>
  (await db.query<{ v: string }>(`SELECT code || '　' || name AS v FROM organizations WHERE code IS NOT NULL ORDER BY code`)).rows.map(
    (r) => r.v,
  )

export type CodeRow = { id: number; code: string }
/** Id and code of every organisation with a code. */
export const organizationCodes = async (db: Queryable): Promise<CodeRow[]> =>
  (await db.query<CodeRow>(`SELECT id, code FROM organizations WHERE code IS NOT NULL`)).rows

// ---------------------------------------------------------------- organisations

export type CodedOrganizationRow = {
  id: number
  code: string
  name: string
  type: OrgType
  parent_code: string | null
  term_start: Date | null
  term_end: Date | null
  has_committee: boolean | null
}
/** Every organisation with a code, with its parent's code, locked (FOR UPDATE) until the transaction ends. */
export const lockCodedOrganizations = async (db: Queryable): Promise<CodedOrganizationRow[]> =>
  (
    await db.query<CodedOrganizationRow>(
      `SELECT o.id, o.code, o.name, o.type, p.code AS parent_code, o.term_start, o.term_end, o.has_committee
       FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id WHERE o.code IS NOT NULL FOR UPDATE OF o`,
    )
  ).rows

// ---------------------------------------------------------------- questions

export type ExistingQuestionRow = {
  id: number
  type: QuestionType
  difficulty: string
  stem: string
  true_false_answer: 'correct' | 'wrong' | null
  explanation: string | null
  source: string | null
  options: Array<{ text: string; isCorrect: boolean }> | null
  answers: string[] | null
  themes: number[] | null
}
/** The questions whose stem (blanks collapsed) is one of these, with options, answers and themes, locked (FOR UPDATE). */
export const lockQuestionsByStem = async (db: Queryable, stems: string[]): Promise<ExistingQuestionRow[]> =>
  (
    await db.query<ExistingQuestionRow>(
      `SELECT q.id, q.type, q.difficulty, q.stem, q.true_false_answer, q.explanation, q.source,
              (SELECT json_agg(json_build_object('text', o.text, 'isCorrect', coalesce(o.is_correct, false)) ORDER BY o._order) FROM questions_options o WHERE o._parent_id = q.id) AS options,
              (SELECT json_agg(a.answer ORDER BY a._order) FROM questions_fill_in_answers a WHERE a._parent_id = q.id) AS answers,
              (SELECT json_agg(r.themes_id ORDER BY r."order") FROM questions_rels r WHERE r.parent_id = q.id AND r.path = 'themes') AS themes
         FROM questions q WHERE regexp_replace(btrim(q.stem), '\\s+', ' ', 'g') = ANY($1::text[]) FOR UPDATE OF q`,
      [stems],
    )
  ).rows

/** Id and name of every theme. */
export const allThemes = async (db: Queryable): Promise<Array<{ id: number; name: string }>> =>
  (await db.query<{ id: number; name: string }>(`SELECT id, name FROM themes`)).rows

// ---------------------------------------------------------------- people

export type ExistingPersonRow = {
  id: number
  staff_number: string | null
  name: string
  email: string
  phone: string | null
  organization_id: number | null
  political_stage: PoliticalStage
  admin: boolean
  active_case: boolean
}
/**
 * The people with one of the staff numbers or e-mails, each with whether they hold one of the admin
 * roles and have an active 发展党员 case, locked (FOR UPDATE) until the transaction ends.
 */
export const lockPeopleByKeys = async (
  db: Queryable,
  staffNumbers: string[],
  emails: string[],
  adminRoles: readonly string[],
): Promise<ExistingPersonRow[]> =>
  (
    await db.query<ExistingPersonRow>(
      `SELECT u.id, u.staff_number, u.name, u.email, u.phone, u.organization_id, u.political_stage,
              EXISTS (SELECT 1 FROM users_roles r WHERE r.parent_id = u.id AND r.value::text = ANY($3::text[])) AS admin,
              EXISTS (SELECT 1 FROM development_cases c WHERE c.person_id = u.id AND c.status = 'active') AS active_case
         FROM users u WHERE u.staff_number = ANY($1::text[]) OR u.email = ANY($2::text[])
          FOR UPDATE OF u`,
      [staffNumbers, emails, adminRoles],
    )
  ).rows

/** The columns of a batch of people, one array each, in the same order. */
export type PeopleColumns = {
  name: string[]
  staff: string[]
  email: string[]
  phone: Array<string | null>
  org: number[]
  stage: string[]
  since: string[]
  salt: string[]
  hash: string[]
}
export type UpsertedPersonRow = { id: number; staff_number: string; inserted: boolean }
/**
 * The batch in one statement: new staff numbers inserted (must set a password, active), known ones
 * updated where something differs (a null phone keeps the stored one; stage_since only with a new
 * stage); the rows written, each with whether it was inserted.
 */
export const upsertPeople = async (db: Queryable, cols: PeopleColumns): Promise<UpsertedPersonRow[]> =>
  (
    await db.query<UpsertedPersonRow>(
      `INSERT INTO users AS u (name, staff_number, email, phone, organization_id, political_stage, stage_since, must_set_password, salt, hash, active, login_attempts, updated_at, created_at)
       SELECT t.name, t.staff, t.email, t.phone, t.org, t.stage::enum_users_political_stage, t.since, true, t.salt, t.hash, true, 0, now(), now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::timestamptz[], $8::text[], $9::text[]) AS t(name, staff, email, phone, org, stage, since, salt, hash)
       ON CONFLICT (staff_number) DO UPDATE SET
             name = EXCLUDED.name,
             email = EXCLUDED.email,
             phone = COALESCE(EXCLUDED.phone, u.phone),
             organization_id = EXCLUDED.organization_id,
             political_stage = EXCLUDED.political_stage,
             stage_since = CASE WHEN u.political_stage IS DISTINCT FROM EXCLUDED.political_stage THEN EXCLUDED.stage_since ELSE u.stage_since END,
             updated_at = now()
        WHERE (u.name, u.email, u.organization_id, u.political_stage) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.email, EXCLUDED.organization_id, EXCLUDED.political_stage)
           OR EXCLUDED.phone IS NOT NULL
       RETURNING u.id, u.staff_number, (xmax = 0) AS inserted`,
      [cols.name, cols.staff, cols.email, cols.phone, cols.org, cols.stage, cols.since, cols.salt, cols.hash],
    )
  ).rows

/** Gives each of the people the member role (as their first role). */
export const addMemberRoles = async (db: Queryable, people: number[]): Promise<void> => {
  await db.query(`INSERT INTO users_roles ("order", parent_id, value) SELECT 1, id, 'member' FROM unnest($1::int[]) id`, [people])
}

/** Each of the people's first stage-history row: their stage since stage_since, noted 批量导入建档. */
export const addInitialStages = async (db: Queryable, people: number[]): Promise<void> => {
  await db.query(
    `INSERT INTO users_stage_history (_order, _parent_id, id, stage, date, note, source)
         SELECT 1, u.id, substr(md5(random()::text || u.id::text), 1, 24), u.political_stage::text::enum_users_stage_history_stage, u.stage_since, '批量导入建档', 'initial'
           FROM users u WHERE u.id = ANY($1::int[])`,
    [people],
  )
}

export type StageCorrection = { id: number; stage: string; note: string }
/** A correction row at the end of each person's stage history (the stage since stage_since, with the note). */
export const addStageCorrections = async (db: Queryable, corrections: StageCorrection[]): Promise<void> => {
  await db.query(
    `INSERT INTO users_stage_history (_order, _parent_id, id, stage, date, note, source)
       SELECT COALESCE((SELECT max(h._order) FROM users_stage_history h WHERE h._parent_id = t.id), 0) + 1, t.id, substr(md5(random()::text || t.id::text), 1, 24),
              t.stage::enum_users_stage_history_stage, u.stage_since, t.note, 'correction'
         FROM unnest($1::int[], $2::text[], $3::text[]) AS t(id, stage, note) JOIN users u ON u.id = t.id`,
    [corrections.map((c) => c.id), corrections.map((c) => c.stage), corrections.map((c) => c.note)],
  )
}

// ---------------------------------------------------------------- the recount

export type RecountRow = {
  id: number
  type: OrgType
  has_committee: boolean | null
  member_count: number
  full_member_count: number
  compliance_state: string | null
  members: number
  full_members: number
}
/**
 * The organisations and all their ancestors, each with its stored counts and compliance state and
 * its active members (of the member stages) and full members counted over its subtree.
 */
export const recountRows = async (db: Queryable, ids: number[], memberStages: readonly string[]): Promise<RecountRow[]> =>
  (
    await db.query<RecountRow>(
      `WITH RECURSIVE up(id, depth) AS (
       SELECT unnest($1::int[]), 0
       UNION SELECT o.parent_id, up.depth + 1 FROM organizations o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL AND up.depth < 8
     ), targets AS (SELECT DISTINCT id FROM up),
     down(root, id, depth) AS (
       SELECT id, id, 0 FROM targets
       UNION ALL SELECT d.root, o.id, d.depth + 1 FROM organizations o JOIN down d ON o.parent_id = d.id WHERE d.depth < 8
     ), counts AS (
       SELECT d.root,
              count(*) FILTER (WHERE u.political_stage::text = ANY($2::text[]))::int AS members,
              count(*) FILTER (WHERE u.political_stage = 'full')::int AS full_members
         FROM down d JOIN users u ON u.organization_id = d.id AND u.active IS NOT FALSE
        GROUP BY d.root
     )
     SELECT o.id, o.type, o.has_committee, coalesce(o.member_count, 0)::int AS member_count, coalesce(o.full_member_count, 0)::int AS full_member_count,
            o.compliance_state::text AS compliance_state, coalesce(c.members, 0) AS members, coalesce(c.full_members, 0) AS full_members
       FROM organizations o JOIN targets t ON t.id = o.id LEFT JOIN counts c ON c.root = o.id`,
      [ids, memberStages],
    )
  ).rows

export type OrganizationCounts = { id: number; members: number; full_members: number; state: string }
/** Stores the organisations' member counts and compliance states, in one statement. */
export const storeCounts = async (db: Queryable, orgs: OrganizationCounts[]): Promise<void> => {
  await db.query(
    `UPDATE organizations o SET member_count = t.members, full_member_count = t.full_members, compliance_state = t.state::enum_organizations_compliance_state, updated_at = now()
       FROM unnest($1::int[], $2::int[], $3::int[], $4::text[]) AS t(id, members, full_members, state) WHERE o.id = t.id`,
    [orgs.map((o) => o.id), orgs.map((o) => o.members), orgs.map((o) => o.full_members), orgs.map((o) => o.state)],
  )
}

/** Removes the organisations' compliance issues. */
export const clearComplianceIssues = async (db: Queryable, orgs: number[]): Promise<void> => {
  await db.query(`DELETE FROM organizations_compliance_issues WHERE parent_id = ANY($1::int[])`, [orgs])
}

export type ComplianceIssue = { id: number; order: number; value: string }
/** Adds compliance issues (organisation, position, issue), in one statement. */
export const addComplianceIssues = async (db: Queryable, issues: ComplianceIssue[]): Promise<void> => {
  await db.query(
    `INSERT INTO organizations_compliance_issues ("order", parent_id, value)
       SELECT t.ord, t.id, t.value::enum_organizations_compliance_issues FROM unnest($1::int[], $2::int[], $3::text[]) AS t(id, ord, value)`,
    [issues.map((i) => i.id), issues.map((i) => i.order), issues.map((i) => i.value)],
  )
}
