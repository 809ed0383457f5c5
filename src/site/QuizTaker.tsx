'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import React, { useCallback, useEffect, useRef, useState } from 'react'

import { clock, errorMessage, postIdempotent, uuid } from './clientUtil'

type QType = 'single' | 'multiple' | 'trueFalse' | 'fillIn'
export type Question = { id: number | string; type: QType; stem: string; options?: Array<{ key: string; text: string }> | null }
type Started = { attemptId: number | string; deadline?: string | null; questions: Question[] }
export type Result = {
  attemptId?: number | string
  score: number
  passScore: number
  passed: boolean
  results: Array<{
    questionId: number | string
    correct: boolean | null
    yourAnswer: string[]
    correctAnswer: string[]
    explanation?: string | null
    answerShown?: boolean
    note?: string | null
  }>
}

export const TYPE_LABELS: Record<QType, string> = { single: '单选题', multiple: '多选题', trueFalse: '判断题', fillIn: '填空题' }
const TRUE_FALSE = [
  { key: 'correct', text: '正确' },
  { key: 'wrong', text: '错误' },
]

export const optionsOf = (q: Question) => (q.type === 'trueFalse' ? (q.options?.length ? q.options : TRUE_FALSE) : (q.options ?? []))

/** How an answer reads: option keys with their text, 正确/错误, or the typed text. */
export const describe = (q: Question | undefined, answer: string[]): string => {
  if (!answer.length) return '未作答'
  if (!q || q.type === 'fillIn') return answer.join('；')
  const opts = optionsOf(q)
  return answer
    .map((k) => {
      const o = opts.find((x) => x.key === k)
      if (q.type === 'trueFalse') return o?.text ?? (k === 'correct' ? '正确' : k === 'wrong' ? '错误' : k)
      return o ? `${o.key.toUpperCase()}. ${o.text}` : k
    })
    .join('；')
}

type Props = {
  quizId: number
  title: string
  /** Attempts left to start or resume (for the daily quiz: today); null when unlimited. */
  attemptsLeft: number | null
  /** The daily quiz: when the next one opens (2026年12月4日 00:00), said once today's are used. */
  nextOpens?: string | null
  /** A result to show from the start: today's daily quiz already handed in. */
  initial?: { result: Result; questions: Question[] } | null
}

/**
 * The quiz-taking screen: start an attempt, answer, submit, read the result with explanations. It
 * offers another attempt only while one is left (the server would answer 409), and a failed start
 * leaves the result on screen.
 */
export function QuizTaker({ quizId, title, attemptsLeft, nextOpens, initial }: Props) {
  const router = useRouter()
  const [phase, setPhase] = useState<'idle' | 'starting' | 'answering' | 'submitting' | 'done'>(initial ? 'done' : 'idle')
  const [attempt, setAttempt] = useState<Started | null>(
    initial ? { attemptId: initial.result.attemptId ?? '', questions: initial.questions } : null,
  )
  const [answers, setAnswers] = useState<Record<string, string[]>>({})
  const [result, setResult] = useState<Result | null>(initial?.result ?? null)
  const [left, setLeft] = useState<number | null>(attemptsLeft)
  const [error, setError] = useState<string | null>(null)
  const [remaining, setRemaining] = useState<number | null>(null)
  const submitted = useRef(false)
  const autoSubmitted = useRef(false)
  // The answers as last changed, for submit (the countdown's timer calls it): kept beside the state
  // by the handlers that change them, so it is never written during render.
  const answersRef = useRef(answers)
  const changeAnswers = (change: (a: Record<string, string[]>) => Record<string, string[]>) => {
    const next = change(answersRef.current)
    answersRef.current = next
    setAnswers(next)
  }
  const topRef = useRef<HTMLDivElement | null>(null)
  // One idempotency key per start and per submission, kept until the server gives a definite answer:
  // a retry after a lost answer (automatic, or the member clicking again) reuses it.
  const startKey = useRef<string | null>(null)
  const submitKey = useRef<{ attemptId: Started['attemptId']; key: string } | null>(null)

  // Back to where the member was when a start fails: the result stays on screen.
  const back = () => setPhase(result ? 'done' : 'idle')

  const start = async () => {
    setPhase('starting')
    setError(null)
    startKey.current ??= uuid()
    try {
      const res = await postIdempotent<Started>('/api/quiz-attempts/start', { quizId }, startKey.current)
      if (res.status < 500) startKey.current = null
      if (!res.ok || !res.body || !Array.isArray(res.body.questions)) {
        setError(errorMessage(res.body) ?? `无法开始答题（服务器返回 ${res.status}）。`)
        if (res.status === 409) setLeft(0)
        back()
        return
      }
      submitted.current = false
      autoSubmitted.current = false
      setResult(null)
      changeAnswers(() => ({}))
      setAttempt(res.body)
      setPhase('answering')
    } catch {
      setError('网络连接失败，请稍后重试。')
      back()
    }
  }

  const submit = useCallback(
    async (auto = false) => {
      if (!attempt || submitted.current) return
      const current = answersRef.current
      if (!auto) {
        const unanswered = attempt.questions.filter((q) => !(current[String(q.id)] ?? []).some((a) => a.trim())).length
        if (unanswered && !window.confirm(`还有 ${unanswered} 道题未作答，确定交卷吗？`)) return
      }
      submitted.current = true
      setPhase('submitting')
      setError(null)
      const payload: Record<string, string[]> = {}
      for (const q of attempt.questions) payload[String(q.id)] = (current[String(q.id)] ?? []).map((a) => a.trim()).filter(Boolean)
      if (submitKey.current?.attemptId !== attempt.attemptId) submitKey.current = { attemptId: attempt.attemptId, key: uuid() }
      try {
        const res = await postIdempotent<Result>(
          `/api/quiz-attempts/${attempt.attemptId}/submit`,
          { answers: payload },
          submitKey.current.key,
        )
        if (res.status < 500) submitKey.current = null
        if (!res.ok || !res.body) {
          setError(errorMessage(res.body) ?? `交卷失败（服务器返回 ${res.status}）。`)
          submitted.current = false
          setPhase('answering')
          return
        }
        setResult(res.body)
        setLeft((n) => (n === null ? null : Math.max(0, n - 1)))
        setPhase('done')
        // The page's counts (已作答, 还可作答) and 首页's 今日答题 follow the new attempt.
        router.refresh()
        topRef.current?.focus()
        topRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' })
      } catch {
        setError('网络连接失败，答案尚未提交，请重试。')
        submitted.current = false
        setPhase('answering')
      }
    },
    [attempt, router],
  )

  // Countdown to the deadline; at zero the answers so far are handed in.
  useEffect(() => {
    if (phase !== 'answering' || !attempt?.deadline) return
    const end = new Date(attempt.deadline).getTime()
    const tick = () => {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000))
      setRemaining(left)
      if (left <= 0 && !autoSubmitted.current) {
        autoSubmitted.current = true
        void submit(true)
      }
    }
    tick()
    const timer = window.setInterval(tick, 1000)
    // The countdown ends with its timer: when answering stops (or another attempt begins) it is cleared.
    return () => {
      window.clearInterval(timer)
      setRemaining(null)
    }
  }, [phase, attempt, submit])

  const setOne = (id: string, value: string) => changeAnswers((a) => ({ ...a, [id]: [value] }))
  const toggle = (id: string, key: string, on: boolean) =>
    changeAnswers((a) => {
      const now = new Set(a[id] ?? [])
      if (on) now.add(key)
      else now.delete(key)
      return { ...a, [id]: [...now].sort() }
    })

  const questions = attempt?.questions ?? []
  const byId = new Map(questions.map((q) => [String(q.id), q]))

  return (
    <div className="quiz" ref={topRef} tabIndex={-1} aria-label={`${title}答题区`}>
      {error ? (
        <p className="form__error" role="alert">
          {error}
        </p>
      ) : null}

      {(phase === 'idle' || phase === 'starting') && left !== 0 ? (
        <button type="button" className="button" onClick={start} disabled={phase === 'starting'}>
          {phase === 'starting' ? '正在出题…' : '开始答题'}
        </button>
      ) : null}
      {phase === 'idle' && left === 0 ? <NoneLeft nextOpens={nextOpens} /> : null}

      {(phase === 'answering' || phase === 'submitting') && attempt ? (
        <form
          className="quiz__form"
          onSubmit={(e) => {
            e.preventDefault()
            void submit(false)
          }}
        >
          {remaining !== null ? (
            <div className={`countdown${remaining <= 60 ? ' countdown--low' : ''}`}>
              <span role="timer" aria-label="剩余答题时间">
                剩余时间 {clock(remaining)}
              </span>
              <span className="visually-hidden" aria-live="assertive">
                {remaining === 60 ? '还剩 1 分钟' : remaining === 0 ? '时间到，正在交卷' : ''}
              </span>
            </div>
          ) : null}
          <ol className="questions">
            {questions.map((q, i) => {
              const id = String(q.id)
              const name = `q-${id}`
              const mine = answers[id] ?? []
              return (
                <li key={id} className="question">
                  <fieldset>
                    <legend>
                      <span className="question__no">第 {i + 1} 题</span>
                      <span className="badge badge--plain">{TYPE_LABELS[q.type] ?? ''}</span>
                      <span className="question__stem">{q.stem}</span>
                    </legend>
                    {q.type === 'fillIn' ? (
                      <div className="field">
                        <label htmlFor={`${name}-text`}>你的答案</label>
                        <input
                          id={`${name}-text`}
                          type="text"
                          value={mine[0] ?? ''}
                          onChange={(e) => setOne(id, e.target.value)}
                          autoComplete="off"
                        />
                      </div>
                    ) : (
                      <div className="options">
                        {optionsOf(q).map((o) => {
                          const inputId = `${name}-${o.key}`
                          const checked = mine.includes(o.key)
                          return (
                            <label key={o.key} htmlFor={inputId} className={`option${checked ? ' option--checked' : ''}`}>
                              <input
                                id={inputId}
                                type={q.type === 'multiple' ? 'checkbox' : 'radio'}
                                name={name}
                                value={o.key}
                                checked={checked}
                                onChange={(e) => (q.type === 'multiple' ? toggle(id, o.key, e.target.checked) : setOne(id, o.key))}
                              />
                              <span>{q.type === 'trueFalse' ? o.text : `${o.key.toUpperCase()}. ${o.text}`}</span>
                            </label>
                          )
                        })}
                      </div>
                    )}
                  </fieldset>
                </li>
              )
            })}
          </ol>
          <button type="submit" className="button button--block" disabled={phase === 'submitting'}>
            {phase === 'submitting' ? '正在交卷…' : '交卷'}
          </button>
        </form>
      ) : null}

      {phase === 'done' && result ? (
        <section className="result" aria-labelledby="quiz-result">
          <h2 id="quiz-result">答题结果</h2>
          <p className={`result__score ${result.passed ? 'result__score--pass' : 'result__score--fail'}`}>
            得分 <strong>{result.score}</strong> 分（{result.passScore} 分及格）· {result.passed ? '已通过' : '未通过'}
          </p>
          <p>
            共 {result.results.length} 题，答对 {result.results.filter((r) => r.correct).length} 题
            {result.results.some((r) => r.correct === null)
              ? `，${result.results.filter((r) => r.correct === null).length} 题的对错在竞赛结束后公布`
              : ''}
            。
          </p>
          <ol className="questions">
            {result.results.map((r, i) => {
              const q = byId.get(String(r.questionId))
              return (
                <li
                  key={String(r.questionId)}
                  className={`question question--${r.correct === null ? 'held' : r.correct ? 'right' : 'wrong'}`}
                >
                  <p className="question__head">
                    <span className="question__no">第 {i + 1} 题</span>
                    {r.correct === null ? (
                      <span className="badge">待公布</span>
                    ) : (
                      <span className={`badge ${r.correct ? 'badge--ok' : 'badge--warn'}`}>{r.correct ? '回答正确' : '回答错误'}</span>
                    )}
                  </p>
                  {q ? <p className="question__stem">{q.stem}</p> : null}
                  <p>你的答案：{describe(q, r.yourAnswer)}</p>
                  {r.correct === false && r.correctAnswer.length ? <p>正确答案：{describe(q, r.correctAnswer)}</p> : null}
                  {r.explanation ? <p className="explanation">解析：{r.explanation}</p> : null}
                  {r.note ? <p className="muted small">{r.note}</p> : null}
                </li>
              )
            })}
          </ol>
          {left === 0 ? <NoneLeft nextOpens={nextOpens} /> : null}
          <p className="actions">
            {left !== 0 ? (
              <button type="button" className="button" onClick={start}>
                再答一次
              </button>
            ) : null}
            <Link href="/quizzes/wrong">查看错题本</Link>
            <Link href="/quizzes">返回答题</Link>
          </p>
        </section>
      ) : null}
    </div>
  )
}

/** Said instead of a start button once no attempt is left. */
function NoneLeft({ nextOpens }: { nextOpens?: string | null }) {
  return (
    <p className="quiz__next" role="status">
      {nextOpens ? `今日答题已完成，下一次每日答题将于 ${nextOpens} 开放。` : '本测验的作答次数已用完。'}
    </p>
  )
}
