/**
 * Points rules (学习积分), after the best-known national study app: points per event and a daily
 * cap per rule, so points reward steady study rather than bursts. The numbers are defaults of the
 * `pointsRules` table in 平台设置.
 */
export const POINT_RULES = ['login', 'article', 'video', 'dailyQuiz', 'lessonComplete'] as const
export type PointRule = (typeof POINT_RULES)[number]

export const POINT_RULE_LABELS: Record<PointRule, { zh: string; en: string }> = {
  login: { zh: '登录', en: 'Login' },
  article: { zh: '阅读文章', en: 'Reading an article' },
  video: { zh: '视听学习', en: 'Watching or listening' },
  dailyQuiz: { zh: '每日答题', en: 'Daily quiz (per correct answer)' },
  lessonComplete: { zh: '完成微党课', en: 'Completing a micro-lesson' },
}

export const DEFAULT_POINT_RULES: Array<{ rule: PointRule; points: number; dailyCap: number }> = [
  { rule: 'login', points: 1, dailyCap: 1 },
  { rule: 'article', points: 1, dailyCap: 6 },
  { rule: 'video', points: 1, dailyCap: 6 },
  { rule: 'dailyQuiz', points: 1, dailyCap: 5 },
  { rule: 'lessonComplete', points: 2, dailyCap: 10 },
]
