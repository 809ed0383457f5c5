import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatDate } from '../../../../site/content'
import { Empty, PageTitle } from '../../../../site/ui'
import { WrongPractice } from '../../../../site/islands'
import { RIGHT_IN_A_ROW, wrongBook } from '../../../../quiz/wrongBook'

export const metadata: Metadata = { title: '错题本' }

/**
 * 错题本: the questions answered wrong, newest mistake first, each with its correct answer and
 * explanation (as reveal.ts allows) and a practice form; two right answers in a row take it out.
 */
export default async function WrongAnswersPage() {
  const user = await requireUser('/quizzes/wrong')
  const payload = await getSitePayload()
  const book = await wrongBook(payload, Number(user.id))

  return (
    <div className="container">
      <nav aria-label="面包屑" className="crumbs">
        <Link href="/quizzes">答题</Link> <span aria-hidden="true">›</span> <span aria-current="page">错题本</span>
      </nav>
      <PageTitle
        title="错题本"
        lead={`答错的题目，按最近答错的时间排列。可查看正确答案和解析，逐题练习：练习不计入答题次数、不得积分和学时；连续答对 ${RIGHT_IN_A_ROW} 次（练习或答题）即移出错题本。`}
      />
      {book.length ? (
        <>
          <p className="muted small">共 {book.length} 道题。</p>
          <ol className="questions wrong-book">
            {book.map((q, i) => (
              <WrongPractice
                key={q.questionId}
                index={i}
                entry={{
                  questionId: q.questionId,
                  type: q.type,
                  stem: q.stem,
                  options: q.options,
                  timesWrong: q.timesWrong,
                  lastWrong: formatDate(q.lastWrongAt),
                  streak: q.streak,
                  answerShown: q.answerShown,
                  correctAnswer: q.correctAnswer,
                  explanation: q.explanation,
                  note: q.note,
                  canPractise: q.canPractise,
                }}
              />
            ))}
          </ol>
        </>
      ) : (
        <Empty>
          错题本是空的，继续保持！去<Link href="/quizzes">答题</Link>看看。
        </Empty>
      )}
    </div>
  )
}
