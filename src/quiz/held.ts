import type { Payload } from 'payload'

import { heldForCompetitions, type BankQuestion, type CompetitionScope } from './reveal'

/**
 * The I/O side of reveal.ts: which of these questions a knowledge competition not yet closed at
 * `now` uses (fixed on it, or drawable by its rules), read from the database at every call so that
 * every app-server worker answers alike. Two small queries, none when there is no such competition.
 */
export const heldQuestionIds = async (payload: Payload, questionIds: number[], now: Date): Promise<Set<number>> => {
  if (!questionIds.length) return new Set()
  const { docs: competitions } = await payload.find({
    collection: 'quizzes',
    where: { and: [{ mode: { equals: 'competition' } }, { or: [{ closesAt: { exists: false } }, { closesAt: { greater_than: now.toISOString() } }] }] },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    select: { questionSource: true, questions: true, draw: true, closesAt: true },
  })
  if (!competitions.length) return new Set()
  const { docs: questions } = await payload.find({
    collection: 'questions',
    where: { id: { in: questionIds } },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    select: { themes: true, difficulty: true },
  })
  return heldForCompetitions(questions as BankQuestion[], competitions as CompetitionScope[], now)
}
