import type { Payload } from 'payload'

import { yearOf } from '../../study/pace'
import { poolOf } from '../../db/pool'

/** The years the year selector offers: this year back to the first with study records (at least three). */
export const cockpitYears = async (payload: Payload, now = new Date()): Promise<number[]> => {
  const current = yearOf(now)
  const { rows } = await poolOf(payload).query<{ first: number | null }>(`SELECT min(year)::int AS first FROM study_member_year`)
  const first = Math.max(2000, Math.min(current - 2, rows[0]?.first ?? current))
  return Array.from({ length: current - first + 1 }, (_, i) => current - i)
}
