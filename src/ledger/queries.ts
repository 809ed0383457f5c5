import type { Queryable } from '../db/transaction'
import type { StudyHourSource } from './sources'

/**
 * Every SQL statement of the 学时 ledger (src/ledger), each a typed function on what it runs on: the
 * request's transaction or the pool (`inRequest(req)`), or the pool (`poolOf(payload)`). The ledger's
 * writer is the database function study_hours_write: one call. PostgreSQL's numeric values (strings to
 * node-postgres) come back as numbers.
 */

export type StudyTargetsRow = { member: number | null; cadre: number | null }
/** The platform settings' 学时 targets (null where unset), or undefined when there are no settings yet. */
export const studyTargetsRow = async (db: Queryable): Promise<StudyTargetsRow | undefined> => {
  const row = (
    await db.query<{ member: string | null; cadre: string | null }>(
      'SELECT annual_study_hours_target AS member, annual_study_hours_target_cadre AS cadre FROM platform_settings LIMIT 1',
    )
  ).rows[0]
  return row && { member: row.member === null ? null : Number(row.member), cadre: row.cadre === null ? null : Number(row.cadre) }
}

export type SourceHoursRow = { source: StudyHourSource; hours: number; held: number }
/** The member's 学时 of the 所属年度 per source: counted and held apart. */
export const hoursBySource = async (db: Queryable, member: number, year: number): Promise<SourceHoursRow[]> =>
  (
    await db.query<{ source: StudyHourSource; hours: string; held: string }>(
      `SELECT source::text AS source, coalesce(sum(hours) FILTER (WHERE NOT held), 0) AS hours, coalesce(sum(hours) FILTER (WHERE held), 0) AS held
       FROM study_hours WHERE member_id = $1 AND year = $2 GROUP BY 1`,
      [member, year],
    )
  ).rows.map((r) => ({ source: r.source, hours: Number(r.hours), held: Number(r.held) }))

export type YearHoursRow = { year: number; hours: number }
/** The member's counted 学时 per 所属年度, newest first (held entries left out). */
export const hoursByYear = async (db: Queryable, member: number): Promise<YearHoursRow[]> =>
  (
    await db.query<{ year: string; hours: string }>(
      `SELECT year, sum(hours) AS hours FROM study_hours WHERE member_id = $1 AND NOT held GROUP BY 1 ORDER BY 1 DESC`,
      [member],
    )
  ).rows.map((r) => ({ year: Number(r.year), hours: Number(r.hours) }))

export type OfflineEntryRow = {
  source: StudyHourSource
  title: string
  counts_on: Date
  year: number
  hours: number
  organization: string | null
}
/** The member's counted offline entries with the vouching organisation's name, newest first. */
export const offlineEntryRows = async (db: Queryable, member: number): Promise<OfflineEntryRow[]> =>
  (
    await db.query<Omit<OfflineEntryRow, 'year' | 'hours'> & { year: string; hours: string }>(
      `SELECT h.source::text AS source, coalesce(h.title, '') AS title, h.counts_on, h.year, h.hours, o.name AS organization
       FROM study_hours h LEFT JOIN organizations o ON o.id = h.organization_id
      WHERE h.member_id = $1 AND h.source <> 'online' AND NOT h.held ORDER BY h.counts_on DESC, h.id DESC`,
      [member],
    )
  ).rows.map((r) => ({ ...r, year: Number(r.year), hours: Number(r.hours) }))

export type StudyHoursWrite = {
  member: number
  source: string
  organization: number | null
  countsOn: Date
  year: number
  /** null withdraws the entry. */
  hours: number | null
  evidence: { collection: string; id: number }
  title: string | null
}
/** One entry through the ledger's writer, the database function study_hours_write (not held). */
export const studyHoursWrite = async (db: Queryable, e: StudyHoursWrite): Promise<void> => {
  await db.query(
    `SELECT study_hours_write($1::int, $2::text, $3::int, $4::timestamptz, $5::int,
                                   $6::numeric, false, $7::text, $8::numeric, $9::text)`,
    [e.member, e.source, e.organization, e.countsOn.toISOString(), e.year, e.hours, e.evidence.collection, e.evidence.id, e.title],
  )
}
