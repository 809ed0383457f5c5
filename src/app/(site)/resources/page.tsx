import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import type { RedResource } from '../../../payload-types'
import { getSitePayload, getSiteUser } from '../../../site/auth'
import {
  pageParam,
  param,
  PERIOD_LABELS,
  PERIOD_OPTIONS,
  publishedAnd,
  RESOURCE_KIND_LABELS,
  RESOURCE_KIND_OPTIONS,
} from '../../../site/content'
import { coverImages, coverOf, Thumb } from '../../../site/Cover'
import { audienceOf, keptWhileContentUnchanged } from '../../../site/kept'
import { allThemes } from '../../../site/queries'
import { Badge, Empty, FilterChips, PageTitle, Pagination } from '../../../site/ui'

export const metadata: Metadata = { title: '红色资源库' }

type SP = Record<string, string | string[] | undefined>

/** A page of 红色资源库 is the same for everyone of an audience: kept while content is unchanged (src/site/kept.ts). */
const keptPages = keptWhileContentUnchanged<{ docs: ResourceListItem[]; totalDocs: number; totalPages: number }>({ ttlMs: 60_000 })
type ResourceListItem = Pick<RedResource, 'id' | 'title' | 'kind' | 'period' | 'summary' | 'address' | 'publishedAt' | 'cover'>

const oneOf = (value: string | undefined, options: Array<{ value: string }>) =>
  value && options.some((o) => o.value === value) ? value : undefined

/** 红色资源库: browse by kind, historical period and theme; open to visitors. */
export default async function ResourcesPage({ searchParams }: { searchParams: Promise<SP> }) {
  const sp = await searchParams
  const kind = oneOf(param(sp, 'kind'), RESOURCE_KIND_OPTIONS)
  const period = oneOf(param(sp, 'period'), PERIOD_OPTIONS)
  const theme = param(sp, 'theme')
  const page = pageParam(sp)
  const [payload, user] = await Promise.all([getSitePayload(), getSiteUser()])
  const themes = await allThemes(payload)
  const themeId = themes.find((t) => t.slug === theme)?.id

  const result = await keptPages(
    payload,
    JSON.stringify([kind ?? null, period ?? null, theme ? (themeId ?? -1) : null, page, await audienceOf(payload, user)]),
    async () => {
      const { docs, totalDocs, totalPages } = await payload.find({
        collection: 'red-resources',
        overrideAccess: false,
        user: user ?? undefined,
        depth: 0,
        limit: 12,
        page,
        sort: '-publishedAt',
        select: { title: true, kind: true, period: true, summary: true, address: true, publishedAt: true, cover: true },
        where: publishedAnd(
          kind ? { kind: { equals: kind } } : null,
          period ? { period: { equals: period } } : null,
          theme ? { themes: { in: [themeId ?? -1] } } : null,
        ),
      })
      return { docs, totalDocs, totalPages }
    },
  )
  const keep = { kind, period, theme }
  const covers = await coverImages(
    payload,
    result.docs.map((r) => r.cover),
  )

  return (
    <div className="container">
      <PageTitle title="红色资源库" lead="文献、图片、视频、红色教育基地、重要会议文件、革命人物和红色建筑。" />
      <div className="filters">
        <FilterChips label="类别" path="/resources" name="kind" options={RESOURCE_KIND_OPTIONS} current={kind} keep={keep} />
        <FilterChips label="历史时期" path="/resources" name="period" options={PERIOD_OPTIONS} current={period} keep={keep} />
        <FilterChips
          label="专题"
          path="/resources"
          name="theme"
          options={themes.map((t) => ({ value: t.slug, label: t.name }))}
          current={theme}
          keep={keep}
        />
      </div>
      <p className="muted small" role="status">
        共 {result.totalDocs} 条资源
      </p>
      {result.docs.length ? (
        <ul className="cards">
          {result.docs.map((r) => (
            <li key={r.id} className="card card--link">
              <Link href={`/resources/${r.id}`}>
                <Thumb cover={coverOf(covers, r.cover)} size="card" />
                <span className="card__kicker">
                  <Badge tone="red">{RESOURCE_KIND_LABELS[r.kind ?? ''] ?? ''}</Badge>
                  {r.period ? PERIOD_LABELS[r.period] : null}
                </span>
                <span className="card__heading">{r.title}</span>
                {r.summary ? <span className="card__summary">{r.summary}</span> : null}
                {r.address && (r.kind === 'educationBase' || r.kind === 'site') ? (
                  <span className="card__address">
                    <span aria-hidden="true">📍</span>地址：{r.address}
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>没有符合条件的资源。</Empty>
      )}
      <Pagination path="/resources" page={page} totalPages={result.totalPages} keep={keep} />
    </div>
  )
}
