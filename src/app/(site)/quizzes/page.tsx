import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import type { Quiz } from '../../../payload-types'
import { getSitePayload, requireUser } from '../../../site/auth'
import { formatDateTime, publishedAnd, QUIZ_MODE_LABELS, quizWindow } from '../../../site/content'
import { audienceOf, keptWhileContentUnchanged } from '../../../site/kept'
import { Badge, Empty, PageTitle, Section } from '../../../site/ui'
import { quizStatuses, type QuizStatus } from '../../../quiz/status'

export const metadata: Metadata = { title: '答题' }

const count = (q: Quiz) => (q.questionSource === 'random' ? (q.draw?.count ?? 0) : (q.questions?.length ?? 0))

/** Where the member stands: done today (the daily quiz) or handed in, the score; or not yet. */
function Standing({ quiz, status }: { quiz: Quiz; status?: QuizStatus }) {
  if (!status) return null
  if (quiz.mode === 'daily') {
    if (status.left === 0 && status.latest)
      return <span className="quiz-state quiz-state--done">今日已完成 · {status.latest.score} 分</span>
    return (
      <span className="quiz-state">
        {status.submitted ? `今日已作答 ${status.submitted} 次 · 还可作答 ${status.left} 次` : '今日未作答'}
      </span>
    )
  }
  if (!status.submitted) return <span className="quiz-state">未作答</span>
  return (
    <span className={`quiz-state${status.passed ? ' quiz-state--done' : ''}`}>
      已作答 {status.submitted} 次 · 最高 {status.best} 分{status.passed ? ' · 已通过' : ''}
      {status.left === 0 ? ' · 次数已用完' : ''}
    </span>
  )
}

function QuizCard({ quiz, status }: { quiz: Quiz; status?: QuizStatus }) {
  return (
    <li className="card card--link">
      <Link href={`/quizzes/${quiz.id}`}>
        <span className="card__kicker">
          <Badge tone="red">{QUIZ_MODE_LABELS[quiz.mode]}</Badge>
          {count(quiz)} 题{quiz.timeLimitMinutes ? ` · 限时 ${quiz.timeLimitMinutes} 分钟` : ''} · {quiz.passScore} 分及格
        </span>
        <span className="card__heading">{quiz.title}</span>
        {quiz.summary ? <span className="card__summary">{quiz.summary}</span> : null}
        {quiz.closesAt ? <span className="list__meta">截止：{formatDateTime(quiz.closesAt)}</span> : null}
        <Standing quiz={quiz} status={status} />
      </Link>
    </li>
  )
}

/** The quizzes an audience sees: kept while content is unchanged (src/site/kept.ts). */
const keptQuizzes = keptWhileContentUnchanged<Quiz[]>({ ttlMs: 60_000 })

/** 答题: the daily quiz, open topic tests and competitions, lesson quizzes. */
export default async function QuizzesPage() {
  const user = await requireUser('/quizzes')
  const payload = await getSitePayload()
  // The windows are judged on each view: a quiz opening or closing needs no change to the list.
  const docs = await keptQuizzes(payload, await audienceOf(payload, user), async () => {
    const { docs } = await payload.find({
      collection: 'quizzes',
      overrideAccess: false,
      user,
      depth: 0,
      limit: 200,
      pagination: false,
      sort: '-publishedAt',
      where: publishedAnd(),
    })
    return docs
  })
  const open = docs.filter((q) => quizWindow(q) === 'open')
  const daily = open.filter((q) => q.mode === 'daily')
  const tests = open.filter((q) => q.mode === 'topic' || q.mode === 'competition')
  const upcoming = docs.filter((q) => (q.mode === 'topic' || q.mode === 'competition') && quizWindow(q) === 'upcoming')
  const lessons = open.filter((q) => q.mode === 'lesson')
  const statuses = await quizStatuses(payload, Number(user.id), open)

  return (
    <div className="container">
      <PageTitle title="答题" lead="每日答题、专项测验、知识竞赛和随堂测试。">
        <p>
          <Link href="/quizzes/wrong" className="button button--ghost button--small">
            错题本
          </Link>
        </p>
      </PageTitle>

      <Section id="daily" title="每日答题">
        {daily.length ? (
          <ul className="cards">
            {daily.map((q) => (
              <QuizCard key={q.id} quiz={q} status={statuses.get(q.id)} />
            ))}
          </ul>
        ) : (
          <Empty>今天暂无每日答题。</Empty>
        )}
      </Section>

      <Section id="tests" title="专项测验与知识竞赛">
        {tests.length ? (
          <ul className="cards">
            {tests.map((q) => (
              <QuizCard key={q.id} quiz={q} status={statuses.get(q.id)} />
            ))}
          </ul>
        ) : (
          <Empty>目前没有开放的测验或竞赛。</Empty>
        )}
        {upcoming.length ? (
          <>
            <h3 className="subhead">即将开放</h3>
            <ul className="list">
              {upcoming.map((q) => (
                <li key={q.id} className="list__item">
                  <span className="list__title">{q.title}</span>
                  <span className="list__meta">开放时间：{formatDateTime(q.opensAt)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      <Section id="lesson-quizzes" title="随堂测试">
        {lessons.length ? (
          <ul className="list">
            {lessons.map((q) => (
              <li key={q.id} className="list__item">
                <Link href={`/quizzes/${q.id}`} className="list__link">
                  <span className="list__title">{q.title}</span>
                  <span className="list__meta">
                    {count(q)} 题 · {q.passScore} 分及格
                  </span>
                  <Standing quiz={q} status={statuses.get(q.id)} />
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>暂无随堂测试。</Empty>
        )}
      </Section>
    </div>
  )
}
