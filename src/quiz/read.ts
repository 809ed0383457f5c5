import type { Payload } from 'payload'

import { idOf } from '../access/roles'
import type { Member } from '../study/read'
import { wrongBook } from './wrongBook'

export type AttemptSummary = {
  id: number
  quizId: number
  quizTitle: string
  mode: string
  score: number | null
  passed: boolean | null
  submittedAt: string | null
}
export type WrongAnswer = { questionId: number; stem: string; lastWrongAt: string; timesWrong: number }

/** The member's submitted quiz attempts, newest first (read as the member). */
export async function myAttempts(payload: Payload, user: Member, limit = 50): Promise<AttemptSummary[]> {
  const { docs } = await payload.find({
    collection: 'quiz-attempts',
    where: { and: [{ member: { equals: user.id } }, { status: { equals: 'submitted' } }] },
    sort: '-submittedAt',
    depth: 1,
    limit,
    overrideAccess: false,
    user,
    select: { quiz: true, mode: true, score: true, passed: true, submittedAt: true },
    populate: { quizzes: { title: true } },
  })
  return docs.map((d) => ({
    id: d.id,
    quizId: idOf(d.quiz) as number,
    quizTitle: typeof d.quiz === 'object' && d.quiz ? d.quiz.title : '',
    mode: d.mode,
    score: d.score ?? null,
    passed: d.passed ?? null,
    submittedAt: d.submittedAt ?? null,
  }))
}

/**
 * 错题本 in brief (question and mistakes, no answer key): the questions src/quiz/wrongBook.ts keeps
 * in the member's book — answered wrong and not yet answered right twice in a row since.
 */
export async function myWrongAnswers(payload: Payload, user: Member): Promise<WrongAnswer[]> {
  return (await wrongBook(payload, Number(user.id))).map((q) => ({
    questionId: q.questionId,
    stem: q.stem,
    lastWrongAt: q.lastWrongAt,
    timesWrong: q.timesWrong,
  }))
}
