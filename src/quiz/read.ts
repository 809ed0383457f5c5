import type { Payload } from 'payload'

import { idOf } from '../access/roles'
import type { Member } from '../study/read'

export type AttemptSummary = { id: number; quizId: number; quizTitle: string; mode: string; score: number | null; passed: boolean | null; submittedAt: string | null }
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

/** 错题本: questions whose latest answer by the member was wrong, newest first. */
export async function myWrongAnswers(payload: Payload, user: Member): Promise<WrongAnswer[]> {
  const { docs } = await payload.find({
    collection: 'quiz-attempts',
    where: { and: [{ member: { equals: user.id } }, { status: { equals: 'submitted' } }] },
    sort: 'submittedAt',
    depth: 0,
    limit: 500,
    overrideAccess: false,
    user,
    select: { results: true, submittedAt: true },
  })
  const state = new Map<number, { wrong: boolean; lastWrongAt: string; timesWrong: number }>()
  for (const a of docs) {
    for (const r of (a.results as Array<{ questionId: number; correct: boolean }> | null) ?? []) {
      const s = state.get(r.questionId) ?? { wrong: false, lastWrongAt: '', timesWrong: 0 }
      s.wrong = !r.correct
      if (!r.correct) {
        s.timesWrong += 1
        s.lastWrongAt = a.submittedAt ?? ''
      }
      state.set(r.questionId, s)
    }
  }
  const wrongIds = [...state.entries()].filter(([, s]) => s.wrong).map(([id]) => id)
  if (!wrongIds.length) return []
  const questions = await payload.find({ collection: 'questions', where: { id: { in: wrongIds } }, depth: 0, limit: 0, pagination: false, overrideAccess: false, user, select: { stem: true } })
  const stems = new Map(questions.docs.map((q) => [q.id, q.stem]))
  return wrongIds
    .map((id) => ({ questionId: id, stem: stems.get(id) ?? '', lastWrongAt: state.get(id)!.lastWrongAt, timesWrong: state.get(id)!.timesWrong }))
    .sort((a, b) => b.lastWrongAt.localeCompare(a.lastWrongAt))
}
