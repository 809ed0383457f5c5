import type { Payload } from 'payload'

import { poolOf } from '../db/pool'
import { hoursBySource, hoursByYear, offlineEntryRows } from './queries'
import { STUDY_HOUR_SOURCES, type StudyHourSource } from './sources'

const round = (v: number) => Math.round(v * 100) / 100

export type YearBySource = { online: number; offline: number; bySource: Record<StudyHourSource, number>; held: number }

/** A member's 学时 of one year (所属年度) by source, from the ledger; held entries apart. */
export const yearBySource = async (payload: Payload, memberId: number, year: number): Promise<YearBySource> => {
  const rows = await hoursBySource(poolOf(payload), memberId, year)
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
  const rows = await hoursByYear(poolOf(payload), memberId)
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
  const rows = await offlineEntryRows(poolOf(payload), memberId)
  return rows.map((r) => ({
    source: r.source,
    title: String(r.title),
    countsOn: new Date(r.counts_on).toISOString(),
    year: Number(r.year),
    hours: round(Number(r.hours)),
    organization: r.organization ? String(r.organization) : null,
  }))
}
