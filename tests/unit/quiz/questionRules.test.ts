import { describe, expect, it } from 'vitest'

import { questionProblems } from '../../../src/quiz/questionRules'

describe('question soundness', () => {
  const opts = (...correct: boolean[]) => correct.map((isCorrect, i) => ({ text: `选项${i}`, isCorrect }))

  it('accepts well-formed questions of each type', () => {
    expect(questionProblems({ type: 'single', stem: '题', options: opts(false, true, false) })).toEqual([])
    expect(questionProblems({ type: 'multiple', stem: '题', options: opts(true, true, false) })).toEqual([])
    expect(questionProblems({ type: 'trueFalse', stem: '题', trueFalseAnswer: 'wrong' })).toEqual([])
    expect(questionProblems({ type: 'fillIn', stem: '成立于____年', fillInAnswers: [{ answer: '1949' }] })).toEqual([])
  })

  it('refuses ambiguous or unanswerable questions with reasons', () => {
    expect(questionProblems({ type: 'single', stem: '题', options: opts(true, true) })).toEqual([
      '单选题必须恰好有 1 个正确选项（现在有 2 个）',
    ])
    expect(questionProblems({ type: 'multiple', stem: '题', options: opts(true, false, false) })).toEqual([
      '多选题至少需要 2 个正确选项（现在有 1 个）',
    ])
    expect(questionProblems({ type: 'trueFalse', stem: '题' })).toEqual(['判断题必须选择正确答案（正确/错误）'])
    expect(questionProblems({ type: 'fillIn', stem: '没有空位', fillInAnswers: [] })).toHaveLength(2)
    expect(questionProblems({ type: 'single', stem: '题', options: [{ text: '同', isCorrect: true }, { text: '同' }] })).toContain(
      '选项内容不能重复',
    )
  })
})
