'use client'

import React, { useState } from 'react'

import { errorMessage, postJSON } from './clientUtil'
import { describe, optionsOf, TYPE_LABELS, type Question } from './QuizTaker'

type Entry = {
  questionId: number
  type: Question['type']
  stem: string
  options: Array<{ key: string; text: string }>
  timesWrong: number
  lastWrong: string
  streak: number
  answerShown: boolean
  correctAnswer: string[]
  explanation: string | null
  note: string | null
  canPractise: boolean
}
type Reply = { correct: boolean; correctAnswer: string[]; explanation: string | null; streak: number; removed: boolean }

/**
 * One question of 错题本: the correct answer and explanation behind a disclosure (so practising is
 * not just reading them off), and a practice form. Practice is not an attempt: no score, no points,
 * no 学时; two right answers in a row take the question out of the book.
 */
export function WrongPractice({ entry, index }: { entry: Entry; index: number }) {
  const q: Question = { id: entry.questionId, type: entry.type, stem: entry.stem, options: entry.options }
  const [mine, setMine] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [reply, setReply] = useState<Reply | null>(null)
  const [error, setError] = useState<string | null>(null)
  const name = `wrong-${entry.questionId}`

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    const answer = mine.map((a) => a.trim()).filter(Boolean)
    if (!answer.length) {
      setError('请先作答。')
      return
    }
    setBusy(true)
    setError(null)
    try {
      const res = await postJSON<Reply>('/api/quiz-attempts/practice', { questionId: entry.questionId, answer })
      if (!res.ok || !res.body) setError(errorMessage(res.body) ?? `提交失败（服务器返回 ${res.status}）。`)
      else setReply(res.body)
    } catch {
      setError('网络连接失败，请稍后重试。')
    } finally {
      setBusy(false)
    }
  }

  const again = () => {
    setReply(null)
    setMine([])
  }

  const streak = reply ? reply.streak : entry.streak
  return (
    <li className={`question wrong-book__item${reply?.removed ? ' wrong-book__item--removed' : ''}`}>
      <p className="question__head">
        <span className="question__no">第 {index + 1} 题</span>
        <span className="badge badge--plain">{TYPE_LABELS[entry.type]}</span>
        <span className="muted small">
          共答错 {entry.timesWrong} 次 · 最近：{entry.lastWrong}
        </span>
      </p>
      <p className="question__stem">{entry.stem}</p>
      {entry.type !== 'fillIn' && entry.type !== 'trueFalse' ? (
        <ul className="wrong-book__options">
          {entry.options.map((o) => (
            <li key={o.key}>
              {o.key.toUpperCase()}. {o.text}
            </li>
          ))}
        </ul>
      ) : null}

      {entry.answerShown ? (
        <details className="wrong-book__key">
          <summary>查看正确答案和解析</summary>
          <p>正确答案：{describe(q, entry.correctAnswer)}</p>
          {entry.explanation ? <p className="explanation">解析：{entry.explanation}</p> : null}
        </details>
      ) : entry.note ? (
        <p className="muted small">{entry.note}</p>
      ) : null}

      {reply?.removed ? (
        <p className="wrong-book__verdict wrong-book__verdict--right" role="status">
          回答正确！已连续答对 {reply.streak} 次，本题已移出错题本。
        </p>
      ) : reply ? (
        <div role="status">
          <p className={`wrong-book__verdict ${reply.correct ? 'wrong-book__verdict--right' : 'wrong-book__verdict--wrong'}`}>
            {reply.correct ? `回答正确！已连续答对 ${streak} 次，再答对 ${2 - streak} 次即移出错题本。` : '回答错误，再看看解析。'}
          </p>
          <p>你的答案：{describe(q, mine.map((a) => a.trim()).filter(Boolean))}</p>
          <p>正确答案：{describe(q, reply.correctAnswer)}</p>
          {reply.explanation ? <p className="explanation">解析：{reply.explanation}</p> : null}
          <button type="button" className="button button--small button--ghost" onClick={again}>
            再练一次
          </button>
        </div>
      ) : entry.canPractise ? (
        <form className="wrong-book__form" onSubmit={submit} aria-label={`练习第 ${index + 1} 题`}>
          {entry.type === 'fillIn' ? (
            <div className="field">
              <label htmlFor={`${name}-text`}>你的答案</label>
              <input id={`${name}-text`} type="text" value={mine[0] ?? ''} onChange={(e) => setMine([e.target.value])} autoComplete="off" />
            </div>
          ) : (
            <div className="options">
              {optionsOf(q).map((o) => {
                const id = `${name}-${o.key}`
                const checked = mine.includes(o.key)
                return (
                  <label key={o.key} htmlFor={id} className={`option${checked ? ' option--checked' : ''}`}>
                    <input
                      id={id}
                      type={entry.type === 'multiple' ? 'checkbox' : 'radio'}
                      name={name}
                      value={o.key}
                      checked={checked}
                      onChange={(e) =>
                        setMine((m) =>
                          entry.type === 'multiple' ? (e.target.checked ? [...m, o.key].sort() : m.filter((k) => k !== o.key)) : [o.key],
                        )
                      }
                    />
                    <span>{entry.type === 'trueFalse' ? o.text : `${o.key.toUpperCase()}. ${o.text}`}</span>
                  </label>
                )
              })}
            </div>
          )}
          {error ? (
            <p className="form__error" role="alert">
              {error}
            </p>
          ) : null}
          <p className="actions">
            <button type="submit" className="button button--small" disabled={busy}>
              {busy ? '正在判题…' : '提交练习'}
            </button>
            {streak > 0 ? <span className="muted small">已连续答对 {streak} 次</span> : null}
          </p>
        </form>
      ) : null}
    </li>
  )
}
