import type { Payload } from 'payload'

import { yearOf } from '../../study/pace'
import { poolOf } from '../../db/pool'
import { firstStudyYear } from '../queries'

/** The years the year selector offers: this year back to the first with study records (at least three). */
export const cockpitYears = async (payload: Payload, now = new Date()): Promise<number[]> => {
  const current = yearOf(now)
  const first = Math.max(2000, Math.min(current - 2, (await firstStudyYear(poolOf(payload))) ?? current))
  return Array.from({ length: current - first + 1 }, (_, i) => current - i)
}
