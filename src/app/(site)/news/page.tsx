import type { Metadata } from 'next'
import React from 'react'

import { getSitePayload, getSiteUser } from '../../../site/auth'
import { COLUMN_LABELS, NEWS_COLUMN_OPTIONS, pageParam, param, publishedAnd } from '../../../site/content'
import { coverImages } from '../../../site/Cover'
import { pinnedNews, type NewsListItem } from '../../../site/queries'
import { FilterChips, NewsList, PageTitle, Pagination } from '../../../site/ui'

export const metadata: Metadata = { title: '党建动态' }

type SP = Record<string, string | string[] | undefined>

/** 党建动态 by column (要闻 / 通知公告 / 基层动态 / 理论学习); pinned items lead the first page. */
export default async function NewsPage({ searchParams }: { searchParams: Promise<SP> }) {
  const sp = await searchParams
  const raw = param(sp, 'column')
  const column = raw && COLUMN_LABELS[raw] ? raw : undefined
  const page = pageParam(sp)
  const [payload, user] = await Promise.all([getSitePayload(), getSiteUser()])
  const now = new Date().toISOString()

  const pinned = page === 1 ? await pinnedNews(payload, user, 5, column) : []
  const result = await payload.find({
    collection: 'news',
    overrideAccess: false,
    user: user ?? undefined,
    depth: 0,
    limit: 15,
    page,
    sort: '-publishedAt',
    select: { title: true, column: true, summary: true, publishedAt: true, pinnedUntil: true, cover: true },
    where: publishedAnd(column ? { column: { equals: column } } : null, {
      or: [{ pinnedUntil: { exists: false } }, { pinnedUntil: { less_than_equal: now } }],
    }),
  })
  const keep = { column }
  const items = [...pinned, ...(result.docs as NewsListItem[])]
  const covers = await coverImages(
    payload,
    items.map((n) => n.cover),
  )

  return (
    <div className="container">
      <PageTitle
        title={column ? `党建动态 · ${COLUMN_LABELS[column]}` : '党建动态'}
        lead="学校党委及各级党组织的要闻、通知公告、基层动态和理论学习文章。"
      />
      <FilterChips label="栏目" path="/news" name="column" options={NEWS_COLUMN_OPTIONS} current={column} keep={keep} />
      <NewsList items={items} showSummary covers={covers} />
      <Pagination path="/news" page={page} totalPages={result.totalPages} keep={keep} />
    </div>
  )
}
