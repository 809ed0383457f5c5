import Link from 'next/link'
import React from 'react'

import { PRODUCT_NAME } from '../brand'
import { COLUMN_LABELS, formatDate, withQuery } from './content'
import { coverOf, Thumb, type CoverImage } from './Cover'
import type { NewsListItem } from './queries'

/** The star and the platform's name, leading home: the header of every member page and of the 404 page. */
export function Brand() {
  return (
    <Link href="/" className="brand">
      <span className="brand__mark" aria-hidden="true">
        ★
      </span>
      <span className="brand__name">{PRODUCT_NAME}</span>
    </Link>
  )
}

/** A page's title block. */
export function PageTitle({ title, lead, children }: { title: string; lead?: string; children?: React.ReactNode }) {
  return (
    <div className="page-title">
      <h1>{title}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </div>
  )
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="empty">{children}</p>
}

export function Badge({ tone = 'plain', children }: { tone?: 'plain' | 'red' | 'ok' | 'warn'; children: React.ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>
}

/** A section of a page with a heading and an optional "more" link. */
export function Section({
  id,
  title,
  more,
  children,
}: {
  id: string
  title: string
  more?: { href: string; label: string }
  children: React.ReactNode
}) {
  return (
    <section className="section" aria-labelledby={id}>
      <div className="section__head">
        <h2 id={id}>{title}</h2>
        {more ? (
          <Link href={more.href} className="more">
            {more.label}
          </Link>
        ) : null}
      </div>
      {children}
    </section>
  )
}

const isPinned = (n: NewsListItem) => Boolean(n.pinnedUntil && new Date(n.pinnedUntil).getTime() > Date.now())

/** News as a list; with `covers` (src/site/Cover.tsx), each item with a cover shows its thumbnail. */
export function NewsList({
  items,
  showSummary = false,
  covers,
}: {
  items: NewsListItem[]
  showSummary?: boolean
  covers?: Map<number, CoverImage>
}) {
  if (!items.length) return <Empty>暂无党建动态。</Empty>
  return (
    <ul className="list">
      {items.map((n) => (
        <li key={n.id} className="list__item">
          <Link href={`/news/${n.id}`} className={covers ? 'list__link list__link--thumb' : 'list__link'}>
            {covers ? <Thumb cover={coverOf(covers, n.cover)} /> : null}
            <span className="list__title">
              {isPinned(n) ? <Badge tone="red">置顶</Badge> : null}
              {n.title}
            </span>
            {showSummary && n.summary ? <span className="list__summary">{n.summary}</span> : null}
            <span className="list__meta">
              {COLUMN_LABELS[n.column] ?? ''} · <time dateTime={n.publishedAt ?? undefined}>{formatDate(n.publishedAt)}</time>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  )
}

/** Filter links (chips) for one query parameter; the other parameters are kept, the page resets. */
export function FilterChips({
  label,
  path,
  name,
  options,
  current,
  keep,
}: {
  label: string
  path: string
  name: string
  options: Array<{ value: string; label: string }>
  current?: string
  keep: Record<string, string | undefined>
}) {
  const all = [{ value: '', label: '全部' }, ...options]
  return (
    <nav className="chips" aria-label={label}>
      <span className="chips__label" aria-hidden="true">
        {label}
      </span>
      <ul>
        {all.map((o) => {
          const active = (current ?? '') === o.value
          return (
            <li key={o.value || 'all'}>
              <Link href={withQuery(path, { ...keep, [name]: o.value })} aria-current={active ? 'true' : undefined} className="chip">
                {o.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}

export function Pagination({
  path,
  page,
  totalPages,
  keep,
}: {
  path: string
  page: number
  totalPages: number
  keep: Record<string, string | undefined>
}) {
  if (totalPages <= 1) return null
  return (
    <nav className="pager" aria-label="分页">
      {page > 1 ? <Link href={withQuery(path, { ...keep, page: page - 1 })}>上一页</Link> : <span aria-hidden="true" />}
      <span>
        第 {page} / {totalPages} 页
      </span>
      {page < totalPages ? <Link href={withQuery(path, { ...keep, page: page + 1 })}>下一页</Link> : <span aria-hidden="true" />}
    </nav>
  )
}

/** A percentage bar for one item's progress. */
export function MiniProgress({ percent, label }: { percent: number; label: string }) {
  const p = Math.max(0, Math.min(100, Math.round(percent)))
  return (
    <span className="mini-progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={p}>
      <span style={{ width: `${p}%` }} />
    </span>
  )
}
