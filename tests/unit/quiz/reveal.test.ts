import { describe, expect, it } from 'vitest'

import {
  answered,
  competitionOpen,
  heldForCompetitions,
  inDraw,
  NOTE_COMPETITION,
  NOTE_UNANSWERED,
  revealQuestion,
  type GradedQuestion,
} from '../../../src/quiz/reveal'

const NOW = new Date('2026-06-01T00:00:00Z')
const tomorrow = new Date('2026-06-02T00:00:00Z').toISOString()
const yesterday = new Date('2026-05-31T00:00:00Z').toISOString()

const bank = [
  { id: 1, themes: [10], difficulty: 'easy' },
  { id: 2, themes: [10, 11], difficulty: 'hard' },
  { id: 3, themes: [12], difficulty: 'hard' },
  { id: 4, themes: [], difficulty: 'medium' },
]

describe('which questions a competition holds back', () => {
  it('follows the draw rule like drawWhere: any of the themes, the difficulty unless any', () => {
    expect(inDraw(bank[1], { themes: [11], difficulty: 'any' })).toBe(true)
    expect(inDraw(bank[0], { themes: [{ id: 10 }], difficulty: 'hard' })).toBe(false)
    expect(inDraw(bank[2], { themes: [], difficulty: 'hard' })).toBe(true)
    expect(inDraw(bank[3], {})).toBe(true)
    expect(inDraw(bank[3], { themes: [10] })).toBe(false)
  })

  it('holds fixed and drawable questions of competitions not closed, none of closed ones', () => {
    const held = heldForCompetitions(
      bank,
      [
        { questionSource: 'fixed', questions: [1, { id: 4 }], closesAt: tomorrow },
        { questionSource: 'random', draw: { themes: [12], difficulty: 'hard' }, closesAt: tomorrow },
        { questionSource: 'random', draw: { themes: [10] }, closesAt: yesterday },
      ],
      NOW,
    )
    expect([...held].sort()).toEqual([1, 3, 4])
    // Closing time reached: released.
    expect(competitionOpen({ closesAt: NOW.toISOString() }, NOW)).toBe(false)
    expect(competitionOpen({ closesAt: null }, NOW)).toBe(true)
    expect(heldForCompetitions(bank, [{ questionSource: 'fixed', questions: [1], closesAt: tomorrow }], new Date(tomorrow)).size).toBe(0)
  })
})

describe('what a result reveals', () => {
  const graded: GradedQuestion = {
    questionId: 2,
    stem: '题干',
    correct: false,
    yourAnswer: ['a'],
    correctAnswer: ['b'],
    explanation: '解析',
  }

  it('shows the key of an answered question', () => {
    expect(revealQuestion(graded, ['a'], new Set())).toMatchObject({
      correctAnswer: ['b'],
      explanation: '解析',
      answerShown: true,
      note: null,
    })
  })

  it('hides the key of an unanswered question (blank counts as unanswered) and keeps its verdict', () => {
    expect(answered(['  '])).toBe(false)
    expect(answered([])).toBe(false)
    expect(answered(undefined)).toBe(false)
    expect(answered(['1921'])).toBe(true)
    for (const given of [undefined, [], ['']]) {
      expect(revealQuestion({ ...graded, yourAnswer: [] }, given, new Set())).toMatchObject({
        correct: false,
        correctAnswer: [],
        explanation: null,
        answerShown: false,
        note: NOTE_UNANSWERED,
      })
    }
  })

  it('hides the key and the verdict of a question an open competition uses, answered or not', () => {
    expect(revealQuestion(graded, ['a'], new Set([2]))).toMatchObject({
      correct: null,
      correctAnswer: [],
      explanation: null,
      answerShown: false,
      note: NOTE_COMPETITION,
    })
  })
})
