import type { Payload } from 'payload'

import { idOf } from '../access/roles'
import { poolOf } from '../db/pool'
import { QuizError } from './attempts'
import { correctKeys, gradeQuestion, optionKey, type GradableQuestion } from './grading'
import { heldQuestionIds } from './held'
import { insertPractice, practiceOutcomes, quizOutcomes } from './queries'
import { answered, NOTE_COMPETITION } from './reveal'

/**
 * 错题本 (issue 14): the questions a member answered wrong, with the correct answer and explanation,
 * to practise one by one. A question leaves the book once answered right twice in a row — in a quiz
 * or in practice. Practice is not an attempt: no score, no points, no 学时 (quiz-practice rows only).
 *
 * The answer key follows the rules of reveal.ts: never while a knowledge competition that has not
 * closed uses the question (held.ts), and only for a question the member has given an answer to —
 * in a quiz or in practice — so handing in empty papers fills no book with keys.
 */

/** Right answers in a row that take a question out of the book. */
export const RIGHT_IN_A_ROW = 2

export const NOTE_NEVER_ANSWERED = '这道题你还没有作答过：练习作答后显示正确答案和解析'

type Outcome = { questionId: number; correct: boolean; answered: boolean; at: Date }

export type BookState = { timesWrong: number; lastWrongAt: Date; streak: number; everAnswered: boolean }

/**
 * The book from a member's outcomes, pure: each question ever answered wrong, its wrong count, the
 * right answers in a row since its last wrong one, and whether the member ever gave an answer to it.
 */
export const bookStates = (outcomes: Outcome[]): Map<number, BookState> => {
  const states = new Map<number, BookState>()
  for (const o of [...outcomes].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const s = states.get(o.questionId)
    if (!o.correct) {
      states.set(o.questionId, {
        timesWrong: (s?.timesWrong ?? 0) + 1,
        lastWrongAt: o.at,
        streak: 0,
        everAnswered: Boolean(s?.everAnswered) || o.answered,
      })
    } else if (s) {
      s.streak += 1
      s.everAnswered = true
    }
  }
  for (const [id, s] of states) if (s.streak >= RIGHT_IN_A_ROW) states.delete(id)
  return states
}

/** Every quiz and practice outcome of the member, oldest first. */
const outcomesOf = async (payload: Payload, memberId: number, questionId?: number): Promise<Outcome[]> => {
  const pool = poolOf(payload)
  const [quiz, practice] = await Promise.all([
    quizOutcomes(pool, memberId, questionId ?? null),
    practiceOutcomes(pool, memberId, questionId ?? null),
  ])
  return [
    ...quiz.map((r) => ({
      questionId: Number(r.qid),
      correct: r.correct,
      answered: answered(Array.isArray(r.given) ? r.given : []),
      at: new Date(r.at),
    })),
    // A practice answer is never empty (the endpoint refuses that).
    ...practice.map((r) => ({ questionId: Number(r.qid), correct: r.correct, answered: true, at: new Date(r.at) })),
  ]
}

export type BookQuestion = {
  questionId: number
  type: GradableQuestion['type']
  stem: string
  /** Options in the bank's order, keyed a, b, c… (practice answers use these keys). */
  options: Array<{ key: string; text: string }>
  timesWrong: number
  lastWrongAt: string
  /** Right answers in a row since the last wrong one (RIGHT_IN_A_ROW takes it out). */
  streak: number
  answerShown: boolean
  correctAnswer: string[]
  explanation: string | null
  /** Why the key is not shown, when it is not. */
  note: string | null
  /** False while an open competition uses the question: practising it would give its answer away. */
  canPractise: boolean
}

type QuestionDoc = Omit<GradableQuestion, 'options'> & {
  stem: string
  explanation?: string | null
  options?: Array<{ text: string; isCorrect?: boolean | null }> | null
}

const identity = (q: QuestionDoc) => Array.from({ length: q.options?.length ?? 0 }, (_, i) => i)

const toBookQuestion = (q: QuestionDoc, s: BookState, held: boolean): BookQuestion => {
  const note = held ? NOTE_COMPETITION : !s.everAnswered ? NOTE_NEVER_ANSWERED : null
  return {
    questionId: q.id,
    type: q.type,
    stem: q.stem,
    options: (q.options ?? []).map((o, i) => ({ key: optionKey(i), text: o.text })),
    timesWrong: s.timesWrong,
    lastWrongAt: s.lastWrongAt.toISOString(),
    streak: s.streak,
    answerShown: note === null,
    correctAnswer: note === null ? correctKeys(q, identity(q)) : [],
    explanation: note === null ? (q.explanation ?? null) : null,
    note,
    canPractise: !held,
  }
}

const questionsByIds = async (payload: Payload, ids: number[]) => {
  const { docs } = await payload.find({
    collection: 'questions',
    where: { id: { in: ids } },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
  })
  return new Map(docs.map((d) => [d.id as number, d as unknown as QuestionDoc]))
}

/** The member's 错题本, the most recent mistake first. */
export async function wrongBook(payload: Payload, memberId: number, now = new Date()): Promise<BookQuestion[]> {
  const states = bookStates(await outcomesOf(payload, memberId))
  if (!states.size) return []
  const ids = [...states.keys()]
  const [questions, held] = await Promise.all([questionsByIds(payload, ids), heldQuestionIds(payload, ids, now)])
  return ids
    .filter((id) => questions.has(id))
    .map((id) => toBookQuestion(questions.get(id)!, states.get(id)!, held.has(id)))
    .sort((a, b) => b.lastWrongAt.localeCompare(a.lastWrongAt))
}

export type PracticeResult = {
  questionId: number
  correct: boolean
  correctAnswer: string[]
  explanation: string | null
  streak: number
  removed: boolean
}

/**
 * One practice answer to a question of the member's book: graded, recorded as practice, answered
 * with the correct answer and explanation. Refused for a question not in the book (practice is for
 * mistakes, not a way to read the bank's keys) and while an open competition uses it.
 */
export async function practise(
  payload: Payload,
  member: { id: number; organization?: unknown },
  questionId: number,
  answer: unknown,
  now = new Date(),
): Promise<PracticeResult> {
  if (!Array.isArray(answer) || answer.length > 20 || answer.some((a) => typeof a !== 'string' || a.length > 200)) {
    throw new QuizError(400, 'answer 必须是字符串数组（选项字母，判断题为 correct 或 wrong，填空题为所填内容）')
  }
  const given = (answer as string[]).map((a) => a.trim()).filter(Boolean)
  if (!answered(given)) throw new QuizError(400, '请先作答再提交')
  const state = bookStates(await outcomesOf(payload, member.id, questionId)).get(questionId)
  if (!state) throw new QuizError(404, '这道题不在你的错题本中（已经连续答对两次的题会移出错题本）')
  if ((await heldQuestionIds(payload, [questionId], now)).has(questionId)) throw new QuizError(409, NOTE_COMPETITION)
  const q = (await questionsByIds(payload, [questionId])).get(questionId)
  if (!q) throw new QuizError(404, '这道题已从题库删除')
  const correct = gradeQuestion(q, identity(q), given) === 1
  await insertPractice(poolOf(payload), {
    member: member.id,
    organization: idOf(member.organization) ?? null,
    question: questionId,
    answer: given,
    correct,
    at: now,
  })
  const streak = correct ? state.streak + 1 : 0
  return {
    questionId,
    correct,
    correctAnswer: correctKeys(q, identity(q)),
    explanation: q.explanation ?? null,
    streak,
    removed: streak >= RIGHT_IN_A_ROW,
  }
}
