import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { CONTENT_KIND_SLUGS, CONTENT_KINDS, isContentKind, kindLabel } from '../../../content/kinds'
import { Highlighted } from '../../../search/Highlighted'
import { searchContent, type SearchResult } from '../../../search/query'
import { getSitePayload, getSiteUser } from '../../../site/auth'
import { formatDate, hrefFor, pageParam, param } from '../../../site/content'
import { SearchBox } from '../../../site/SearchBox'
import { Empty, FilterChips, PageTitle, Pagination } from '../../../site/ui'
import { asPayloadUser } from '../../../viewer'

export const metadata: Metadata = { title: '搜索' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** 搜索: results for what the reader may read, by kind, with highlighted snippets and pages. */
export default async function SearchPage({ searchParams }: Props) {
  const sp = await searchParams
  const q = (param(sp, 'q') ?? '').trim().slice(0, 100)
  const collection = param(sp, 'collection')
  const page = pageParam(sp)
  const [payload, user] = await Promise.all([getSitePayload(), getSiteUser()])
  const themes = (await payload.find({ collection: 'themes', depth: 0, limit: 20, sort: 'sortOrder' })).docs

  let result: SearchResult | null = null
  let failed = false
  if (q) {
    try {
      result = await searchContent(
        { user: asPayloadUser(user), payload, context: {} },
        { q, collection: collection && isContentKind(collection) ? collection : undefined, page },
      )
    } catch {
      failed = true
    }
  }
  const counts = result?.byCollection ?? {}

  return (
    <div className="container">
      <PageTitle title="搜索" lead={q ? `“${q}”的搜索结果` : '搜索课程、微党课、红色资源、党建动态和测验。'} />
      <SearchBox defaultValue={q} autoFocus={!q || param(sp, 'focus') === '1'} />
      {q ? (
        <FilterChips
          label="类别"
          path="/search"
          name="collection"
          current={collection}
          keep={{ q }}
          options={CONTENT_KIND_SLUGS.map((value) => [value, CONTENT_KINDS[value].label] as const).map(([value, label]) => ({
            value,
            label: `${label}${counts[value] ? ` ${counts[value]}` : ''}`,
          }))}
        />
      ) : null}
      {failed ? (
        <p className="empty" role="status">
          搜索服务暂时不可用，请稍后再试。
        </p>
      ) : null}
      {result?.suggestion ? (
        <p className="search-suggest" role="status">
          你是不是要找：
          <Link href={`/search?q=${encodeURIComponent(result.suggestion)}`}>{result.suggestion}</Link>
          {result.hits.length ? <span className="muted small">（已按读音相近为你显示结果）</span> : null}
        </p>
      ) : null}
      {result && result.hits.length ? (
        <>
          <p className="muted small" role="status">
            共 {result.totalHits} 条结果
          </p>
          <ul className="search-results">
            {result.hits.map((h) => (
              <li key={h.id} className="result">
                <Link className="result__link" href={hrefFor(h.collection, h.itemId)}>
                  <span className="result__head">
                    <span className="badge badge--red result__kind">{kindLabel(h.collection)}</span>
                    <span className="result__title">
                      <Highlighted text={h.title} />
                    </span>
                  </span>
                  {h.snippet ? (
                    <span className="result__snippet">
                      <Highlighted text={h.snippet} />
                    </span>
                  ) : null}
                  {h.themes.length || h.publishedAt ? (
                    <span className="result__meta">
                      {h.themes.join(' · ')}
                      {h.themes.length && h.publishedAt ? ' · ' : ''}
                      {h.publishedAt ? (
                        <time dateTime={new Date(h.publishedAt).toISOString()}>{formatDate(new Date(h.publishedAt).toISOString())}</time>
                      ) : null}
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
          <Pagination path="/search" page={result.page} totalPages={result.totalPages} keep={{ q, collection }} />
        </>
      ) : null}
      {(q && result && !result.hits.length) || !q ? (
        <Empty>
          {q ? `没有找到与“${q}”相关的内容。` : ''}试试这些专题：
          {themes.map((t) => (
            <Link key={t.id} className="chip" href={`/search?q=${encodeURIComponent(t.name)}`}>
              {t.name}
            </Link>
          ))}
        </Empty>
      ) : null}
    </div>
  )
}
