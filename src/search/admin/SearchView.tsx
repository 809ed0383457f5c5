import Link from 'next/link'
import type { AdminViewServerProps } from 'payload'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { CONTENT_STAFF } from '../../access/readPublishedContent'
import { StaffView } from '../../components/admin/StaffView'
import { offeredTo } from '../../access/navigation'
import { hasRole } from '../../access/roles'
import { COLUMN_LABELS, hrefFor, LESSON_KIND_LABELS, QUIZ_MODE_LABELS, REQUIREMENT_LABELS, RESOURCE_KIND_LABELS } from '../../site/content'
import { COLLECTION_LABELS, isReviewedCollection, REVIEWED_COLLECTIONS } from '../../workflow/config'
import { Highlighted } from '../Highlighted'
import { searchContent, type SearchResult } from '../query'
import { SEARCH_VIEW_PATH, SEARCH_VIEW_TITLE } from './paths'

/** The index's `kind` in words: a news column, a resource kind, a lesson kind, a quiz mode, 必修/选修. */
const KIND_LABELS: Record<string, Record<string, string>> = {
  news: COLUMN_LABELS,
  'red-resources': RESOURCE_KIND_LABELS,
  'micro-lessons': LESSON_KIND_LABELS,
  quizzes: QUIZ_MODE_LABELS,
  courses: REQUIREMENT_LABELS,
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

const styles = {
  form: { display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', margin: '0 0 16px' },
  input: {
    flex: '1 1 16rem',
    minWidth: 0,
    padding: '8px 12px',
    font: 'inherit',
    border: '1px solid var(--theme-elevation-250)',
    borderRadius: 4,
    background: 'var(--theme-input-bg)',
    color: 'var(--theme-text)',
  },
  select: {
    padding: '8px 12px',
    font: 'inherit',
    border: '1px solid var(--theme-elevation-250)',
    borderRadius: 4,
    background: 'var(--theme-input-bg)',
    color: 'var(--theme-text)',
  },
  button: {
    padding: '8px 20px',
    font: 'inherit',
    border: 0,
    borderRadius: 4,
    background: 'var(--theme-elevation-800)',
    color: 'var(--theme-elevation-0)',
    cursor: 'pointer',
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: { padding: '12px 0', borderBottom: '1px solid var(--theme-elevation-100)' },
  title: { fontSize: 17, fontWeight: 600 },
  badge: {
    display: 'inline-block',
    fontSize: 12,
    padding: '1px 8px',
    marginRight: 8,
    borderRadius: 10,
    background: 'var(--theme-elevation-100)',
    fontWeight: 500,
    verticalAlign: 2,
  },
  snippet: { margin: '4px 0 2px', color: 'var(--theme-elevation-800)' },
  meta: { margin: 0, fontSize: 13, color: 'var(--theme-elevation-500)' },
  visuallyHidden: { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  pager: { display: 'flex', gap: 16, alignItems: 'center', marginTop: 16 },
} satisfies Record<string, React.CSSProperties>

/**
 * 全文搜索 (/admin/search): content staff search everything published through Meilisearch (no
 * audience filter for them) and jump to the item's edit screen. Payload does not guard custom views:
 * signed-out visitors go to the login, people without admin access (members) are refused here.
 */
export async function SearchView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req } = initPageResult
  const { payload, user } = req
  const adminRoute = payload.config.routes.admin
  const here = formatAdminURL({ adminRoute, path: SEARCH_VIEW_PATH })

  const allowed = hasRole(user, ...CONTENT_STAFF)
  const q = (one(searchParams?.q) ?? '').trim().slice(0, 100)
  const rawCollection = one(searchParams?.collection)
  const collection = rawCollection && isReviewedCollection(rawCollection) ? rawCollection : undefined
  const pageNo = Number(one(searchParams?.page) ?? 1)
  const page = Number.isInteger(pageNo) && pageNo > 0 && pageNo < 10_000 ? pageNo : 1

  let result: SearchResult | null = null
  let failed = false
  if (allowed && q) {
    try {
      result = await searchContent(req, { q, collection, page, hitsPerPage: 20 })
    } catch (error) {
      payload.logger.warn({ err: error, msg: '后台全文搜索失败' })
      failed = true
    }
  }
  const pageHref = (n: number) => {
    const qs = new URLSearchParams({ q })
    if (collection) qs.set('collection', collection)
    if (n > 1) qs.set('page', String(n))
    return `${here}?${qs}`
  }

  return (
    <StaffView
      initPageResult={initPageResult}
      params={params}
      searchParams={searchParams}
      path={SEARCH_VIEW_PATH}
      title={SEARCH_VIEW_TITLE}
      className="admin-search"
      allowed={allowed}
      refusal="全文搜索仅供宣传编辑、课程管理员和审核员使用。"
    >
      <>
        <p style={{ margin: '0 0 16px', color: 'var(--theme-elevation-500)' }}>
          搜索已发布的课程、微党课、红色资源、党建动态和测验（标题、摘要、正文和专题）。
        </p>
        <form method="get" action={here} role="search" style={styles.form}>
          <label htmlFor="admin-search-q" style={styles.visuallyHidden}>
            搜索词
          </label>
          <input
            id="admin-search-q"
            type="search"
            name="q"
            defaultValue={q}
            maxLength={100}
            placeholder="输入搜索词，例如 四史、三会一课"
            style={styles.input}
          />
          <label htmlFor="admin-search-collection" style={styles.visuallyHidden}>
            类别
          </label>
          <select id="admin-search-collection" name="collection" defaultValue={collection ?? ''} style={styles.select}>
            <option value="">全部类别</option>
            {REVIEWED_COLLECTIONS.map((c) => (
              <option key={c} value={c}>
                {COLLECTION_LABELS[c]}
              </option>
            ))}
          </select>
          <button type="submit" style={styles.button}>
            搜索
          </button>
        </form>
        {failed ? <p role="alert">搜索服务暂时不可用，请稍后再试。</p> : null}
        {result ? (
          <>
            <p role="status" style={styles.meta}>
              “{q}”共 {result.totalHits} 条结果
              {!collection && result.totalHits
                ? `（${Object.entries(result.byCollection)
                    .filter(([c, n]) => n > 0 && isReviewedCollection(c))
                    .map(([c, n]) => `${COLLECTION_LABELS[c as keyof typeof COLLECTION_LABELS]} ${n}`)
                    .join('，')}）`
                : ''}
            </p>
            {result.hits.length ? (
              <ol className="admin-search__results" style={styles.list}>
                {result.hits.map((h) => {
                  const kind = KIND_LABELS[h.collection]?.[h.kind]
                  // Content of another role's work (an editor finding a quiz) opens where members read it:
                  // the admin offers that collection only to the roles that work on it (src/access/navigation.ts).
                  const href = offeredTo(h.collection, user)
                    ? formatAdminURL({ adminRoute, path: `/collections/${h.collection}/${h.itemId}` })
                    : hrefFor(h.collection, h.itemId)
                  return (
                    <li key={h.id} style={styles.item}>
                      <Link href={href} style={styles.title}>
                        <span style={styles.badge}>
                          {isReviewedCollection(h.collection) ? COLLECTION_LABELS[h.collection] : h.collection}
                          {kind ? ` · ${kind}` : ''}
                        </span>
                        <Highlighted text={h.title} />
                      </Link>
                      {h.snippet ? (
                        <p style={styles.snippet}>
                          <Highlighted text={h.snippet} />
                        </p>
                      ) : null}
                      {h.themes.length ? <p style={styles.meta}>专题：{h.themes.join('、')}</p> : null}
                    </li>
                  )
                })}
              </ol>
            ) : (
              <p>没有找到与“{q}”相关的已发布内容。草稿和审核中的内容不在搜索范围内，可在各内容列表中查找。</p>
            )}
            {result.totalPages > 1 ? (
              <nav aria-label="分页" style={styles.pager}>
                {result.page > 1 ? <Link href={pageHref(result.page - 1)}>上一页</Link> : null}
                <span>
                  第 {result.page} / {result.totalPages} 页
                </span>
                {result.page < result.totalPages ? <Link href={pageHref(result.page + 1)}>下一页</Link> : null}
              </nav>
            ) : null}
          </>
        ) : null}
      </>
    </StaffView>
  )
}
