import type { PayloadRequest } from 'payload'

import { SKIP_AUDIT } from '../audit/hooks'
import type { QuestionType } from '../quiz/questionRules'
import { planQuestions, stemKey, type QuestionData, type QuestionUpdate, type QuestionWrite } from './rules/questions'
import type { Plan, Record_ } from './rules/sheet'
import { requestTx } from '../db/transaction'

type Row = {
  id: number
  type: QuestionType
  difficulty: string
  stem: string
  true_false_answer: 'correct' | 'wrong' | null
  explanation: string | null
  source: string | null
  options: Array<{ text: string; isCorrect: boolean }> | null
  answers: string[] | null
  themes: number[] | null
}

export const planQuestionsImport = async (req: PayloadRequest, records: Record_[]) => {
  const db = await requestTx(req)
  const stems = [...new Set(records.map((r) => stemKey(r.values.stem ?? '')).filter(Boolean))]
  const [questions, themes] = await Promise.all([
    db.query<Row>(
      `SELECT q.id, q.type, q.difficulty, q.stem, q.true_false_answer, q.explanation, q.source,
              (SELECT json_agg(json_build_object('text', o.text, 'isCorrect', coalesce(o.is_correct, false)) ORDER BY o._order) FROM questions_options o WHERE o._parent_id = q.id) AS options,
              (SELECT json_agg(a.answer ORDER BY a._order) FROM questions_fill_in_answers a WHERE a._parent_id = q.id) AS answers,
              (SELECT json_agg(r.themes_id ORDER BY r."order") FROM questions_rels r WHERE r.parent_id = q.id AND r.path = 'themes') AS themes
         FROM questions q WHERE regexp_replace(btrim(q.stem), '\\s+', ' ', 'g') = ANY($1::text[]) FOR UPDATE OF q`,
      [stems],
    ),
    db.query<{ id: number; name: string }>(`SELECT id, name FROM themes`),
  ])
  const existing = new Map<string, QuestionData & { id: number }>(
    questions.rows.map((q) => [
      stemKey(q.stem),
      {
        id: q.id,
        type: q.type,
        difficulty: q.difficulty,
        stem: stemKey(q.stem),
        options: q.type === 'single' || q.type === 'multiple' ? (q.options ?? []) : [],
        trueFalseAnswer: q.type === 'trueFalse' ? q.true_false_answer : null,
        fillInAnswers: q.type === 'fillIn' ? (q.answers ?? []).map((answer) => ({ answer })) : [],
        explanation: q.explanation,
        themes: q.themes ?? [],
        source: q.source,
      },
    ]),
  )
  return planQuestions(records, existing, new Map(themes.rows.map((t) => [t.name, t.id])))
}

/**
 * Questions go through the Local API as the importing curator, in the request's transaction: the
 * bank's soundness hook runs again on each save (the plan already ran the same rules).
 */
export const applyQuestionsImport = async (
  req: PayloadRequest,
  plan: Plan<QuestionWrite, QuestionUpdate>,
  progress: (done: number, total: number) => Promise<void> | void,
) => {
  const all = [...plan.creates, ...plan.updates]
  let done = 0
  for (const q of all) {
    const data = {
      type: q.type,
      difficulty: q.difficulty as 'easy' | 'medium' | 'hard',
      stem: q.stem,
      options: q.options,
      trueFalseAnswer: q.trueFalseAnswer,
      fillInAnswers: q.fillInAnswers,
      explanation: q.explanation,
      themes: q.themes,
      source: q.source,
    }
    const common = { req, user: req.user, overrideAccess: false, depth: 0, context: { [SKIP_AUDIT]: true } } as const
    if ('id' in q) await req.payload.update({ collection: 'questions', id: (q as QuestionUpdate).id, data, ...common })
    else await req.payload.create({ collection: 'questions', data, ...common })
    done++
    if (done % 20 === 0 || done === all.length) await progress(done, all.length)
  }
}
