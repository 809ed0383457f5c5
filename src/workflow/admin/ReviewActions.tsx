'use client'

import { Button, toast, useAuth, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useState } from 'react'

import { AUTHOR_ROLE, isReviewedCollection } from '../config'
import { REVIEW_STATE_LABELS, type ReviewState } from '../transitions'

type Me = { id: number | string; roles?: string[]; reviewLevel?: string | null }
type Hit = { word: string; field: string; context: string }

const LEVEL_OF: Partial<Record<ReviewState, number>> = { pendingFirst: 1, pendingSecond: 2, pendingFinal: 3 }
const LEVEL_NAMES: Record<number, string> = { 1: '初审', 2: '复审', 3: '终审' }
const FIELD_NAMES: Record<string, string> = { title: '标题', summary: '摘要', body: '正文' }

/**
 * The review actions for the person looking at the item: submit (authors), approve / return
 * (the reviewer of the waiting level), withdraw (final reviewers). The server decides again.
 */
export const ReviewActions = () => {
  const { id, collectionSlug } = useDocumentInfo()
  const { user } = useAuth<Me>()
  const state = (useFormFields(([fields]) => fields.reviewState?.value) as ReviewState | undefined) ?? 'draft'
  const [reason, setReason] = useState('')
  const [publishAt, setPublishAt] = useState('')
  const [busy, setBusy] = useState(false)
  const [hits, setHits] = useState<Hit[]>([])
  const [error, setError] = useState('')

  if (!id || !collectionSlug || !isReviewedCollection(collectionSlug) || !user) return null
  const roles = user.roles ?? []
  const level = roles.includes('reviewer') ? Number(user.reviewLevel ?? 0) : 0
  const isAuthor = roles.includes(AUTHOR_ROLE[collectionSlug])
  const editable = ['draft', 'returned', 'published', 'withdrawn'].includes(state)
  const myLevel = LEVEL_OF[state] === level && level > 0

  const act = async (action: string, extra: Record<string, unknown> = {}) => {
    setBusy(true)
    setError('')
    try {
      const res = await fetch(`/api/${collectionSlug}/${id}/review`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action, reason: reason || undefined, ...extra }),
      })
      const json = await res.json().catch(() => ({}))
      if (!res.ok) {
        const first = json?.errors?.[0]
        setHits(first?.data?.hits ?? [])
        setError(first?.message ?? `操作失败（${res.status}）`)
        return
      }
      toast.success(`已完成：${REVIEW_STATE_LABELS[json.from as ReviewState]?.zh ?? ''} → ${REVIEW_STATE_LABELS[json.to as ReviewState]?.zh ?? ''}`)
      window.location.reload()
    } finally {
      setBusy(false)
    }
  }

  const buttons: React.ReactNode[] = []
  if (isAuthor && editable) {
    buttons.push(
      <Button key="submit" buttonStyle="primary" size="medium" disabled={busy} onClick={() => act('submit')}>
        提交审核
      </Button>,
    )
  }
  if (myLevel) {
    buttons.push(
      <Button key="approve" buttonStyle="primary" size="medium" disabled={busy} onClick={() => act('approve', publishAt ? { publishAt: new Date(publishAt).toISOString() } : {})}>
        {level === 3 ? (publishAt ? '终审通过并定时发布' : '终审通过并发布') : `${LEVEL_NAMES[level]}通过`}
      </Button>,
      <Button key="return" buttonStyle="secondary" size="medium" disabled={busy} onClick={() => act('return')}>
        退回修改
      </Button>,
    )
  }
  if (level === 3 && (state === 'published' || state === 'scheduled')) {
    buttons.push(
      <Button key="withdraw" buttonStyle="secondary" size="medium" disabled={busy} onClick={() => act('withdraw')}>
        下线
      </Button>,
    )
  }
  // Reviewers can push a submission past sensitive-word hits with a written reason.
  const canOverride = level > 0 && (state === 'draft' || state === 'returned')
  if (canOverride) {
    buttons.push(
      <Button key="override" buttonStyle="secondary" size="medium" disabled={busy} onClick={() => act('submit', { sensitiveOverride: true })}>
        忽略敏感词提示并提交
      </Button>,
    )
  }
  if (buttons.length === 0) return null

  const needsReason = myLevel || level === 3 || canOverride
  return (
    <div className="review-actions" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
      {needsReason && (
        <label style={{ display: 'flex', flexDirection: 'column', fontSize: 12 }}>
          审核意见 / 理由
          <input
            aria-label="审核意见"
            name="reviewReason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="退回、下线或忽略敏感词时必填"
            style={{ minWidth: 220, padding: '4px 8px' }}
          />
        </label>
      )}
      {myLevel && level === 3 && (
        <label style={{ display: 'flex', flexDirection: 'column', fontSize: 12 }}>
          定时发布（可选）
          <input aria-label="定时发布时间" type="datetime-local" value={publishAt} onChange={(e) => setPublishAt(e.target.value)} />
        </label>
      )}
      {buttons}
      {error && (
        <div role="alert" style={{ flexBasis: '100%', color: 'var(--theme-error-500)' }}>
          {error}
          {hits.length > 0 && (
            <ul>
              {hits.map((h, i) => (
                <li key={i}>
                  {FIELD_NAMES[h.field] ?? h.field}：“{h.word}” — {h.context}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}
