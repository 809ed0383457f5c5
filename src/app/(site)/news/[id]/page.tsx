import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import React from 'react'

import { COLUMN_LABELS, formatDateTime, idParam, mediaOf } from '../../../../site/content'
import { loadNews } from '../../../../site/loaders'
import { RelatedContent } from '../../../../site/RelatedContent'
import { RichTextBody } from '../../../../site/RichTextBody'
import { Badge } from '../../../../site/ui'

type Props = { params: Promise<{ id: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = idParam((await params).id)
  const news = id ? await loadNews(id) : null
  return { title: news?.title ?? '党建动态', description: news?.summary ?? undefined }
}

/** One news item; public once published. */
export default async function NewsItemPage({ params }: Props) {
  const id = idParam((await params).id)
  if (!id) notFound()
  const news = await loadNews(id)
  if (!news) notFound()
  const cover = mediaOf(news.cover)
  return (
    <article className="container">
      <nav aria-label="面包屑" className="crumbs">
        <Link href="/news">党建动态</Link> <span aria-hidden="true">›</span>{' '}
        <Link href={`/news?column=${news.column}`}>{COLUMN_LABELS[news.column]}</Link>
      </nav>
      <header className="page-title">
        <h1>{news.title}</h1>
        <p className="meta-row">
          <Badge tone="red">{COLUMN_LABELS[news.column]}</Badge>
          {news.publishedAt ? <time dateTime={news.publishedAt}>{formatDateTime(news.publishedAt)}</time> : null}
          {/* One line each, and once: an author who is the source itself (党委宣传部) is not named twice. */}
          {news.source ? <span>来源：{news.source}</span> : null}
          {news.author && news.author.trim() !== news.source?.trim() ? <span>作者：{news.author}</span> : null}
        </p>
      </header>
      {cover ? (
        <figure className="figure">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={cover.sizes?.hero?.url || cover.url || ''} alt={cover.alt ?? ''} />
          {cover.caption ? <figcaption>{cover.caption}</figcaption> : null}
        </figure>
      ) : null}
      {news.summary ? <p className="lead summary">{news.summary}</p> : null}
      <RichTextBody data={news.body} />
      <RelatedContent collection="news" id={news.id} />
      <p className="back">
        <Link href="/news">‹ 返回党建动态</Link>
      </p>
    </article>
  )
}
