import type { PayloadRequest } from 'payload'

import { SKIP_AUDIT } from '../audit/hooks'
import { planQuestions, stemKey, type QuestionData, type QuestionUpdate, type QuestionWrite } from './rules/questions'
import type { Plan, Record_ } from './rules/sheet'
import { requestTx } from '../db/transaction'
import { allThemes, lockQuestionsByStem } from './queries'

export const planQuestionsImport = async (req: PayloadRequest, records: Record_[]) => {
  const db = await requestTx(req)
  const stems = [...new Set(records.map((r) => stemKey(r.values.stem ?? '')).filter(Boolean))]
  const [questions, themes] = await Promise.all([lockQuestionsByStem(db, stems), allThemes(db)])
  const existing = new Map<string, QuestionData & { id: number }>(
    questions.map((q) => [
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
  return planQuestions(records, existing, new Map(themes.map((t) => [t.name, t.id])))
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
