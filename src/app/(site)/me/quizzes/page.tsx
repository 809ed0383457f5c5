import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { myAttempts } from '../../../../quiz/read'
import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatDateTime, QUIZ_MODE_LABELS } from '../../../../site/content'
import { Badge, Empty, PageTitle, Section } from '../../../../site/ui'

export const metadata: Metadata = { title: '答题成绩' }

/** 我的 → 答题成绩: every attempt with its score, and the way to the 错题本. */
export default async function MyQuizzesPage() {
  const user = await requireUser('/me/quizzes')
  const attempts = await myAttempts(await getSitePayload(), user)
  return (
    <div className="container">
      <PageTitle title="答题成绩" />
      <Section id="attempts" title="答题记录" more={{ href: '/quizzes/wrong', label: '错题本' }}>
        {attempts.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">答题成绩</caption>
              <thead>
                <tr>
                  <th scope="col">测验</th>
                  <th scope="col">得分</th>
                  <th scope="col">时间</th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link href={`/quizzes/${a.quizId}`}>{a.quizTitle}</Link>
                      {QUIZ_MODE_LABELS[a.mode] && QUIZ_MODE_LABELS[a.mode] !== a.quizTitle ? (
                        <span className="muted small"> {QUIZ_MODE_LABELS[a.mode]}</span>
                      ) : null}
                    </td>
                    <td>
                      {a.score === null ? '未交卷' : `${a.score} 分`}{' '}
                      {a.passed === true ? <Badge tone="ok">通过</Badge> : a.passed === false ? <Badge tone="warn">未通过</Badge> : null}
                    </td>
                    <td>{a.submittedAt ? formatDateTime(a.submittedAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty>
            还没有答题记录，去<Link href="/quizzes">答题</Link>吧。
          </Empty>
        )}
      </Section>
    </div>
  )
}
