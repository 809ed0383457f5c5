import { DIFFICULTY_OPTIONS, QUESTION_TYPE_LABELS, QUESTION_TYPES, questionProblems, type QuestionType } from '../../quiz/questionRules'
import { byRow, duplicatesIn, missingCells, type Change, type Plan, type Problem, type Record_ } from './sheet'

export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const

/** A question as stored (and as the import writes it): the fields the question bank holds. */
export type QuestionData = {
  type: QuestionType
  difficulty: string
  stem: string
  options: Array<{ text: string; isCorrect: boolean }>
  trueFalseAnswer: 'correct' | 'wrong' | null
  fillInAnswers: Array<{ answer: string }>
  explanation: string | null
  themes: number[]
  source: string | null
}
export type QuestionWrite = QuestionData & { row: number }
export type QuestionUpdate = QuestionWrite & { id: number }

const TYPE_BY_TEXT = new Map<string, QuestionType>(
  QUESTION_TYPES.flatMap(
    (t) =>
      [
        [QUESTION_TYPE_LABELS[t].zh, t],
        [QUESTION_TYPE_LABELS[t].zh.replace(/题$/, ''), t],
        [t, t],
      ] as Array<[string, QuestionType]>,
  ),
)
const DIFFICULTY_BY_TEXT = new Map<string, string>(
  DIFFICULTY_OPTIONS.flatMap(
    (d) =>
      [
        [d.label.zh, d.value],
        [d.value, d.value],
      ] as Array<[string, string]>,
  ),
)
const TRUE_TEXTS = new Set(['正确', '对', '是', '√', 'T', 'TRUE'])
const FALSE_TEXTS = new Set(['错误', '错', '否', '×', 'F', 'FALSE'])

/** The stem as the key that finds the same question again: whitespace folded. */
export const stemKey = (stem: string) => stem.replace(/\s+/g, ' ').trim()

/** The comparable form of a question (themes in order, empty texts as null). */
const fingerprint = (q: QuestionData) =>
  JSON.stringify([
    q.type,
    q.difficulty,
    q.stem,
    q.options.map((o) => [o.text, o.isCorrect]),
    q.type === 'trueFalse' ? q.trueFalseAnswer : null,
    q.fillInAnswers.map((a) => a.answer),
    q.explanation || null,
    [...q.themes].sort((a, b) => a - b),
    q.source || null,
  ])

/**
 * What importing these questions would do, and every reason it cannot: unknown type, difficulty
 * or theme, an answer that names no option, and whatever the question bank's own soundness rules
 * refuse (src/quiz/questionRules.ts, the same check the bank runs on every save). The same stem
 * twice in the file is a problem; a stem already in the bank updates that question.
 */
export const planQuestions = (
  records: Record_[],
  existing: Map<string, QuestionData & { id: number }>,
  themes: Map<string, number>,
): Plan<QuestionWrite, QuestionUpdate> => {
  const v = (r: Record_, k: string) => r.values[k] ?? ''
  const problems: Problem[] = []
  const duplicates = byRow(
    duplicatesIn(
      records,
      (r) => stemKey(v(r, 'stem')),
      (r) => r.row,
      '题干',
      '题干',
    ),
  )
  const creates: QuestionWrite[] = []
  const updates: QuestionUpdate[] = []
  const changes: Change[] = []
  let unchanged = 0
  for (const r of records) {
    const mine: Problem[] = [...missingCells('questions', r), ...duplicates(r.row)]
    const at = (column: string, message: string) => mine.push({ row: r.row, column, message })
    const type = v(r, 'type') ? (TYPE_BY_TEXT.get(v(r, 'type')) ?? null) : null
    if (v(r, 'type') && !type)
      at('题型', `未知的题型“${v(r, 'type')}”（可选：${QUESTION_TYPES.map((t) => QUESTION_TYPE_LABELS[t].zh).join('、')}）`)
    const difficulty = v(r, 'difficulty') ? DIFFICULTY_BY_TEXT.get(v(r, 'difficulty')) : 'medium'
    if (!difficulty) at('难度', `未知的难度“${v(r, 'difficulty')}”（可选：${DIFFICULTY_OPTIONS.map((d) => d.label.zh).join('、')}）`)
    const themeNames = v(r, 'themes')
      .split(/[、,，;；|]/)
      .map((s) => s.trim())
      .filter(Boolean)
    const themeIds: number[] = []
    for (const name of themeNames) {
      const id = themes.get(name)
      if (id === undefined) at('专题', `未知的专题“${name}”`)
      else if (!themeIds.includes(id)) themeIds.push(id)
    }
    const answer = v(r, 'answer')
    const choice = type === 'single' || type === 'multiple'
    const texts = OPTION_LETTERS.map((l) => v(r, `option${l}`))
    const options: QuestionData['options'] = []
    if (choice) {
      const letters = answer.toUpperCase().replace(/[\s,，、]/g, '')
      if (letters && !/^[A-F]+$/.test(letters)) at('正确答案', `选择题的正确答案请填选项字母（如 B 或 ACD），而不是“${answer}”`)
      for (const l of letters)
        if (/[A-F]/.test(l) && !texts[OPTION_LETTERS.findIndex((o) => o === l)]) at('正确答案', `正确答案“${l}”对应的选项${l}为空`)
      texts.forEach((text, i) => text && options.push({ text, isCorrect: letters.includes(OPTION_LETTERS[i]!) }))
    } else if (type && texts.some(Boolean)) at('选项A', `${QUESTION_TYPE_LABELS[type].zh}不填选项`)
    const upper = answer.toUpperCase()
    const trueFalseAnswer = type === 'trueFalse' ? (TRUE_TEXTS.has(upper) ? 'correct' : FALSE_TEXTS.has(upper) ? 'wrong' : null) : null
    if (type === 'trueFalse' && answer && !trueFalseAnswer) at('正确答案', `判断题的正确答案请填“正确”或“错误”，而不是“${answer}”`)
    const fillInAnswers =
      type === 'fillIn'
        ? answer
            .split(/[|｜]/)
            .map((a) => a.trim())
            .filter(Boolean)
            .map((a) => ({ answer: a }))
        : []
    const data: QuestionData = {
      type: type ?? 'single',
      difficulty: difficulty ?? 'medium',
      stem: stemKey(v(r, 'stem')),
      options,
      trueFalseAnswer,
      fillInAnswers,
      explanation: v(r, 'explanation') || null,
      themes: themeIds,
      source: v(r, 'source') || null,
    }
    // The bank's own soundness rules, the same function its save hook runs.
    if (type && !mine.some((p) => p.column === '正确答案'))
      for (const message of questionProblems(data)) at(message.includes('题干') ? '题干' : '正确答案', message)
    if (mine.length || !type) {
      problems.push(...mine)
      continue
    }
    const old = existing.get(data.stem)
    const label = data.stem.length > 30 ? `${data.stem.slice(0, 30)}…` : data.stem
    if (!old) {
      creates.push({ ...data, row: r.row })
      changes.push({ row: r.row, action: 'new', label, fields: [] })
    } else if (fingerprint(old) === fingerprint(data)) unchanged++
    else {
      updates.push({ ...data, row: r.row, id: old.id })
      const fields = (
        ['type', 'difficulty', 'options', 'trueFalseAnswer', 'fillInAnswers', 'explanation', 'themes', 'source'] as const
      ).filter(
        (k) =>
          JSON.stringify(k === 'themes' ? [...old.themes].sort() : (old[k] ?? null)) !==
          JSON.stringify(k === 'themes' ? [...data.themes].sort() : (data[k] ?? null)),
      )
      const names: Record<string, string> = {
        type: '题型',
        difficulty: '难度',
        options: '选项',
        trueFalseAnswer: '正确答案',
        fillInAnswers: '参考答案',
        explanation: '解析',
        themes: '专题',
        source: '出处',
      }
      changes.push({ row: r.row, action: 'changed', label, fields: fields.map((f) => names[f]!) })
    }
  }
  return { problems, creates, updates, unchanged, changes }
}
