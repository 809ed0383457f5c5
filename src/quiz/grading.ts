/**
 * Grading rules, pure: single and true/false exact, multiple all-or-nothing (or proportional when
 * the quiz allows partial credit), fill-in normalised (trim, full-width → half-width, case, spaces).
 */
export type GradableQuestion = {
  id: number
  type: 'single' | 'multiple' | 'trueFalse' | 'fillIn'
  options?: Array<{ isCorrect?: boolean | null }> | null
  trueFalseAnswer?: 'correct' | 'wrong' | null
  fillInAnswers?: Array<{ answer: string }> | null
}

/** Option keys shown to the member: a, b, c… in the order the paper fixed. */
export const optionKey = (position: number) => String.fromCharCode(97 + position)

/** NFKC folds full-width letters, digits and punctuation into their half-width forms. */
export const normaliseFillIn = (s: string) =>
  s
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[。．.，,、]+$/u, '')

/** The correct answer as the member's keys for this paper (option order `order`). */
export const correctKeys = (q: GradableQuestion, order: number[]): string[] => {
  if (q.type === 'trueFalse') return q.trueFalseAnswer ? [q.trueFalseAnswer] : []
  if (q.type === 'fillIn') return (q.fillInAnswers ?? []).map((a) => a.answer)
  return order.map((orig, pos) => (q.options?.[orig]?.isCorrect ? optionKey(pos) : null)).filter((k): k is string => k !== null)
}

/** The share (0–1) of this question answered correctly. */
export const gradeQuestion = (q: GradableQuestion, order: number[], given: string[], partialCredit = false): number => {
  const answer = given.map((g) => String(g))
  if (q.type === 'fillIn') {
    const accepted = new Set((q.fillInAnswers ?? []).map((a) => normaliseFillIn(a.answer)))
    return answer.length === 1 && accepted.has(normaliseFillIn(answer[0])) ? 1 : 0
  }
  const right = new Set(correctKeys(q, order))
  const chosen = new Set(answer)
  if (q.type !== 'multiple' || !partialCredit) {
    return chosen.size === right.size && [...chosen].every((k) => right.has(k)) ? 1 : 0
  }
  // Partial credit: any wrong choice scores nothing; otherwise the share of right choices found.
  if ([...chosen].some((k) => !right.has(k))) return 0
  return right.size ? chosen.size / right.size : 0
}
