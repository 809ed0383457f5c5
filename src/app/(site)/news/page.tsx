import type { Metadata } from 'next'
import React from 'react'

import { getSitePayload, getSiteUser } from '../../../site/auth'
import { COLUMN_LABELS, NEWS_COLUMN_OPTIONS, pageParam, param, publishedAnd } from '../../../site/content'
import { coverImages } from '../../../site/Cover'
import { audienceOf, keptWhileContentUnchanged } from '../../../site/kept'
import { pinnedNews, type NewsListItem } from '../../../site/queries'
import { FilterChips, NewsList, PageTitle, Pagination } from '../../../site/ui'

export const metadata: Metadata = { title: '党建动态' }

type SP = Record<string, string | string[] | undefined>

/**
 * A page of 党建动态 is the same for everyone of an audience: kept while content is unchanged
 * (src/site/kept.ts) and until the first pin on it ends. A pin ending elsewhere moves an item into
 * a later page's list within PAGE_TTL_MS.
 */
const PAGE_TTL_MS = 30_000
const keptPages = keptWhileContentUnchanged<{ pinned: NewsListItem[]; docs: NewsListItem[]; totalPages: number }>({
  ttlMs: PAGE_TTL_MS,
  until: ({ pinned }) => Math.min(Infinity, ...pinned.map((n) => Date.parse(String(n.pinnedUntil))).filter(Number.isFinite)),
})

/** 党建动态 by column (要闻 / 通知公告 / 基层动态 / 理论学习); pinned items lead the first page. */
export default async function NewsPage({ searchParams }: { searchParams: Promise<SP> }) {
  const sp = await searchParams
  const raw = param(sp, 'column')
  const column = raw && COLUMN_LABELS[raw] ? raw : undefined
  const page = pageParam(sp)
  const [payload, user] = await Promise.all([getSitePayload(), getSiteUser()])

  const { pinned, docs, totalPages } = await keptPages(
    payload,
    JSON.stringify([column ?? null, page, await audienceOf(payload, user)]),
    async () => {
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
      return { pinned, docs: result.docs as NewsListItem[], totalPages: result.totalPages }
    },
  )
  const keep = { column }
  const items = [...pinned, ...docs]
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
      <Pagination path="/news" page={page} totalPages={totalPages} keep={keep} />
    </div>
  )
}
