import type { FieldHook, Payload, PayloadRequest } from 'payload'

import type { QuizAttempt } from '../payload-types'

import { heldForCompetitions, type BankQuestion, type CompetitionScope } from './reveal'

/**
 * The I/O side of reveal.ts: which of these questions a knowledge competition not yet closed at
 * `now` uses (fixed on it, or drawable by its rules), read from the database at every call so that
 * every app-server worker answers alike. Two small queries, none when there is no such competition.
 */
export const heldQuestionIds = async (payload: Payload, questionIds: number[], now: Date, req?: PayloadRequest): Promise<Set<number>> => {
  if (!questionIds.length) return new Set()
  const { docs: competitions } = await payload.find({
    collection: 'quizzes',
    where: {
      and: [
        { mode: { equals: 'competition' } },
        { or: [{ closesAt: { exists: false } }, { closesAt: { greater_than: now.toISOString() } }] },
      ],
    },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    select: { questionSource: true, questions: true, draw: true, closesAt: true },
    req,
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
    req,
  })
  return heldForCompetitions(questions as BankQuestion[], competitions as CompetitionScope[], now)
}

type StoredVerdict = { questionId: number; correct: boolean | null }

/**
 * quiz-attempts.results as the API reads it: the verdict of a question an open competition uses is
 * withheld (null) from every reader but the server's own reads, as on the result page — otherwise a
 * member re-taking a practice quiz reads the competition's answers off right/wrong marks. One query
 * per request (cached in req.context), none when no competition is open.
 */
export const withholdHeldVerdicts: FieldHook<QuizAttempt, QuizAttempt['results']> = async ({ value, req, overrideAccess }) => {
  if (overrideAccess || !Array.isArray(value) || !value.length) return value
  const verdicts = value as StoredVerdict[]
  const cache = (req.context.heldVerdicts ??= new Map<number, boolean>()) as Map<number, boolean>
  const unknown = verdicts.map((v) => v.questionId).filter((id) => !cache.has(id))
  if (unknown.length) {
    const held = await heldQuestionIds(req.payload, unknown, new Date())
    for (const id of unknown) cache.set(id, held.has(id))
  }
  return verdicts.map((v) => (cache.get(v.questionId) ? { ...v, correct: null } : v))
}
