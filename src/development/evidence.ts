import type { Payload } from 'payload'

import { poolOf } from '../db/pool'
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
  const { rows: courses } = await pool.query<{ id: number; title: string; lessons: number; completed: number; hours: string }>(
    `SELECT c.id, coalesce(c.title, '') AS title, count(r.micro_lessons_id)::int AS lessons, count(p.completed_at)::int AS completed, coalesce(sum(h.hours), 0) AS hours
       FROM courses c
       JOIN courses_rels r ON r.parent_id = c.id AND r.path = 'lessons' AND r.micro_lessons_id IS NOT NULL
       LEFT JOIN study_progress p ON p.member_id = $1 AND p.item_collection = 'micro-lessons' AND p.item_id = r.micro_lessons_id
       LEFT JOIN (SELECT evidence_id, sum(hours) AS hours FROM study_hours WHERE member_id = $1 AND source = 'online' AND evidence_collection = 'study-progress' AND NOT held GROUP BY 1) h ON h.evidence_id = p.id
      WHERE c.training_for::text = $2 AND c.review_state = 'published'
      GROUP BY c.id ORDER BY c.id`,
    [person, kind],
  )
  const { rows: trainings } = await pool.query<{ id: number; title: string; date: Date; hours: string }>(
    `SELECT t.id, t.title, t.date, sum(h.hours) AS hours
       FROM study_hours h JOIN trainings t ON t.id = h.evidence_id
      WHERE h.member_id = $1 AND h.evidence_collection = 'trainings' AND NOT h.held AND t.training_for::text = $2
      GROUP BY t.id ORDER BY t.date`,
    [person, kind],
  )
  const c = courses.map((r) => ({
    id: Number(r.id),
    title: r.title,
    lessons: Number(r.lessons),
    completed: Number(r.completed),
    hours: round(Number(r.hours)),
  }))
  const t = trainings.map((r) => ({
    id: Number(r.id),
    title: r.title,
    date: new Date(r.date).toISOString(),
    hours: round(Number(r.hours)),
  }))
  return { kind, courses: c, trainings: t, hours: round([...c, ...t].reduce((a, x) => a + x.hours, 0)) }
}
