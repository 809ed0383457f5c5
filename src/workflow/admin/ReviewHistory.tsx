'use client'

import { useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { formatAdminDateTime } from '../../dates'
import { REVIEW_STATE_LABELS, type ReviewState } from '../transitions'

type Row = {
  id: number
  createdAt: string
  action: string
  fromState: ReviewState
  toState: ReviewState
  actorName: string
  reason?: string | null
}

const ACTIONS: Record<string, string> = { submit: '提交审核', approve: '通过', return: '退回修改', withdraw: '下线', publish: '定时发布' }

/** The item's review log in the sidebar: who moved it, when, and why it came back. */
export const ReviewHistory = () => {
  const { id, collectionSlug } = useDocumentInfo()
  const [rows, setRows] = useState<Row[] | null>(null)

  useEffect(() => {
    if (!id || !collectionSlug) return
    const q = new URLSearchParams({
      'where[itemCollection][equals]': collectionSlug,
      'where[itemId][equals]': String(id),
      sort: '-createdAt',
      limit: '20',
      depth: '0',
    })
    fetch(`/api/review-logs?${q}`, { credentials: 'include' })
      .then((r) => (r.ok ? r.json() : { docs: [] }))
      .then((json) => setRows(json.docs ?? []))
      .catch(() => setRows([]))
  }, [id, collectionSlug])

  if (!id) return null
  return (
    <div className="review-history" style={{ marginBottom: 24 }}>
      <h4 style={{ margin: '0 0 8px' }}>审核记录</h4>
      {rows === null ? (
        <p>加载中…</p>
      ) : rows.length === 0 ? (
        <p>暂无记录</p>
      ) : (
        <ol style={{ paddingLeft: 18, margin: 0 }}>
          {rows.map((r) => (
            <li key={r.id} style={{ marginBottom: 6 }}>
              <div>
                {formatAdminDateTime(r.createdAt)} · {r.actorName} · {ACTIONS[r.action] ?? r.action}（{REVIEW_STATE_LABELS[r.fromState]?.zh}{' '}
                → {REVIEW_STATE_LABELS[r.toState]?.zh}）
              </div>
              {r.reason && <div className="review-history__reason">理由：{r.reason}</div>}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
