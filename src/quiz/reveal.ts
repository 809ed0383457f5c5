/**
 * What a result may reveal, pure (the I/O is in held.ts): a question's correct answer and
 * explanation are shown only when the member answered it in that paper, and never while it belongs
 * to a knowledge competition (知识竞赛) that has not closed — otherwise a quiz with unlimited
 * attempts hands out the whole answer key, competition questions included.
 */

/** A draw rule as the quiz stores it (see drawWhere in quizRules.ts: any of the themes, the difficulty unless 'any'). */
export type DrawRule = { themes?: Array<number | { id: number }> | null; difficulty?: string | null }

/** A competition as far as holding back answers goes. */
export type CompetitionScope = {
  closesAt?: string | Date | null
  questionSource?: 'fixed' | 'random' | null
  questions?: Array<number | { id: number }> | null
  draw?: DrawRule | null
}

/** A bank question as far as a draw rule goes. */
export type BankQuestion = { id: number; themes?: Array<number | { id: number }> | null; difficulty?: string | null }

const idOf = (v: number | { id: number }) => (typeof v === 'object' ? v.id : v)

/** Whether a random draw with this rule can pick the question (the same test as drawWhere). */
export const inDraw = (q: BankQuestion, draw: DrawRule): boolean => {
  const themes = (draw.themes ?? []).map(idOf)
  if (themes.length && !(q.themes ?? []).map(idOf).some((t) => themes.includes(t))) return false
  if (draw.difficulty && draw.difficulty !== 'any' && q.difficulty !== draw.difficulty) return false
  return true
}

/** Whether the competition is still running or yet to come at `now` (one without a closing time never closes). */
export const competitionOpen = (c: CompetitionScope, now: Date) => !c.closesAt || new Date(c.closesAt).getTime() > now.getTime()

/** The questions among `questions` that a competition not yet closed at `now` uses: fixed, or drawable by its rules. */
export const heldForCompetitions = (questions: BankQuestion[], competitions: CompetitionScope[], now: Date): Set<number> => {
  const held = new Set<number>()
  for (const c of competitions) {
    if (!competitionOpen(c, now)) continue
    if (c.questionSource === 'random') {
      for (const q of questions) if (inDraw(q, c.draw ?? {})) held.add(q.id)
    } else {
      const fixed = new Set((c.questions ?? []).map(idOf))
      for (const q of questions) if (fixed.has(q.id)) held.add(q.id)
    }
  }
  return held
}

/** Whether the member gave an answer (an empty or blank entry is no answer). */
export const answered = (given: unknown[] | undefined | null) => (given ?? []).some((g) => String(g).trim() !== '')

export type GradedQuestion = {
  questionId: number
  stem: string
  correct: boolean
  yourAnswer: string[]
  correctAnswer: string[]
  explanation: string | null
}
/** `correct` is null while held: a verdict, like the key, gives the answer away to a member who retries. */
export type RevealedQuestion = Omit<GradedQuestion, 'correct'> & { correct: boolean | null; answerShown: boolean; note: string | null }

export const NOTE_UNANSWERED = '未作答，不显示正确答案和解析'
export const NOTE_COMPETITION = '本题用于尚未结束的知识竞赛，对错、正确答案和解析将在竞赛结束后公布'

/** A graded question as the member may see it: the key only when answered and not held back, the verdict unless held back. */
export const revealQuestion = (g: GradedQuestion, given: unknown[] | undefined | null, held: Set<number>): RevealedQuestion => {
  if (held.has(g.questionId))
    return { ...g, correct: null, correctAnswer: [], explanation: null, answerShown: false, note: NOTE_COMPETITION }
  const note = !answered(given) ? NOTE_UNANSWERED : null
  if (note) return { ...g, correctAnswer: [], explanation: null, answerShown: false, note }
  return { ...g, answerShown: true, note: null }
}
