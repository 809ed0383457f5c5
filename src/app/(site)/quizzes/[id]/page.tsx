import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import React from 'react'

import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatDateTime, idParam, QUIZ_MODE_LABELS, quizWindow } from '../../../../site/content'
import { loadQuiz } from '../../../../site/loaders'
import { QuizTaker } from '../../../../site/islands'
import { Badge, PageTitle } from '../../../../site/ui'
import { leaderboard } from '../../../../quiz/leaderboard'
import { attemptResult } from '../../../../quiz/attempts'
import { attemptLimit, nextDailyOpening, quizStatuses } from '../../../../quiz/status'
import { Standings } from '../../../../site/Standings'
import { asPayloadUser } from '../../../../viewer'

type Props = { params: Promise<{ id: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = idParam((await params).id)
  const quiz = id ? await loadQuiz(id) : null
  return { title: quiz?.title ?? '答题' }
}

/** The taking screen of one quiz: its rules, my earlier attempts, and the answering form. */
export default async function QuizPage({ params }: Props) {
  const { id: raw } = await params
  const user = await requireUser(`/quizzes/${raw}`)
  const id = idParam(raw)
  if (!id) notFound()
  const quiz = await loadQuiz(id)
  if (!quiz) notFound()

  const payload = await getSitePayload()
  // Competitions rank branches and colleges by average score and participation (知识竞赛排行).
  const board = quiz.mode === 'competition' ? await leaderboard(payload, asPayloadUser(user), quiz.id).catch(() => null) : null
  const now = new Date()
  const daily = quiz.mode === 'daily'
  // Counted as the server counts them (the daily quiz: today, Asia/Shanghai), src/quiz/status.ts.
  const status = (await quizStatuses(payload, Number(user.id), [quiz], now)).get(quiz.id)!
  const limit = attemptLimit(quiz)
  const state = quizWindow(quiz)
  const questionCount = quiz.questionSource === 'random' ? (quiz.draw?.count ?? 0) : (quiz.questions?.length ?? 0)
  const nextOpens = daily ? formatDateTime(nextDailyOpening(now).toISOString()) : null
  // Today's daily quiz handed in: its result stays on the page, with when the next one opens.
  const done =
    daily && status.left === 0 && status.latest ? await attemptResult(payload, Number(user.id), status.latest.attemptId, now) : null

  return (
    <div className="container">
      <nav aria-label="面包屑" className="crumbs">
        <Link href="/quizzes">答题</Link> <span aria-hidden="true">›</span> <span aria-current="page">{quiz.title}</span>
      </nav>
      <PageTitle title={quiz.title} lead={quiz.summary ?? undefined}>
        <p className="meta-row">
          <Badge tone="red">{QUIZ_MODE_LABELS[quiz.mode]}</Badge>
          <span>{questionCount} 题</span>
          <span>{quiz.passScore} 分及格</span>
          <span>{quiz.timeLimitMinutes ? `限时 ${quiz.timeLimitMinutes} 分钟` : '不限时'}</span>
          <span>{daily ? `每天可作答 ${limit} 次` : limit > 0 ? `可作答 ${limit} 次` : '不限次数'}</span>
        </p>
        {quiz.opensAt || quiz.closesAt ? (
          <p className="muted small">
            {quiz.opensAt ? `开放：${formatDateTime(quiz.opensAt)}` : ''}
            {quiz.opensAt && quiz.closesAt ? '　' : ''}
            {quiz.closesAt ? `截止：${formatDateTime(quiz.closesAt)}` : ''}
          </p>
        ) : null}
        {status.submitted ? (
          <p className="muted small quiz__mine">
            {daily ? '今天已作答' : '已作答'} {status.submitted} 次{status.best !== null ? `，最高 ${status.best} 分` : ''}
            {status.left !== null ? `，${daily ? '今天' : ''}还可作答 ${status.left} 次` : ''}。
          </p>
        ) : null}
      </PageTitle>

      {state === 'open' ? (
        <QuizTaker
          quizId={quiz.id}
          title={quiz.title}
          attemptsLeft={status.left}
          nextOpens={nextOpens}
          initial={done ? { result: done, questions: done.questions } : null}
        />
      ) : (
        <p className="empty" role="status">
          {state === 'upcoming' ? `本测验将于 ${formatDateTime(quiz.opensAt)} 开放。` : '本测验已截止。'}
        </p>
      )}

      {board ? (
        <section aria-labelledby="standings" className="section">
          <h2 id="standings">竞赛排行</h2>
          <p className="muted small">
            按各组织参赛党员的最高成绩取平均，并列出参与率；不公布个人排名，参与人数不足 {board.minParticipants} 人的组织不公布成绩。
          </p>
          <Standings caption="学院排行" rows={board.colleges} />
          <Standings caption="支部排行" rows={board.branches} />
        </section>
      ) : null}
    </div>
  )
}
