import type { Payload } from 'payload'

import { poolOf } from '../db/pool'
import { STUDY_HOUR_SOURCES, type StudyHourSource } from './sources'

const round = (v: number) => Math.round(v * 100) / 100

export type YearBySource = { online: number; offline: number; bySource: Record<StudyHourSource, number>; held: number }

/** A member's 学时 of one year (所属年度) by source, from the ledger; held entries apart. */
export const yearBySource = async (payload: Payload, memberId: number, year: number): Promise<YearBySource> => {
  const { rows } = await poolOf(payload).query<{ source: StudyHourSource; hours: string; held: string }>(
    `SELECT source::text AS source, coalesce(sum(hours) FILTER (WHERE NOT held), 0) AS hours, coalesce(sum(hours) FILTER (WHERE held), 0) AS held
       FROM study_hours WHERE member_id = $1 AND year = $2 GROUP BY 1`,
    [memberId, year],
  )
  const bySource = Object.fromEntries(STUDY_HOUR_SOURCES.map((s) => [s, 0])) as Record<StudyHourSource, number>
  let held = 0
  for (const r of rows) {
    bySource[r.source] = round(Number(r.hours))
    held += Number(r.held)
  }
  const online = bySource.online
  const offline = round(STUDY_HOUR_SOURCES.filter((s) => s !== 'online').reduce((a, s) => a + bySource[s], 0))
  return { online, offline, bySource, held: round(held) }
}

/** 学时 per year (所属年度), newest first; held entries left out. */
export const hoursPerYear = async (payload: Payload, memberId: number): Promise<Array<{ year: number; hours: number }>> => {
  const { rows } = await poolOf(payload).query<{ year: string; hours: string }>(
    `SELECT year, sum(hours) AS hours FROM study_hours WHERE member_id = $1 AND NOT held GROUP BY 1 ORDER BY 1 DESC`,
    [memberId],
  )
  return rows.map((r) => ({ year: Number(r.year), hours: round(Number(r.hours)) }))
}

export type OfflineEntry = {
  source: StudyHourSource
  title: string
  countsOn: string
  year: number
  hours: number
  organization: string | null
}

/** A member's offline entries (training, certificates, organisation life), newest first. */
export const offlineEntries = async (payload: Payload, memberId: number): Promise<OfflineEntry[]> => {
  const { rows } = await poolOf(payload).query(
    `SELECT h.source::text AS source, coalesce(h.title, '') AS title, h.counts_on, h.year, h.hours, o.name AS organization
       FROM study_hours h LEFT JOIN organizations o ON o.id = h.organization_id
      WHERE h.member_id = $1 AND h.source <> 'online' AND NOT h.held ORDER BY h.counts_on DESC, h.id DESC`,
    [memberId],
  )
  return rows.map((r) => ({
    source: r.source as StudyHourSource,
    title: String(r.title),
    countsOn: new Date(r.counts_on).toISOString(),
    year: Number(r.year),
    hours: round(Number(r.hours)),
    organization: r.organization ? String(r.organization) : null,
  }))
}
