import type { Payload, PayloadRequest } from 'payload'

import { inRequest } from '../db/transaction'
import { studyHoursWrite } from './queries'
import type { StudyHourSource } from './sources'

/** One credit of 学时: who, from what, vouched by which organisation, for which date and year, on what evidence. */
export type StudyHourEntry = {
  member: number
  source: Exclude<StudyHourSource, 'online'>
  organization: number | null
  countsOn: Date
  year: number
  /** null withdraws the entry. */
  hours: number | null
  evidence: { collection: string; id: number }
  title?: string | null
}

/**
 * The ledger's one writer for offline sources: the database function study_hours_write (src/db/sql/
 * study_hours.sql), which online study's trigger calls too. Runs on the request's transaction, so an
 * entry is written with the record that vouches for it or not at all. Members in ascending order:
 * two writers over the same members take their rows in one order.
 */
export const writeStudyHours = async (payload: Payload, req: Partial<PayloadRequest> | undefined, entries: StudyHourEntry[]) => {
  const sorted = [...entries].sort((a, b) => a.member - b.member)
  for (const e of sorted) {
    await studyHoursWrite(inRequest(req?.payload ? req : { ...req, payload }), { ...e, title: e.title ?? null })
  }
}
