import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import React from 'react'

import type { Quiz } from '../../../../payload-types'
import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatHours, idOfRel, idParam, LESSON_KIND_LABELS, mediaOf, param, populated } from '../../../../site/content'
import { CoverFigure } from '../../../../site/Cover'
import { loadCourse, loadLesson } from '../../../../site/loaders'
import { RelatedContent } from '../../../../site/RelatedContent'
import { RichTextBody } from '../../../../site/RichTextBody'
import { StudyTracker } from '../../../../site/islands'
import { Badge } from '../../../../site/ui'
import { myProgress, progressKey } from '../../../../study/read'

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = idParam((await params).id)
  const lesson = id ? await loadLesson(id) : null
  return { title: lesson?.title ?? '微党课' }
}

/** 微党课: a video or audio lesson with the native player, or an article; study time is recorded. */
export default async function LessonPage({ params, searchParams }: Props) {
  const { id: raw } = await params
  const courseParam = param(await searchParams, 'course')
  const user = await requireUser(`/lessons/${raw}${courseParam ? `?course=${encodeURIComponent(courseParam)}` : ''}`)
  const id = idParam(raw)
  if (!id) notFound()
  const lesson = await loadLesson(id)
  if (!lesson) notFound()

  const payload = await getSitePayload()
  const progress = (await myProgress(payload, user, [{ collection: 'micro-lessons', id: lesson.id }])).get(
    progressKey('micro-lessons', lesson.id),
  )
  const media = mediaOf(lesson.media)
  const quiz = populated<Quiz>(lesson.quiz)

  // The course this lesson was opened from: a way back, and the next lesson in order.
  const courseId = idParam(courseParam)
  const course = courseId ? await loadCourse(courseId) : null
  // Only lessons the member may open (populated means readable to them).
  const order = course ? (course.lessons ?? []).filter((l) => typeof l === 'object' && l._status === 'published').map(idOfRel) : []
  const at = order.indexOf(lesson.id)
  const inCourse = course && at >= 0 ? course : null
  const nextId = inCourse ? order[at + 1] : null

  return (
    <article className="container lesson">
      <nav aria-label="面包屑" className="crumbs">
        <Link href="/courses">课程</Link>
        {inCourse ? (
          <>
            {' '}
            <span aria-hidden="true">›</span> <Link href={`/courses/${inCourse.id}`}>{inCourse.title}</Link>
          </>
        ) : null}
      </nav>
      <header className="page-title">
        <h1>{lesson.title}</h1>
        <p className="meta-row">
          <Badge tone="red">{LESSON_KIND_LABELS[lesson.kind]}</Badge>
          <span>{lesson.durationMinutes} 分钟</span>
          <span>{formatHours(lesson.creditHours)} 学时</span>
          {lesson.speaker ? <span>主讲：{lesson.speaker}</span> : null}
          {lesson.source ? <span>来源：{lesson.source}</span> : null}
        </p>
        {lesson.summary ? <p className="lead">{lesson.summary}</p> : null}
      </header>
      {/* A video shows its own picture; articles and audio lessons show their cover. */}
      {lesson.kind !== 'video' ? <CoverFigure media={mediaOf(lesson.cover)} /> : null}

      <StudyTracker
        collection="micro-lessons"
        id={lesson.id}
        kind={lesson.kind}
        media={
          lesson.kind !== 'article' && media?.url
            ? { url: media.url, mimeType: media.mimeType, label: `${lesson.title}（${LESSON_KIND_LABELS[lesson.kind]}）` }
            : null
        }
        initial={{ percent: progress?.percent ?? 0, completed: Boolean(progress?.completedAt), position: progress?.position ?? 0 }}
      >
        {lesson.body ? (
          <>
            {lesson.kind !== 'article' ? <h2 className="transcript-title">讲稿</h2> : null}
            <RichTextBody data={lesson.body} />
          </>
        ) : null}
      </StudyTracker>

      <footer className="lesson__footer">
        {quiz && quiz._status === 'published' ? (
          <section className="card" aria-labelledby="lesson-quiz">
            <h2 id="lesson-quiz" className="card__title">
              随堂测试
            </h2>
            <p>学完本课后作答，检验学习效果。</p>
            <Link className="button button--small" href={`/quizzes/${quiz.id}`}>
              参加随堂测试
            </Link>
          </section>
        ) : null}
        {inCourse ? (
          <p className="lesson__nav">
            <Link href={`/courses/${inCourse.id}`}>返回课程目录</Link>
            {nextId ? <Link href={`/lessons/${nextId}?course=${inCourse.id}`}>下一课 ›</Link> : null}
          </p>
        ) : null}
      </footer>

      <RelatedContent collection="micro-lessons" id={lesson.id} />
    </article>
  )
}
