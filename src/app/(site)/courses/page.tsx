import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import type { Course } from '../../../payload-types'
import { getSitePayload, requireUser } from '../../../site/auth'
import { formatHours, pageParam, param, publishedAnd, REQUIREMENT_LABELS, withQuery } from '../../../site/content'
import { coverImages, coverOf, Thumb } from '../../../site/Cover'
import { audienceOf, keptWhileContentUnchanged } from '../../../site/kept'
import { allThemes } from '../../../site/queries'
import { Badge, Empty, FilterChips, MiniProgress, PageTitle, Pagination } from '../../../site/ui'
import { myProgress, progressKey } from '../../../study/read'

export const metadata: Metadata = { title: '课程' }

type SP = Record<string, string | string[] | undefined>

/** A page of the catalogue is the same for everyone of an audience: kept while content is unchanged (src/site/kept.ts). */
const keptPages = keptWhileContentUnchanged<{ docs: Course[]; totalDocs: number; totalPages: number }>({ ttlMs: 60_000 })

const REQUIREMENTS = [
  { value: 'required', label: '必修' },
  { value: 'elective', label: '选修' },
]

export default async function CoursesPage({ searchParams }: { searchParams: Promise<SP> }) {
  const sp = await searchParams
  const theme = param(sp, 'theme')
  const requirement = REQUIREMENTS.some((r) => r.value === param(sp, 'requirement')) ? param(sp, 'requirement') : undefined
  const page = pageParam(sp)
  const user = await requireUser(withQuery('/courses', { theme, requirement, page: page > 1 ? page : undefined }))
  const payload = await getSitePayload()
  const themes = await allThemes(payload)
  const themeId = themes.find((t) => t.slug === theme)?.id

  const result = await keptPages(
    payload,
    JSON.stringify([requirement ?? null, theme ? (themeId ?? -1) : null, page, await audienceOf(payload, user)]),
    async () => {
      const { docs, totalDocs, totalPages } = await payload.find({
        collection: 'courses',
        overrideAccess: false,
        user,
        depth: 0,
        limit: 12,
        page,
        sort: '-publishedAt',
        where: publishedAnd(
          requirement ? { requirement: { equals: requirement } } : null,
          theme ? { themes: { in: [themeId ?? -1] } } : null,
        ),
      })
      return { docs, totalDocs, totalPages }
    },
  )
  const [progress, covers] = await Promise.all([
    myProgress(
      payload,
      user,
      result.docs.map((c) => ({ collection: 'courses' as const, id: c.id })),
    ),
    coverImages(
      payload,
      result.docs.map((c) => c.cover),
    ),
  ])
  const keep = { theme, requirement }

  return (
    <div className="container">
      <PageTitle title="课程" lead="按专题和课程类型浏览课程，每门课程由若干微党课组成。" />
      <div className="filters">
        <FilterChips label="课程类型" path="/courses" name="requirement" options={REQUIREMENTS} current={requirement} keep={keep} />
        <FilterChips
          label="专题"
          path="/courses"
          name="theme"
          options={themes.map((t) => ({ value: t.slug, label: t.name }))}
          current={theme}
          keep={keep}
        />
      </div>
      <p className="muted small" role="status">
        共 {result.totalDocs} 门课程
      </p>
      {result.docs.length ? (
        <ul className="cards">
          {result.docs.map((course) => {
            const p = progress.get(progressKey('courses', course.id))
            return (
              <li key={course.id} className="card card--link">
                <Link href={`/courses/${course.id}`}>
                  <Thumb cover={coverOf(covers, course.cover)} size="card" />
                  <span className="card__kicker">
                    <Badge tone={course.requirement === 'required' ? 'red' : 'plain'}>{REQUIREMENT_LABELS[course.requirement]}</Badge>共{' '}
                    {course.lessons?.length ?? 0} 课 · {formatHours(course.totalCreditHours)} 学时
                  </span>
                  <span className="card__heading">{course.title}</span>
                  {course.summary ? <span className="card__summary">{course.summary}</span> : null}
                  {p?.completedAt ? (
                    <Badge tone="ok">已完成</Badge>
                  ) : p ? (
                    <span className="card__progress">
                      已学 {Math.round(p.percent)}% <MiniProgress percent={p.percent} label="课程进度" />
                    </span>
                  ) : null}
                </Link>
              </li>
            )
          })}
        </ul>
      ) : (
        <Empty>没有符合条件的课程。</Empty>
      )}
      <Pagination path="/courses" page={page} totalPages={result.totalPages} keep={keep} />
    </div>
  )
}
