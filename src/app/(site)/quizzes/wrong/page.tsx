import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatDate, publishedAnd, quizWindow } from '../../../../site/content'
import { Empty, PageTitle, Section } from '../../../../site/ui'
import { myWrongAnswers } from '../../../../quiz/read'

export const metadata: Metadata = { title: '错题本' }

/** 错题本: questions last answered wrong, with the open topic tests to practise again. */
export default async function WrongAnswersPage() {
  const user = await requireUser('/quizzes/wrong')
  const payload = await getSitePayload()
  const [wrong, topics] = await Promise.all([
    myWrongAnswers(payload, user),
    payload.find({
      collection: 'quizzes',
      overrideAccess: false,
      user,
      depth: 0,
      limit: 50,
      pagination: false,
      sort: '-publishedAt',
      select: { title: true, opensAt: true, closesAt: true },
      where: publishedAnd({ mode: { equals: 'topic' } }),
    }),
  ])
  const practice = topics.docs.filter((q) => quizWindow(q) === 'open')

  return (
    <div className="container">
      <nav aria-label="面包屑" className="crumbs">
        <Link href="/quizzes">答题</Link> <span aria-hidden="true">›</span> <span aria-current="page">错题本</span>
      </nav>
      <PageTitle title="错题本" lead="最近答错的题目，按时间从新到旧排列。回顾后可到专项测验再练一次。" />
      {wrong.length ? (
        <ol className="list">
          {wrong.map((w) => (
            <li key={w.questionId} className="list__item wrong">
              <span className="list__title">{w.stem}</span>
              <span className="list__meta">
                最近答错：{formatDate(w.lastWrongAt)} · 共答错 {w.timesWrong} 次
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <Empty>错题本是空的，继续保持！</Empty>
      )}
      <Section id="retry" title="再练一次">
        {practice.length ? (
          <ul className="list">
            {practice.map((q) => (
              <li key={q.id} className="list__item">
                <Link href={`/quizzes/${q.id}`} className="list__link">
                  <span className="list__title">{q.title}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>
            暂无开放的专项测验，可先完成<Link href="/quizzes">每日答题</Link>。
          </Empty>
        )}
      </Section>
    </div>
  )
}
