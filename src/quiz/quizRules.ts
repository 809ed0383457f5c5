import type { CollectionBeforeChangeHook, Where } from 'payload'
import { ValidationError } from 'payload'

import { idOf } from '../access/roles'

export const QUIZ_MODES = [
  { value: 'lesson', label: { zh: '随堂测试', en: 'Lesson quiz' } },
  { value: 'daily', label: { zh: '每日答题', en: 'Daily quiz' } },
  { value: 'topic', label: { zh: '专项测验', en: 'Topic test' } },
  { value: 'competition', label: { zh: '知识竞赛', en: 'Knowledge competition' } },
]

/** The bank questions a random draw picks from: any of the themes, the given difficulty. */
export const drawWhere = (draw: { themes?: unknown[] | null; difficulty?: string | null }): Where => {
  const and: Where[] = []
  const themes = (draw.themes ?? []).map(idOf).filter((v) => v !== null)
  if (themes.length) and.push({ themes: { in: themes } })
  if (draw.difficulty && draw.difficulty !== 'any') and.push({ difficulty: { equals: draw.difficulty } })
  return and.length ? { and } : {}
}

/**
 * A quiz must be answerable: fixed questions or a random draw the bank can satisfy, a window that
 * closes after it opens, and a competition must have a window and a time limit.
 */
export const checkQuizSoundness: CollectionBeforeChangeHook = async ({ data, originalDoc, req, collection }) => {
  const q = { ...(originalDoc ?? {}), ...data }
  const errors: Array<{ path: string; message: string }> = []
  if (q.questionSource === 'fixed') {
    if (!Array.isArray(q.questions) || q.questions.length === 0)
      errors.push({ path: 'questions', message: '固定题目的测验至少需要选择一道题' })
  } else if (q.questionSource === 'random') {
    const count = Number(q.draw?.count ?? 0)
    if (!Number.isInteger(count) || count < 1) {
      errors.push({ path: 'draw.count', message: '随机抽题数量至少为 1' })
    } else {
      const available = await req.payload.count({ collection: 'questions', where: drawWhere(q.draw ?? {}), req, overrideAccess: true })
      if (available.totalDocs < count) {
        errors.push({
          path: 'draw.count',
          message: `题库中符合条件的题目只有 ${available.totalDocs} 道，不足 ${count} 道；请减少数量或放宽专题、难度`,
        })
      }
    }
  }
  if (q.opensAt && q.closesAt && new Date(q.closesAt) <= new Date(q.opensAt)) {
    errors.push({ path: 'closesAt', message: '截止时间必须晚于开放时间' })
  }
  if (q.mode === 'competition') {
    if (!q.opensAt || !q.closesAt) errors.push({ path: 'closesAt', message: '知识竞赛需要设置开放和截止时间' })
    if (!q.timeLimitMinutes) errors.push({ path: 'timeLimitMinutes', message: '知识竞赛需要设置答题时限' })
  }
  if (errors.length) throw new ValidationError({ collection: collection.slug, errors }, req.t)
  return data
}
