/** Question types from DOMAIN.md: 单选, 多选, 判断, 填空. */
export const QUESTION_TYPES = ['single', 'multiple', 'trueFalse', 'fillIn'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

/** 难度, shared by the question bank and a quiz's random-draw rule. */
export const DIFFICULTY_OPTIONS = [
  { value: 'easy', label: { zh: '容易', en: 'Easy' } },
  { value: 'medium', label: { zh: '中等', en: 'Medium' } },
  { value: 'hard', label: { zh: '困难', en: 'Hard' } },
]

export const QUESTION_TYPE_LABELS: Record<QuestionType, { zh: string; en: string }> = {
  single: { zh: '单选题', en: 'Single choice' },
  multiple: { zh: '多选题', en: 'Multiple choice' },
  trueFalse: { zh: '判断题', en: 'True/false' },
  fillIn: { zh: '填空题', en: 'Fill-in' },
}

export type QuestionInput = {
  type?: QuestionType | null
  stem?: string | null
  options?: Array<{ text?: string | null; isCorrect?: boolean | null }> | null
  trueFalseAnswer?: 'correct' | 'wrong' | null
  fillInAnswers?: Array<{ answer?: string | null }> | null
}

/**
 * Checks that a question is answerable and its answer is unambiguous, returning the problems in
 * words a curator can act on (empty when the question is sound).
 */
export const questionProblems = (q: QuestionInput): string[] => {
  const problems: string[] = []
  const options = (q.options ?? []).filter((o) => o.text?.trim())
  const correct = options.filter((o) => o.isCorrect).length
  switch (q.type) {
    case 'single':
      if (options.length < 2) problems.push('单选题至少需要 2 个选项')
      if (correct !== 1) problems.push(`单选题必须恰好有 1 个正确选项（现在有 ${correct} 个）`)
      break
    case 'multiple':
      if (options.length < 3) problems.push('多选题至少需要 3 个选项')
      if (correct < 2) problems.push(`多选题至少需要 2 个正确选项（现在有 ${correct} 个）`)
      break
    case 'trueFalse':
      if (!q.trueFalseAnswer) problems.push('判断题必须选择正确答案（正确/错误）')
      break
    case 'fillIn': {
      const answers = (q.fillInAnswers ?? []).filter((a) => a.answer?.trim())
      if (answers.length === 0) problems.push('填空题至少需要 1 个参考答案')
      if (!/_{2,}|（\s*）|\(\s*\)/.test(q.stem ?? '')) problems.push('填空题题干中需用“____”或“（ ）”标出空位')
      break
    }
    default:
      problems.push('请选择题型')
  }
  const texts = options.map((o) => o.text!.trim())
  if (new Set(texts).size !== texts.length) problems.push('选项内容不能重复')
  return problems
}
