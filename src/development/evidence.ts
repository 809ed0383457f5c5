import type { Payload } from 'payload'

import { poolOf } from '../db/pool'
import { courseEvidence, trainingEvidenceRows } from './queries'
import type { TrainingFor } from './steps'

export type TrainingEvidence = {
  kind: TrainingFor
  /** Published courses marked as this stage's 党校 training: lessons done and the 学时 the ledger credited for them. */
  courses: Array<{ id: number; title: string; lessons: number; completed: number; hours: number }>
  /** Confirmed training records (培训登记) for this stage the person attended, with their ledger 学时. */
  trainings: Array<{ id: number; title: string; date: string; hours: number }>
  hours: number
}

const round = (v: number) => Math.round(v * 100) / 100

/**
 * The training a development step shows as its evidence (issue 17 §4): nobody retypes it. Online
 * study and offline training both come from the 学时台账 (study_hours), the one record of credited
 * study: a course counts the hours credited for its lessons, a training record its confirmed entry.
 */
export const trainingEvidence = async (payload: Payload, person: number, kind: TrainingFor): Promise<TrainingEvidence> => {
  const pool = poolOf(payload)
  const courses = await courseEvidence(pool, person, kind)
  const trainings = await trainingEvidenceRows(pool, person, kind)
  const c = courses.map((r) => ({
    id: Number(r.id),
    title: r.title,
    lessons: Number(r.lessons),
    completed: Number(r.completed),
    hours: round(r.hours),
  }))
  const t = trainings.map((r) => ({
    id: Number(r.id),
    title: r.title,
    date: new Date(r.date).toISOString(),
    hours: round(r.hours),
  }))
  return { kind, courses: c, trainings: t, hours: round([...c, ...t].reduce((a, x) => a + x.hours, 0)) }
}
