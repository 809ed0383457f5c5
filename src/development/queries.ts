import type { Queryable } from '../db/transaction'
import type { TrainingFor } from './steps'

/**
 * Every SQL statement of 发展党员 (src/development), each a typed function on what it runs on: the
 * request's transaction or the pool (`inRequest(req)`), or the pool (`poolOf(payload)`). Row locks
 * (FOR UPDATE) last until the transaction they run in ends. PostgreSQL's numeric values (strings to
 * node-postgres) come back as numbers.
 */

// ---------------------------------------------------------------- cases, steps, 公示 and votes

/** Locks the case's row (FOR UPDATE) until the transaction ends: two hands on one case wait for each other. */
export const lockCase = async (db: Queryable, id: number): Promise<void> => {
  await db.query(`SELECT id FROM development_cases WHERE id = $1 FOR UPDATE`, [id])
}

/** Locks the 公示's row (FOR UPDATE) until the transaction ends. */
export const lockNotice = async (db: Queryable, id: number): Promise<void> => {
  await db.query(`SELECT id FROM development_notices WHERE id = $1 FOR UPDATE`, [id])
}

/** Locks the vote's row (FOR UPDATE) until the transaction ends. */
export const lockVote = async (db: Queryable, id: number): Promise<void> => {
  await db.query(`SELECT id FROM development_votes WHERE id = $1 FOR UPDATE`, [id])
}

/** The person's own case id, or undefined when they have none. */
export const caseOfPerson = async (db: Queryable, person: number): Promise<number | undefined> =>
  (await db.query<{ id: number }>(`SELECT id FROM development_cases WHERE person_id = $1`, [person])).rows[0]?.id

export type StepDateRow = { case_id: number; no: number; date: Date }
/** The done steps of the cases (case, number, date). */
export const stepDates = async (db: Queryable, cases: number[]): Promise<StepDateRow[]> =>
  (await db.query<StepDateRow>(`SELECT case_id, no, date FROM development_steps WHERE case_id = ANY($1::int[])`, [cases])).rows

export type CaseToCheckRow = {
  id: number
  org: number
  rule_version: string
  name: string
  secretary: number | null
  extended: boolean | null
  months: number | null
}
/** Every active case with the person's name and the branch's secretary (the nightly check's). */
export const activeCasesToCheck = async (db: Queryable): Promise<CaseToCheckRow[]> =>
  (
    await db.query<CaseToCheckRow>(
      `SELECT c.id, c.organization_id AS org, c.rule_version, u.name, o.secretary_id AS secretary, c.extended, c.extension_months AS months
       FROM development_cases c JOIN users u ON u.id = c.person_id JOIN organizations o ON o.id = c.organization_id WHERE c.status = 'active'`,
    )
  ).rows

export type PipelineCaseRow = {
  id: number
  name: string
  stage: string
  status: string
  rule_version: string
  stage_since: Date | null
  extended: boolean | null
  months: number | null
  branch: string
}
const pipelineCases = async (db: Queryable, where: string, params: unknown[]): Promise<PipelineCaseRow[]> =>
  (
    await db.query<PipelineCaseRow>(
      `SELECT c.id, u.name, c.stage::text AS stage, c.status::text AS status, c.rule_version, c.stage_since, c.extended, c.extension_months AS months, o.name AS branch
       FROM development_cases c JOIN users u ON u.id = c.person_id JOIN organizations o ON o.id = c.organization_id WHERE ${where} ORDER BY o.name, c.stage, u.name`,
      params,
    )
  ).rows

/** The branch's cases with the person's and branch's names, by branch, stage and name. */
export const casesOfBranch = (db: Queryable, branch: number): Promise<PipelineCaseRow[]> =>
  pipelineCases(db, `c.organization_id = $1`, [branch])

/** The active cases of the organisations with the person's and branch's names, by branch, stage and name. */
export const activeCasesIn = (db: Queryable, orgs: number[]): Promise<PipelineCaseRow[]> =>
  pipelineCases(db, `c.organization_id = ANY($1::int[]) AND c.status = 'active'`, [orgs])

export type NoticeStateRow = { case_id: number; before_step: number; posted_on: Date; open: number }
/** The cases' 公示 with their open objections, newest first. */
export const noticeStates = async (db: Queryable, cases: number[]): Promise<NoticeStateRow[]> =>
  (
    await db.query<NoticeStateRow>(
      `SELECT case_id, before_step, posted_on, open_objections AS open FROM development_notices WHERE case_id = ANY($1::int[]) ORDER BY posted_on DESC`,
      [cases],
    )
  ).rows

/** The mean days the organisations' active cases have spent in their stage so far, per stage (null when none is known). */
export const meanDaysInStage = async (db: Queryable, orgs: number[]): Promise<Array<{ stage: string; days: number | null }>> =>
  (
    await db.query<{ stage: string; days: string | null }>(
      `SELECT c.stage::text AS stage, avg(EXTRACT(EPOCH FROM (now() - c.stage_since)) / 86400) AS days FROM development_cases c WHERE c.organization_id = ANY($1::int[]) AND c.status = 'active' AND c.stage_since IS NOT NULL GROUP BY 1`,
      [orgs],
    )
  ).rows.map((r) => ({ stage: r.stage, days: r.days === null ? null : Number(r.days) }))

export type OpenVoteRow = { id: number; title: string; person: string }
/** The open votes the person is a voter in and has not yet voted in, with the candidate's name, by id. */
export const openVotesFor = async (db: Queryable, voter: number): Promise<OpenVoteRow[]> =>
  (
    await db.query<OpenVoteRow>(
      `SELECT v.id, v.title, (SELECT name FROM users WHERE id = v.person_id) AS person FROM development_votes v JOIN development_votes_rels r ON r.parent_id = v.id AND r.path = 'voters' AND r.users_id = $1
      WHERE v.status = 'open' AND NOT EXISTS (SELECT 1 FROM development_vote_turnout t WHERE t.vote_id = v.id AND t.voter_id = $1) ORDER BY v.id`,
      [voter],
    )
  ).rows

export type CurrentNoticeRow = { id: number; title: string; person: string; posted_on: Date; ends_on: Date; content: string | null }
/** The organisation's 公示 whose window (Shanghai days) holds the day, with the candidate's name, newest first. */
export const currentNotices = async (db: Queryable, org: number | string, day: string): Promise<CurrentNoticeRow[]> =>
  (
    await db.query<CurrentNoticeRow>(
      `SELECT id, title, (SELECT name FROM users WHERE id = person_id) AS person, posted_on, ends_on, content FROM development_notices WHERE organization_id = $1 AND (posted_on AT TIME ZONE 'Asia/Shanghai')::date <= $2::date AND (ends_on AT TIME ZONE 'Asia/Shanghai')::date >= $2::date ORDER BY posted_on DESC`,
      [org, day],
    )
  ).rows

/**
 * The turnout row (who voted, how) of a secret ballot; false when the voter already has one
 * (nothing written).
 */
export const recordTurnout = async (
  db: Queryable,
  t: { vote: number; voter: number; organization: number; mode: string },
): Promise<boolean> =>
  (
    await db.query(
      `INSERT INTO development_vote_turnout (vote_id, voter_id, organization_id, mode, updated_at, created_at) VALUES ($1, $2, $3, $4, now(), now()) ON CONFLICT DO NOTHING RETURNING id`,
      [t.vote, t.voter, t.organization, t.mode],
    )
  ).rows.length > 0

export type BallotCountRow = { mode: string; choice: string; n: number }
/** The vote's ballots counted by mode and choice (counts only, never a ballot). */
export const ballotCounts = async (db: Queryable, vote: number): Promise<BallotCountRow[]> =>
  (
    await db.query<BallotCountRow>(
      `SELECT mode::text AS mode, choice::text AS choice, count(*)::int AS n FROM development_ballots WHERE vote_id = $1 GROUP BY 1, 2`,
      [vote],
    )
  ).rows

// ---------------------------------------------------------------- people and organisations

/** The person's political stage, or undefined when there is no such person. */
export const politicalStageOf = async (db: Queryable, person: number): Promise<string | undefined> =>
  (await db.query<{ stage: string }>(`SELECT political_stage::text AS stage FROM users WHERE id = $1`, [person])).rows[0]?.stage

/** The branch's active people with their political stage. */
export const activeStagesOf = async (db: Queryable, branch: number): Promise<Array<{ id: number; stage: string }>> =>
  (
    await db.query<{ id: number; stage: string }>(
      `SELECT id, political_stage::text AS stage FROM users WHERE organization_id = $1 AND active IS NOT FALSE`,
      [branch],
    )
  ).rows

/** Id and name of the people. */
export const namesOfPeople = async (db: Queryable, people: number[]): Promise<Array<{ id: number; name: string }>> =>
  (await db.query<{ id: number; name: string }>(`SELECT id, name FROM users WHERE id = ANY($1::int[])`, [people])).rows

/** Id and organisation of every active committee staff member (role partyCommittee). */
export const activeCommitteeStaff = async (db: Queryable): Promise<Array<{ id: number; org: number }>> =>
  (
    await db.query<{ id: number; org: number }>(
      `SELECT u.id, u.organization_id AS org FROM users u JOIN users_roles r ON r.parent_id = u.id AND r.value = 'partyCommittee' WHERE u.active IS NOT FALSE`,
    )
  ).rows

/** The organisation's parent (null for the root), or undefined when there is no such organisation. */
export const parentOf = async (db: Queryable, org: number | string): Promise<number | null | undefined> =>
  (await db.query<{ parent_id: number | null }>(`SELECT parent_id FROM organizations WHERE id = $1`, [org])).rows[0]?.parent_id

/** The organisations directly below the organisation (id and name), by name. */
export const childOrganizations = async (db: Queryable, org: number | string | null): Promise<Array<{ id: number; name: string }>> =>
  (await db.query<{ id: number; name: string }>(`SELECT id, name FROM organizations WHERE parent_id = $1 ORDER BY name`, [org])).rows

/** The organisations' names. */
export const organizationNames = async (db: Queryable, orgs: number[]): Promise<string[]> =>
  (await db.query<{ name: string }>(`SELECT name FROM organizations WHERE id = ANY($1::int[])`, [orgs])).rows.map((r) => r.name)

// ---------------------------------------------------------------- local rules

/** Whether any case runs under the rule version. */
export const ruleVersionInUse = async (db: Queryable, ruleVersion: string): Promise<boolean> =>
  (await db.query(`SELECT 1 FROM development_cases WHERE rule_version = $1 LIMIT 1`, [ruleVersion])).rows.length > 0

/** Turns every other active local rule version off. */
export const deactivateOtherRules = async (db: Queryable, id: number): Promise<void> => {
  await db.query(`UPDATE development_rules SET active = false WHERE id <> $1 AND active`, [id])
}

// ---------------------------------------------------------------- training evidence

export type CourseEvidenceRow = { id: number; title: string; lessons: number; completed: number; hours: number }
/**
 * The published courses of the 党校 training kind, each with its lessons, how many the person
 * completed, and the online 学时 the ledger credited (not held) for them.
 */
export const courseEvidence = async (db: Queryable, person: number, kind: TrainingFor): Promise<CourseEvidenceRow[]> =>
  (
    await db.query<Omit<CourseEvidenceRow, 'hours'> & { hours: string }>(
      `SELECT c.id, coalesce(c.title, '') AS title, count(r.micro_lessons_id)::int AS lessons, count(p.completed_at)::int AS completed, coalesce(sum(h.hours), 0) AS hours
       FROM courses c
       JOIN courses_rels r ON r.parent_id = c.id AND r.path = 'lessons' AND r.micro_lessons_id IS NOT NULL
       LEFT JOIN study_progress p ON p.member_id = $1 AND p.item_collection = 'micro-lessons' AND p.item_id = r.micro_lessons_id
       LEFT JOIN (SELECT evidence_id, sum(hours) AS hours FROM study_hours WHERE member_id = $1 AND source = 'online' AND evidence_collection = 'study-progress' AND NOT held GROUP BY 1) h ON h.evidence_id = p.id
      WHERE c.training_for::text = $2 AND c.review_state = 'published'
      GROUP BY c.id ORDER BY c.id`,
      [person, kind],
    )
  ).rows.map((r) => ({ ...r, hours: Number(r.hours) }))

export type TrainingEvidenceRow = { id: number; title: string; date: Date; hours: number }
/** The training records of the kind the person was credited for on the ledger (not held), with their 学时, by date. */
export const trainingEvidenceRows = async (db: Queryable, person: number, kind: TrainingFor): Promise<TrainingEvidenceRow[]> =>
  (
    await db.query<Omit<TrainingEvidenceRow, 'hours'> & { hours: string }>(
      `SELECT t.id, t.title, t.date, sum(h.hours) AS hours
       FROM study_hours h JOIN trainings t ON t.id = h.evidence_id
      WHERE h.member_id = $1 AND h.evidence_collection = 'trainings' AND NOT h.held AND t.training_for::text = $2
      GROUP BY t.id ORDER BY t.date`,
      [person, kind],
    )
  ).rows.map((r) => ({ ...r, hours: Number(r.hours) }))

/** The person's name, or undefined when there is none. */
export const personName = async (db: Queryable, person: number): Promise<string | undefined> =>
  (await db.query<{ name: string }>(`SELECT name FROM users WHERE id = $1`, [person])).rows[0]?.name

/** Whether the voter has a turnout row (has voted) in the vote. */
export const hasVoted = async (db: Queryable, vote: number, voter: number): Promise<boolean> =>
  (await db.query(`SELECT 1 FROM development_vote_turnout WHERE vote_id = $1 AND voter_id = $2`, [vote, voter])).rows.length > 0
