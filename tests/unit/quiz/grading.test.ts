import { describe, expect, it } from 'vitest'

import { correctKeys, gradeQuestion, normaliseFillIn, type GradableQuestion } from '../../../src/quiz/grading'

const single: GradableQuestion = {
  id: 1,
  type: 'single',
  options: [{ isCorrect: false }, { isCorrect: true }, { isCorrect: false }, { isCorrect: false }],
}
const multiple: GradableQuestion = {
  id: 2,
  type: 'multiple',
  options: [{ isCorrect: true }, { isCorrect: true }, { isCorrect: true }, { isCorrect: false }],
}
const tf: GradableQuestion = { id: 3, type: 'trueFalse', trueFalseAnswer: 'wrong' }
const fill: GradableQuestion = { id: 4, type: 'fillIn', fillInAnswers: [{ answer: '1921' }, { answer: '1921年' }] }

describe('grading', () => {
  it('follows the paper’s option order', () => {
    // Shown as [3, 1, 0, 2]: the correct original option 1 is key "b".
    expect(correctKeys(single, [3, 1, 0, 2])).toEqual(['b'])
    expect(gradeQuestion(single, [3, 1, 0, 2], ['b'])).toBe(1)
    expect(gradeQuestion(single, [3, 1, 0, 2], ['a'])).toBe(0)
    expect(gradeQuestion(single, [3, 1, 0, 2], ['a', 'b'])).toBe(0)
  })

  it('grades multiple choice all or nothing unless the quiz allows partial credit', () => {
    const order = [0, 1, 2, 3]
    expect(gradeQuestion(multiple, order, ['a', 'b', 'c'])).toBe(1)
    expect(gradeQuestion(multiple, order, ['c', 'a', 'b'])).toBe(1)
    expect(gradeQuestion(multiple, order, ['a', 'b'])).toBe(0)
    expect(gradeQuestion(multiple, order, ['a', 'b'], true)).toBeCloseTo(2 / 3)
    expect(gradeQuestion(multiple, order, ['a', 'b', 'd'], true)).toBe(0)
  })

  it('grades true/false exactly and fill-in normalised', () => {
    expect(gradeQuestion(tf, [], ['wrong'])).toBe(1)
    expect(gradeQuestion(tf, [], ['correct'])).toBe(0)
    for (const given of ['1921', ' 1921 ', '１９２１', '1921年', '1921。']) expect(gradeQuestion(fill, [], [given]), given).toBe(1)
    expect(gradeQuestion(fill, [], ['1927'])).toBe(0)
    expect(normaliseFillIn('ＡＢｃ  d')).toBe('abcd')
  })
})
