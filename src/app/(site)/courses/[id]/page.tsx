import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import React from 'react'

import type { MicroLesson, Quiz } from '../../../../payload-types'
import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatHours, idParam, LESSON_KIND_LABELS, mediaOf, populated, REQUIREMENT_LABELS } from '../../../../site/content'
import { coverImages, coverOf, CoverFigure, Thumb } from '../../../../site/Cover'
import { loadCourse } from '../../../../site/loaders'
import { lexicalToPlainText } from '../../../../content/lexical'
import { RelatedContent } from '../../../../site/RelatedContent'
import { RichTextBody } from '../../../../site/RichTextBody'
import { Badge, MiniProgress, PageTitle } from '../../../../site/ui'
import { myProgress, progressKey } from '../../../../study/read'

type Props = { params: Promise<{ id: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = idParam((await params).id)
  const course = id ? await loadCourse(id) : null
  return { title: course?.title ?? '课程' }
}

export default async function CoursePage({ params }: Props) {
  const { id: raw } = await params
  const user = await requireUser(`/courses/${raw}`)
  const id = idParam(raw)
  if (!id) notFound()
  const payload = await getSitePayload()
  const course = await loadCourse(id)
  if (!course) notFound()

  // Lessons the member may read (audience, published), in the course's order.
  const lessons = (course.lessons ?? [])
    .map((l) => populated<MicroLesson>(l))
    .filter((l): l is MicroLesson => l !== null && l._status === 'published')
  const finalQuiz = populated<Quiz>(course.finalQuiz)
  const [progress, covers] = await Promise.all([
    myProgress(payload, user, [
      { collection: 'courses', id: course.id },
      ...lessons.map((l) => ({ collection: 'micro-lessons' as const, id: l.id })),
    ]),
    coverImages(
      payload,
      lessons.map((l) => l.cover),
    ),
  ])
  const mine = progress.get(progressKey('courses', course.id))
  const done = lessons.filter((l) => progress.get(progressKey('micro-lessons', l.id))?.completedAt).length

  return (
    <div className="container">
      <nav aria-label="面包屑" className="crumbs">
        <Link href="/courses">课程</Link> <span aria-hidden="true">›</span> <span aria-current="page">{course.title}</span>
      </nav>
      <PageTitle title={course.title} lead={course.summary ?? undefined}>
        <p className="meta-row">
          <Badge tone={course.requirement === 'required' ? 'red' : 'plain'}>{REQUIREMENT_LABELS[course.requirement]}</Badge>
          <span>共 {lessons.length} 课</span>
          <span>总学时 {formatHours(course.totalCreditHours)}</span>
          {mine?.completedAt ? (
            <Badge tone="ok">已完成</Badge>
          ) : (
            <span>
              已完成 {done} / {lessons.length} 课
            </span>
          )}
        </p>
      </PageTitle>
      <CoverFigure media={mediaOf(course.cover)} />

      {course.body && lexicalToPlainText(course.body).trim() !== (course.summary ?? '').trim() ? (
        <section className="card" aria-labelledby="intro">
          <h2 id="intro" className="card__title">
            课程介绍
          </h2>
          <RichTextBody data={course.body} />
        </section>
      ) : null}

      <section className="section" aria-labelledby="lessons">
        <div className="section__head">
          <h2 id="lessons">课程目录</h2>
        </div>
        <ol className="lessons">
          {lessons.map((lesson, i) => {
            const p = progress.get(progressKey('micro-lessons', lesson.id))
            return (
              <li key={lesson.id} className="lessons__item">
                <span className="lessons__no" aria-hidden="true">
                  {i + 1}
                </span>
                <Link href={`/lessons/${lesson.id}?course=${course.id}`} className="lessons__link lessons__link--thumb">
                  <Thumb cover={coverOf(covers, lesson.cover)} />
                  <span className="list__title">{lesson.title}</span>
                  <span className="list__meta">
                    {LESSON_KIND_LABELS[lesson.kind]} · {lesson.durationMinutes} 分钟 · {formatHours(lesson.creditHours)} 学时
                  </span>
                  {p?.completedAt ? (
                    <Badge tone="ok">已完成</Badge>
                  ) : p ? (
                    <span className="card__progress">
                      已学 {Math.round(p.percent)}% <MiniProgress percent={p.percent} label={`${lesson.title}学习进度`} />
                    </span>
                  ) : (
                    <span className="list__meta">未开始</span>
                  )}
                </Link>
              </li>
            )
          })}
        </ol>
      </section>

      {finalQuiz && finalQuiz._status === 'published' ? (
        <section className="card" aria-labelledby="final-quiz">
          <h2 id="final-quiz" className="card__title">
            结业测验
          </h2>
          <p>
            {finalQuiz.title}（{finalQuiz.passScore} 分及格）
          </p>
          <Link className="button button--small" href={`/quizzes/${finalQuiz.id}`}>
            参加结业测验
          </Link>
        </section>
      ) : null}

      <RelatedContent collection="courses" id={course.id} />
    </div>
  )
}
