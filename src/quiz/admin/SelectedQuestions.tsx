'use client'

import { useFormFields } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { DIFFICULTY_OPTIONS, QUESTION_TYPE_LABELS, type QuestionType } from '../questionRules'

type Question = {
  id: number
  type: QuestionType
  stem: string
  difficulty?: string | null
  options?: Array<{ text: string; isCorrect?: boolean | null }> | null
  trueFalseAnswer?: 'correct' | 'wrong' | null
  fillInAnswers?: Array<{ answer: string }> | null
}

const DIFFICULTY: Record<string, string> = Object.fromEntries(DIFFICULTY_OPTIONS.map((d) => [d.value, d.label.zh]))
const LETTERS = 'ABCDEFGHIJ'

/** The correct answer in words (the curator and reviewers may read it; members never reach this). */
const answerOf = (q: Question): string => {
  if (q.type === 'trueFalse') return q.trueFalseAnswer === 'correct' ? '正确' : q.trueFalseAnswer === 'wrong' ? '错误' : '—'
  if (q.type === 'fillIn') return (q.fillInAnswers ?? []).map((a) => a.answer).join(' / ') || '—'
  const keys = (q.options ?? []).flatMap((o, i) => (o.isCorrect ? [LETTERS[i]] : []))
  return keys.join('') || '—'
}

/**
 * Under the quiz's 题目 picker: each selected question in full, in the quiz's order, with its type,
 * difficulty, options and correct answer (the picker's chips cut stems off and show neither).
 */
export const SelectedQuestions = () => {
  const value = useFormFields(([fields]) => fields.questions?.value) as Array<number | { id: number }> | undefined
  const ids = (value ?? []).map((v) => (typeof v === 'object' ? v.id : v)).filter(Boolean)
  const key = ids.join(',')
  const [questions, setQuestions] = useState<Record<number, Question>>({})

  useEffect(() => {
    if (!key) return
    let live = true
    const q = new URLSearchParams({ depth: '0', limit: '200', 'where[id][in]': key })
    fetch(`/api/questions?${q}`, { credentials: 'include' })
      .then((r) => (r.ok ? r.json() : { docs: [] }))
      .then((json: { docs?: Question[] }) => live && setQuestions(Object.fromEntries((json.docs ?? []).map((d) => [d.id, d]))))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [key])

  if (!ids.length) return null
  return (
    <div className="selected-questions" style={{ margin: '-8px 0 24px' }}>
      <h4 style={{ margin: '0 0 8px' }}>已选 {ids.length} 题（按作答顺序）</h4>
      <ol style={{ margin: 0, paddingLeft: 22 }}>
        {ids.map((id) => {
          const q = questions[id as number]
          if (!q) return <li key={id}>加载中…</li>
          return (
            <li key={id} data-testid="selected-question" style={{ marginBottom: 10 }}>
              <div>
                <span className="pill pill--style-light" style={{ marginRight: 6 }}>
                  {QUESTION_TYPE_LABELS[q.type]?.zh ?? q.type}
                </span>
                {q.difficulty ? (
                  <span style={{ color: 'var(--theme-elevation-500)', marginRight: 6 }}>{DIFFICULTY[q.difficulty] ?? q.difficulty}</span>
                ) : null}
                {q.stem}
              </div>
              {q.options?.length ? (
                <div style={{ color: 'var(--theme-elevation-650)', fontSize: 13 }}>
                  {q.options.map((o, i) => (
                    <span key={i} style={{ marginRight: 12, fontWeight: o.isCorrect ? 600 : undefined }}>
                      {LETTERS[i]}. {o.text}
                      {o.isCorrect ? ' ✓' : ''}
                    </span>
                  ))}
                </div>
              ) : null}
              <div style={{ fontSize: 13 }}>
                正确答案：<strong>{answerOf(q)}</strong>
              </div>
            </li>
          )
        })}
      </ol>
    </div>
  )
}
