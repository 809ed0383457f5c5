import type { Payload } from 'payload'

import type { Member } from '../study/read'

export type AttemptSummary = { id: number; quizId: number; quizTitle: string; mode: string; score: number | null; passed: boolean | null; submittedAt: string | null }
export type WrongAnswer = { questionId: number; stem: string; lastWrongAt: string; timesWrong: number }

/** The member's quiz attempts, newest first. */
export async function myAttempts(payload: Payload, user: Member, limit = 50): Promise<AttemptSummary[]> {
  void payload
  void user
  void limit
  return []
}

/** 错题本: questions the member last answered wrong, newest first. */
export async function myWrongAnswers(payload: Payload, user: Member): Promise<WrongAnswer[]> {
  void payload
  void user
  return []
}
