import type { Queryable } from '../db/transaction'
import { PARTY_MEMBER_STAGES } from '../people/stages'
import type { Rating } from './inspection'
import type { AttendanceStatus, MeetingType } from './rules'

/**
 * Every SQL statement of 组织生活 (src/meetings), each a typed function on what it runs on: a
 * transaction (`tx` from `transact`), the request's transaction or the pool (`inRequest(req)`), or
 * the pool (`poolOf(payload)`) — the caller chooses, as it did when the SQL was written inline.
 * PostgreSQL's numeric and bigint values (strings to node-postgres) come back as numbers.
 */

// ---------------------------------------------------------------- meetings

export type MeetingKeysRow = {
  id: number
  organization_id: number | null
  recorder_id: number | null
  status: string
  starts_at: Date
  ends_at: Date
  topic: string
  org_name: string | null
}
/** The meeting's keys and its branch's name, or undefined when there is no such meeting. */
export const meetingKeys = async (db: Queryable, id: number): Promise<MeetingKeysRow | undefined> =>
  (
    await db.query<MeetingKeysRow>(
      `SELECT m.id, m.organization_id, m.recorder_id, m.status, m.starts_at, m.ends_at, m.topic, o.name AS org_name FROM meetings m LEFT JOIN organizations o ON o.id = m.organization_id WHERE m.id = $1`,
      [id],
    )
  ).rows[0]

export type MeetingTypeYearRow = { type: MeetingType | null; year: number }
/** One row per type of the meeting (one with type null when it has none), each with the meeting's 所属年度. */
export const meetingTypesAndYear = async (db: Queryable, meeting: number): Promise<MeetingTypeYearRow[]> =>
  (
    await db.query<{ type: MeetingType | null; year: string }>(
      `SELECT types.value AS type, meetings.year FROM meetings LEFT JOIN meetings_types types ON types.parent_id = meetings.id WHERE meetings.id = $1`,
      [meeting],
    )
  ).rows.map((r) => ({ type: r.type, year: Number(r.year) }))

export type CountedMeetingRow = { organization_id: number; starts_at: Date; year: number; types: MeetingType[] }
/** The branches' approved and recorded meetings before `to`, from `from` on or of the given 所属年度 (the frequency check's). */
export const countedMeetingRows = async (
  db: Queryable,
  branches: number[],
  from: Date,
  to: Date,
  years: number[],
): Promise<CountedMeetingRow[]> =>
  (
    await db.query<{ organization_id: number; starts_at: Date; year: string; types: MeetingType[] }>(
      `SELECT m.organization_id, m.starts_at, m.year, ARRAY(SELECT value::text FROM meetings_types t WHERE t.parent_id = m.id) AS types
       FROM meetings m
      WHERE m.organization_id = ANY($1::int[]) AND m.status IN ('approved', 'recorded') AND m.starts_at < $4
        AND (m.starts_at >= $2 OR m.year = ANY($3::numeric[]))`,
      [branches, from.toISOString(), years, to.toISOString()],
    )
  ).rows.map((r) => ({ ...r, year: Number(r.year) }))

export type MeetingToInspectRow = { id: number; organization_id: number; topic: string; starts_at: Date }
/** Approved meetings of the branches not yet over, starting within `days`, with no 督查 drawn yet; by start. */
export const meetingsToInspect = async (db: Queryable, branches: number[], days: number): Promise<MeetingToInspectRow[]> =>
  (
    await db.query<MeetingToInspectRow>(
      `SELECT m.id, m.organization_id, m.topic, m.starts_at FROM meetings m
           WHERE m.organization_id = ANY($1::int[]) AND m.status = 'approved' AND m.ends_at > now() AND m.starts_at < now() + make_interval(days => $2)
             AND NOT EXISTS (SELECT 1 FROM meeting_inspections x WHERE x.meeting_id = m.id)
           ORDER BY m.starts_at, m.id`,
      [branches, days],
    )
  ).rows

// ---------------------------------------------------------------- attendance

/** How many are marked present at the meeting. */
export const presentCount = async (db: Queryable, meeting: number): Promise<number> =>
  (
    await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM meeting_attendance WHERE meeting_id = $1 AND status = 'present'`, [
      meeting,
    ])
  ).rows[0].n

export type SignInRow = { signed_in_at: Date }
/**
 * The QR sign-in, one statement: a new row, or a leave request turned into presence; the row's
 * sign-in time, or undefined when the member was already present (nothing changed).
 */
export const signInByCode = async (
  db: Queryable,
  at: { meeting: number; member: number | string; organization: number | null; signedInAt: Date },
): Promise<SignInRow | undefined> =>
  (
    await db.query<SignInRow>(
      `INSERT INTO meeting_attendance (meeting_id, member_id, organization_id, status, method, signed_in_at, updated_at, created_at)
         VALUES ($1, $2, $3, 'present', 'qr', $4, now(), now())
         ON CONFLICT (meeting_id, member_id) DO UPDATE SET status = 'present', method = 'qr', signed_in_at = EXCLUDED.signed_in_at, updated_at = now()
           WHERE meeting_attendance.status <> 'present'
         RETURNING signed_in_at`,
      [at.meeting, at.member, at.organization, at.signedInAt.toISOString()],
    )
  ).rows[0]

/** The member's row at the meeting (its sign-in time, null when not signed in), or undefined when none. */
export const signedIn = async (
  db: Queryable,
  meeting: number,
  member: number | string,
): Promise<{ signed_in_at: Date | null } | undefined> =>
  (
    await db.query<{ signed_in_at: Date | null }>(`SELECT signed_in_at FROM meeting_attendance WHERE meeting_id = $1 AND member_id = $2`, [
      meeting,
      member,
    ])
  ).rows[0]

export type AttendanceMarkRow = { member_id: number; status: AttendanceStatus }
/** Every attendance mark of the meeting (member and status). */
export const attendanceMarks = async (db: Queryable, meeting: number): Promise<AttendanceMarkRow[]> =>
  (await db.query<AttendanceMarkRow>(`SELECT member_id, status FROM meeting_attendance WHERE meeting_id = $1`, [meeting])).rows

export type NamedMarkRow = { meeting_id: number; member_id: number; name: string; status: AttendanceStatus; reason: string | null }
/** The attendance of the meetings with each member's name, by name. */
export const namedMarks = async (db: Queryable, meetings: number[]): Promise<NamedMarkRow[]> =>
  (
    await db.query<NamedMarkRow>(
      `SELECT a.meeting_id, a.member_id, u.name, a.status::text, a.reason FROM meeting_attendance a JOIN users u ON u.id = a.member_id WHERE a.meeting_id = ANY($1::int[]) ORDER BY u.name`,
      [meetings],
    )
  ).rows

// ---------------------------------------------------------------- minutes

export type MinutesVersionRow = { version: number; status: string }
/** Every version of the meeting's minutes (number and status), in order. */
export const minutesVersions = async (db: Queryable, meeting: number): Promise<MinutesVersionRow[]> =>
  (
    await db.query<{ version: string; status: string }>(
      `SELECT version, status FROM meeting_minutes WHERE meeting_id = $1 ORDER BY version`,
      [meeting],
    )
  ).rows.map((r) => ({ version: Number(r.version), status: String(r.status) }))

export type Resolution = { text: string; votesFor: number | null; votesAgainst: number | null; abstentions: number | null }
export type ConfirmedMinutesRow = {
  id: number
  meeting_id: number
  version: number
  summary: string
  correction_reason: string | null
  confirmed_at: Date | null
  resolutions: Resolution[]
}
/** The confirmed versions of the meetings' minutes with their resolutions, newest version first. */
export const confirmedMinutes = async (db: Queryable, meetings: number[]): Promise<ConfirmedMinutesRow[]> =>
  (
    await db.query<Omit<ConfirmedMinutesRow, 'version'> & { version: string }>(
      `SELECT v.id, v.meeting_id, v.version, v.summary, v.correction_reason, v.confirmed_at,
            coalesce((SELECT json_agg(json_build_object('text', x.text, 'votesFor', x.votes_for, 'votesAgainst', x.votes_against, 'abstentions', x.abstentions) ORDER BY x._order)
                        FROM meeting_minutes_resolutions x WHERE x._parent_id = v.id), '[]') AS resolutions
       FROM meeting_minutes v WHERE v.meeting_id = ANY($1::int[]) AND v.status = 'confirmed' ORDER BY v.version DESC`,
      [meetings],
    )
  ).rows.map((r) => ({ ...r, version: Number(r.version) }))

// ---------------------------------------------------------------- the annual record and the cockpit

export type BranchHeadRow = { name: string; has_committee: boolean | null }
/** The organisation's name and whether it has a committee, or undefined when there is none. */
export const branchHead = async (db: Queryable, branch: number): Promise<BranchHeadRow | undefined> =>
  (await db.query<BranchHeadRow>(`SELECT name, has_committee FROM organizations WHERE id = $1`, [branch])).rows[0]

export type RecordedMeetingRow = {
  id: number
  topic: string
  starts_at: Date
  ends_at: Date
  place: string | null
  agenda: string | null
  guests: string | null
  expected_count: number
  present_count: number
  leave_count: number
  credit_hours: number
  chair: string | null
  recorder: string | null
  speaker: string | null
  types: MeetingType[]
}
/** The branch's recorded meetings of the 所属年度 with the names of chair, recorder and speaker, by start; counts null as 0. */
export const recordedMeetings = async (db: Queryable, branch: number, year: number): Promise<RecordedMeetingRow[]> =>
  (
    await db.query<
      Omit<RecordedMeetingRow, 'expected_count' | 'present_count' | 'leave_count' | 'credit_hours'> & {
        expected_count: string | null
        present_count: string | null
        leave_count: string | null
        credit_hours: string | null
      }
    >(
      `SELECT m.id, m.topic, m.starts_at, m.ends_at, m.place, m.agenda, m.guests, m.expected_count, m.present_count, m.leave_count, m.credit_hours,
            c.name AS chair, r.name AS recorder, s.name AS speaker,
            ARRAY(SELECT value::text FROM meetings_types t WHERE t.parent_id = m.id ORDER BY t."order") AS types
       FROM meetings m LEFT JOIN users c ON c.id = m.chair_id LEFT JOIN users r ON r.id = m.recorder_id LEFT JOIN users s ON s.id = m.speaker_id
      WHERE m.organization_id = $1 AND m.year = $2 AND m.status = 'recorded'
      ORDER BY m.starts_at, m.id`,
      [branch, year],
    )
  ).rows.map((r) => ({
    ...r,
    expected_count: Number(r.expected_count ?? 0),
    present_count: Number(r.present_count ?? 0),
    leave_count: Number(r.leave_count ?? 0),
    credit_hours: Number(r.credit_hours ?? 0),
  }))

export type FiledInspectionRow = {
  meeting_id: number
  inspector: string | null
  on_time: Rating | null
  attendance: Rating | null
  content: Rating | null
  procedure: Rating | null
  comments: string | null
}
/** The filed 督查 of the branch's meetings of the 所属年度, with the inspector's name, by the meeting's start. */
export const filedInspections = async (db: Queryable, branch: number, year: number): Promise<FiledInspectionRow[]> =>
  (
    await db.query<FiledInspectionRow>(
      `SELECT x.meeting_id, u.name AS inspector, x.on_time::text, x.attendance::text, x.content::text, x.procedure::text, x.comments
       FROM meeting_inspections x JOIN meetings m ON m.id = x.meeting_id LEFT JOIN users u ON u.id = x.inspector_id
      WHERE m.organization_id = $1 AND m.year = $2 AND x.status = 'filed' ORDER BY m.starts_at`,
      [branch, year],
    )
  ).rows

export type CadreLecturesRow = { name: string; lectures: number }
/** The branch's active leading cadres, by name, each with the 党课 they gave in the 所属年度 (recorded, in any branch). */
export const cadreLectures = async (db: Queryable, branch: number, year: number): Promise<CadreLecturesRow[]> =>
  (
    await db.query<CadreLecturesRow>(
      `SELECT u.name, (SELECT count(*)::int FROM meetings m JOIN meetings_types t ON t.parent_id = m.id AND t.value = 'partyLecture'
                      WHERE m.speaker_id = u.id AND m.year = $2 AND m.status = 'recorded') AS lectures
       FROM users u WHERE u.organization_id = $1 AND u.leading_cadre AND u.active IS NOT FALSE ORDER BY u.name`,
      [branch, year],
    )
  ).rows

export type LifeOverviewRow = {
  id: number
  name: string
  has_committee: boolean | null
  recorded: number
  expected: number
  present: number
  held: Partial<Record<MeetingType, number>> | null
  inspections: number
  cadres_without_lecture: string[] | null
}
/**
 * Each branch among the organisations, by name: recorded meetings of the 所属年度 and their summed
 * 应到/实到, meetings held per type by `now`, filed 督查, and active leading cadres without a 党课.
 */
export const lifeOverviewRows = async (db: Queryable, orgs: number[], year: number, now: Date): Promise<LifeOverviewRow[]> =>
  (
    await db.query<
      Omit<LifeOverviewRow, 'recorded' | 'expected' | 'present' | 'inspections'> & {
        recorded: string
        expected: string
        present: string
        inspections: string
      }
    >(
      `SELECT o.id, o.name, o.has_committee,
            count(DISTINCT m.id) FILTER (WHERE m.status = 'recorded') AS recorded,
            coalesce(sum(m.expected_count) FILTER (WHERE m.status = 'recorded'), 0) AS expected,
            coalesce(sum(m.present_count) FILTER (WHERE m.status = 'recorded'), 0) AS present,
            (SELECT json_object_agg(t.value, t.n) FROM (
               SELECT tt.value::text AS value, count(*) AS n FROM meetings mm JOIN meetings_types tt ON tt.parent_id = mm.id
                WHERE mm.organization_id = o.id AND mm.year = $2 AND (mm.status = 'recorded' OR (mm.status = 'approved' AND mm.starts_at <= $3)) GROUP BY 1) t) AS held,
            (SELECT count(*) FROM meeting_inspections x JOIN meetings mm ON mm.id = x.meeting_id WHERE mm.organization_id = o.id AND mm.year = $2 AND x.status = 'filed') AS inspections,
            ARRAY(SELECT u.name FROM users u WHERE u.organization_id = o.id AND u.leading_cadre AND u.active IS NOT FALSE
                     AND NOT EXISTS (SELECT 1 FROM meetings mm JOIN meetings_types t ON t.parent_id = mm.id AND t.value = 'partyLecture'
                                      WHERE mm.speaker_id = u.id AND mm.year = $2 AND mm.status = 'recorded') ORDER BY u.name) AS cadres_without_lecture
       FROM organizations o LEFT JOIN meetings m ON m.organization_id = o.id AND m.year = $2
      WHERE o.id = ANY($1::int[]) AND o.type = 'branch'
      GROUP BY o.id ORDER BY o.name`,
      [orgs, year, now.toISOString()],
    )
  ).rows.map((r) => ({
    ...r,
    recorded: Number(r.recorded),
    expected: Number(r.expected),
    present: Number(r.present),
    inspections: Number(r.inspections),
  }))

// ---------------------------------------------------------------- organisations and people

/** Whether the organisation has a committee (false when it has none or does not exist). */
export const hasCommittee = async (db: Queryable, org: number): Promise<boolean> =>
  (await db.query<{ has_committee: boolean | null }>(`SELECT has_committee FROM organizations WHERE id = $1`, [org])).rows[0]
    ?.has_committee === true

export type BranchRow = { id: number; name: string; parent_id: number | null; secretary_id: number | null; has_committee: boolean | null }
/** Every branch, by id. */
export const allBranches = async (db: Queryable): Promise<BranchRow[]> =>
  (
    await db.query<BranchRow>(
      `SELECT id, name, parent_id, secretary_id, has_committee FROM organizations WHERE type = 'branch' ORDER BY id`,
    )
  ).rows

export type BoardRow = { id: number; secretary_id: number | null; has_committee: boolean | null; board: number[] }
/** The organisations' secretary, whether each has a committee, and its 支部委员 in order. */
export const boards = async (db: Queryable, branches: number[]): Promise<BoardRow[]> =>
  (
    await db.query<BoardRow>(
      `SELECT o.id, o.secretary_id, o.has_committee,
             ARRAY(SELECT r.users_id FROM organizations_rels r WHERE r.parent_id = o.id AND r.path = 'committeeMembers' AND r.users_id IS NOT NULL ORDER BY r."order") AS board
        FROM organizations o WHERE o.id = ANY($1::int[])`,
      [branches],
    )
  ).rows

/** Whether the person exists and is active. */
export const isActivePerson = async (db: Queryable, person: number): Promise<boolean> =>
  (await db.query(`SELECT 1 FROM users WHERE id = $1 AND active IS NOT FALSE`, [person])).rows.length > 0

/** Whether the person is an active member of the branch. */
export const isActiveIn = async (db: Queryable, person: number, branch: number): Promise<boolean> =>
  (await db.query(`SELECT 1 FROM users WHERE id = $1 AND organization_id = $2 AND active IS NOT FALSE`, [person, branch])).rows.length > 0

/** The active person's organisation ({ organization_id }), or undefined when the person is not active or does not exist. */
export const activePersonOrg = async (db: Queryable, person: number): Promise<{ organization_id: number | null } | undefined> =>
  (await db.query<{ organization_id: number | null }>(`SELECT organization_id FROM users WHERE id = $1 AND active IS NOT FALSE`, [person]))
    .rows[0]

/** Those of the people who are active in the branch (id and name). */
export const activeOfBranch = async (db: Queryable, people: number[], branch: number): Promise<Array<{ id: number; name: string }>> =>
  (
    await db.query<{ id: number; name: string }>(
      `SELECT id, name FROM users WHERE id = ANY($1::int[]) AND organization_id = $2 AND active IS NOT FALSE`,
      [people, branch],
    )
  ).rows

/** How many of the people belong to the organisation. */
export const countInOrganization = async (db: Queryable, people: number[], org: number): Promise<number> =>
  Number(
    (
      await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE id = ANY($1::int[]) AND organization_id = $2`, [
        people,
        org,
      ])
    ).rows[0]?.n,
  )

/** Ids of the branch's active Party members (PARTY_MEMBER_STAGES), in order. */
export const partyMemberIds = async (db: Queryable, branch: number | null): Promise<number[]> =>
  (
    await db.query<{ id: number }>(
      `SELECT id FROM users WHERE organization_id = $1 AND active IS NOT FALSE AND political_stage::text = ANY($2::text[]) ORDER BY id`,
      [branch, PARTY_MEMBER_STAGES],
    )
  ).rows.map((r) => Number(r.id))

export type MemberNameRow = { id: number; name: string }
/** The branch's active Party members (PARTY_MEMBER_STAGES), by name. */
export const partyMembers = async (db: Queryable, branch: number): Promise<MemberNameRow[]> =>
  (
    await db.query<MemberNameRow>(
      `SELECT id, name FROM users WHERE organization_id = $1 AND active IS NOT FALSE AND political_stage::text = ANY($2::text[]) ORDER BY name`,
      [branch, PARTY_MEMBER_STAGES],
    )
  ).rows

export type BranchMemberRow = { id: number; name: string; org: number }
/** The branches' active Party members (PARTY_MEMBER_STAGES) with their branch, by name. */
export const partyMembersOf = async (db: Queryable, branches: number[]): Promise<BranchMemberRow[]> =>
  (
    await db.query<BranchMemberRow>(
      `SELECT id, name, organization_id AS org FROM users WHERE organization_id = ANY($1::int[]) AND active IS NOT FALSE AND political_stage::text = ANY($2::text[]) ORDER BY name`,
      [branches, PARTY_MEMBER_STAGES],
    )
  ).rows

/** Id and name of the organisations' secretaries and 支部委员. */
export const committeeNames = async (db: Queryable, branches: number[]): Promise<MemberNameRow[]> =>
  (
    await db.query<MemberNameRow>(
      `SELECT u.id, u.name FROM users u WHERE u.id IN (SELECT secretary_id FROM organizations WHERE id = ANY($1::int[]) UNION SELECT users_id FROM organizations_rels WHERE parent_id = ANY($1::int[]) AND path = 'committeeMembers')`,
      [branches],
    )
  ).rows

/** Ids of the organisation's active committee staff (role partyCommittee), in order. */
export const committeeStaffOf = async (db: Queryable, org: number): Promise<number[]> =>
  (
    await db.query<{ id: number }>(
      `SELECT u.id FROM users u JOIN users_roles r ON r.parent_id = u.id AND r.value = 'partyCommittee' WHERE u.organization_id = $1 AND u.active IS NOT FALSE ORDER BY u.id`,
      [org],
    )
  ).rows.map((r) => Number(r.id))

/** Ids of the branch's active secretaries (role branchSecretary), in order. */
export const secretaryIdsOf = async (db: Queryable, branch: number): Promise<number[]> =>
  (
    await db.query<{ id: number }>(
      `SELECT u.id FROM users u JOIN users_roles r ON r.parent_id = u.id AND r.value = 'branchSecretary' WHERE u.organization_id = $1 AND u.active IS NOT FALSE ORDER BY u.id`,
      [branch],
    )
  ).rows.map((r) => Number(r.id))

export type StaffRow = { org: number; ids: number[] }
/** Every organisation's active committee staff (role partyCommittee): the organisation and their ids in order. */
export const committeeStaffByOrganization = async (db: Queryable): Promise<StaffRow[]> =>
  (
    await db.query<StaffRow>(
      `SELECT u.organization_id AS org, array_agg(u.id ORDER BY u.id) AS ids FROM users u JOIN users_roles r ON r.parent_id = u.id AND r.value = 'partyCommittee'
            WHERE u.active IS NOT FALSE AND u.organization_id IS NOT NULL GROUP BY u.organization_id`,
    )
  ).rows

// ---------------------------------------------------------------- 督查 and 谈心谈话

/** Ids of the meetings the person is drawn to inspect. */
export const meetingsInspectedBy = async (db: Queryable, inspector: number): Promise<number[]> =>
  (await db.query<{ meeting_id: number }>(`SELECT meeting_id FROM meeting_inspections WHERE inspector_id = $1`, [inspector])).rows.map(
    (r) => Number(r.meeting_id),
  )

export type InspectorRow = { id: number; organization_id: number | null; name: string }
/** The organisation's pool of active inspectors (id, organisation, name), by id. */
export const inspectorPool = async (db: Queryable, org: number | null): Promise<InspectorRow[]> =>
  (
    await db.query<InspectorRow>(
      `SELECT u.id, u.organization_id, u.name FROM inspectors i JOIN users u ON u.id = i.person_id WHERE i.organization_id = $1 AND u.active IS NOT FALSE ORDER BY u.id`,
      [org],
    )
  ).rows

export type TalkRow = { org: number; people: number[] }
/**
 * The 谈心谈话 of the branches in the 所属年度, each as its branch and the people in it: the recorded
 * talks, and the recorded meetings tagged 谈心谈话 with their members present.
 */
export const talksHeld = async (db: Queryable, branches: number[], year: number): Promise<TalkRow[]> =>
  (
    await db.query<TalkRow>(
      `SELECT t.organization_id AS org, array_agg(r.users_id) AS people
       FROM heart_talks t JOIN heart_talks_rels r ON r.parent_id = t.id AND r.path = 'participants'
      WHERE t.organization_id = ANY($1::int[]) AND t.year = $2 GROUP BY t.id
     UNION ALL
     SELECT m.organization_id, array_agg(a.member_id)
       FROM meetings m JOIN meeting_attendance a ON a.meeting_id = m.id AND a.status = 'present'
      WHERE m.organization_id = ANY($1::int[]) AND m.year = $2 AND m.status = 'recorded'
        AND EXISTS (SELECT 1 FROM meetings_types ty WHERE ty.parent_id = m.id AND ty.value = 'heartTalk')
      GROUP BY m.id`,
      [branches, year],
    )
  ).rows

/** Id and name of the people (those that exist). */
export const peopleNames = async (db: Queryable, people: number[]): Promise<MemberNameRow[]> =>
  (await db.query<MemberNameRow>(`SELECT id, name FROM users WHERE id = ANY($1::int[])`, [people])).rows

/** The branch's active people, whatever their stage, by name. */
export const activePeopleOfBranch = async (db: Queryable, branch: number): Promise<MemberNameRow[]> =>
  (await db.query<MemberNameRow>(`SELECT id, name FROM users WHERE organization_id = $1 AND active IS NOT FALSE ORDER BY name`, [branch]))
    .rows
