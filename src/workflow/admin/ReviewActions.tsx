'use client'

import { Button, ConfirmationModal, toast, useAuth, useDocumentInfo, useFormFields, useModal } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import { formatAdminDateTime } from '../../dates'
import { AUTHOR_ROLE, isReviewedCollection, previewPath, sitePath } from '../config'
import { REVIEW_STATE_LABELS, type ReviewState } from '../transitions'

type Me = { id: number | string; roles?: string[]; reviewLevel?: string | null }
type Hit = { word: string; field: string; context: string }

const LEVEL_OF: Partial<Record<ReviewState, number>> = { pendingFirst: 1, pendingSecond: 2, pendingFinal: 3 }
const LEVEL_NAMES: Record<number, string> = { 1: '初审', 2: '复审', 3: '终审' }
const FIELD_NAMES: Record<string, string> = { title: '标题', summary: '摘要', body: '正文' }
const HIGHLIGHT = 'sensitive-word'

/** The context of a hit with the word itself marked. */
const InContext = ({ hit }: { hit: Hit }) => {
  const i = hit.context.toLowerCase().indexOf(hit.word.toLowerCase())
  if (i < 0) return <>{hit.context}</>
  return (
    <>
      {hit.context.slice(0, i)}
      <mark>{hit.context.slice(i, i + hit.word.length)}</mark>
      {hit.context.slice(i + hit.word.length)}
    </>
  )
}

/**
 * Marks the words in the rich-text body in place (CSS Custom Highlight API: no change to the
 * editor's DOM or content) and scrolls to the first; returns how many were marked.
 */
const markInBody = (words: string[]): number => {
  const registry = (globalThis as unknown as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights
  const HighlightCtor = (globalThis as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight
  if (!registry || !HighlightCtor) return 0
  registry.delete(HIGHLIGHT)
  const needles = [...new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))]
  if (!needles.length) return 0
  const ranges: Range[] = []
  for (const root of document.querySelectorAll('[data-lexical-editor="true"]')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').toLowerCase()
      for (const needle of needles) {
        for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
          const range = document.createRange()
          range.setStart(node, i)
          range.setEnd(node, i + needle.length)
          ranges.push(range)
        }
      }
    }
  }
  if (ranges.length) {
    registry.set(HIGHLIGHT, new HighlightCtor(...ranges))
    ranges[0].startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' })
  }
  return ranges.length
}

/** The hits, each in its field and context with the word marked (once); the same list the author and reviewer see. */
const HitList = ({ hits }: { hits: Hit[] }) => (
  <ul className="review-actions__hits">
    {hits.map((h, i) => (
      <li key={i}>
        <strong>{FIELD_NAMES[h.field] ?? h.field}</strong>：<InContext hit={h} />
      </li>
    ))}
  </ul>
)

/**
 * The review actions for the person looking at the item: submit (authors), approve / return
 * (the reviewer of the waiting level), withdraw (final reviewers), a preview of the member page
 * and, once live, a link to it. The server decides again.
 */
export const ReviewActions = () => {
  const { id, collectionSlug, hasPublishedDoc } = useDocumentInfo()
  const { user } = useAuth<Me>()
  const { openModal } = useModal()
  const state = (useFormFields(([fields]) => fields.reviewState?.value) as ReviewState | undefined) ?? 'draft'
  const [reason, setReason] = useState('')
  const [publishAt, setPublishAt] = useState('')
  const [busy, setBusy] = useState(false)
  const [hits, setHits] = useState<Hit[]>([])
  const [error, setError] = useState('')
  // What a reviewer's override would let through, read before the button is offered.
  const [overridable, setOverridable] = useState<Hit[]>([])
  const [wordsOpen, setWordsOpen] = useState(true)

  const roles = user?.roles ?? []
  const level = roles.includes('reviewer') ? Number(user?.reviewLevel ?? 0) : 0
  const canOverrideState = level > 0 && (state === 'draft' || state === 'returned')
  const known = Boolean(id && collectionSlug && isReviewedCollection(collectionSlug) && user)

  useEffect(() => {
    if (!known || !canOverrideState) return
    let live = true
    fetch(`/api/${collectionSlug}/${id}/sensitive-check`, { credentials: 'include' })
      .then((r) => (r.ok ? r.json() : { hits: [] }))
      .then((json: { hits?: Hit[] }) => live && setOverridable(json.hits ?? []))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [known, canOverrideState, collectionSlug, id])

  const shown = hits.length ? hits : overridable
  useEffect(() => {
    markInBody(shown.filter((h) => h.field === 'body').map((h) => h.word))
  }, [shown])

  const act = useCallback(
    async (action: string, extra: Record<string, unknown> = {}) => {
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
          const found: Hit[] = first?.data?.hits ?? []
          setHits(found)
          // With hits, the list says it all; the server's sentence would repeat each one.
          setError(found.length ? '' : (first?.message ?? `操作失败（${res.status}）`))
          return
        }
        toast.success(
          `已完成：${REVIEW_STATE_LABELS[json.from as ReviewState]?.zh ?? ''} → ${REVIEW_STATE_LABELS[json.to as ReviewState]?.zh ?? ''}`,
        )
        window.location.reload()
      } finally {
        setBusy(false)
      }
    },
    [collectionSlug, id, reason],
  )

  if (!known || !isReviewedCollection(collectionSlug!)) return null
  const collection = collectionSlug
  const isAuthor = roles.includes(AUTHOR_ROLE[collection])
  const editable = ['draft', 'returned', 'published', 'withdrawn'].includes(state)
  const myLevel = LEVEL_OF[state] === level && level > 0
  const confirmSlug = `confirm-final-approval-${id}`
  const approveExtra = () => (publishAt ? { publishAt: new Date(publishAt).toISOString() } : {})

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
      <Button
        key="approve"
        buttonStyle="primary"
        size="medium"
        disabled={busy}
        onClick={() => (level === 3 ? openModal(confirmSlug) : act('approve'))}
      >
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
  // A reviewer pushes a submission past sensitive-word hits with a written reason, and only
  // with the words in front of them.
  const canOverride = canOverrideState && overridable.length > 0
  if (canOverride) {
    buttons.push(
      <Button
        key="override"
        buttonStyle="secondary"
        size="medium"
        disabled={busy}
        tooltip={overridable.map((h) => h.word).join('、')}
        onClick={() => act('submit', { sensitiveOverride: true })}
      >
        忽略以上 {overridable.length} 处敏感词并提交
      </Button>,
    )
  }

  const needsReason = myLevel || (level === 3 && (state === 'published' || state === 'scheduled')) || canOverride
  const whenText = publishAt ? `将于 ${formatAdminDateTime(publishAt)} 定时发布` : '将立即对学员发布'
  return (
    <div className="review-actions" style={{ position: 'relative', display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
      <style>{`::highlight(${HIGHLIGHT}) { background-color: #ffe082; color: #b71c1c; text-decoration: underline wavy #b71c1c; }
.review-actions__panel { position: absolute; top: calc(100% + 8px); right: 0; z-index: 30; width: min(560px, 90vw); max-height: 50vh; overflow: auto; padding: 12px 16px; border-radius: 4px; background: var(--theme-elevation-0); border: 1px solid var(--theme-error-400); box-shadow: 0 4px 16px rgba(0,0,0,.15); font-size: 13px; line-height: 1.6; }
.review-actions__panel--info { border-color: var(--theme-warning-400, #f0c36d); }
.review-actions__hits { margin: 6px 0 0; padding-left: 18px; }
.review-actions__hits mark { background: #ffe082; color: #b71c1c; padding: 0 2px; }`}</style>
      <a
        className="btn btn--style-secondary btn--size-medium"
        href={previewPath(collection, id!)}
        target="_blank"
        rel="noopener"
        style={{ margin: 0 }}
      >
        以学员视角预览
      </a>
      {hasPublishedDoc && (
        <a href={sitePath(collection, id!)} target="_blank" rel="noopener" data-testid="live-link">
          查看线上页面 ›
        </a>
      )}
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
      {hits.length > 0 && (
        <div role="alert" className="review-actions__panel">
          <strong>内容含有 {hits.length} 处敏感词，不能提交</strong>（正文中已标出）：
          <HitList hits={hits} />
          <p style={{ margin: '6px 0 0' }}>请修改后保存草稿再提交；确需保留的，请审核员核对后填写理由提交。</p>
          <Button buttonStyle="subtle" size="small" onClick={() => setHits([])}>
            关闭
          </Button>
        </div>
      )}
      {hits.length === 0 && canOverride && wordsOpen && (
        <div className="review-actions__panel review-actions__panel--info" data-testid="override-words">
          <strong>本稿含 {overridable.length} 处敏感词</strong>（正文中已标出），忽略提示提交前请逐一核对并填写理由：
          <HitList hits={overridable} />
          <Button buttonStyle="subtle" size="small" onClick={() => setWordsOpen(false)}>
            收起
          </Button>
        </div>
      )}
      {error && (
        <div role="alert" className="review-actions__panel">
          {error}{' '}
          <Button buttonStyle="subtle" size="small" onClick={() => setError('')}>
            关闭
          </Button>
        </div>
      )}
      {myLevel && level === 3 && (
        <ConfirmationModal
          modalSlug={confirmSlug}
          heading="确认终审通过"
          body={`终审通过后，这一版本${whenText}，学员随即可以看到。确定通过吗？`}
          confirmLabel={publishAt ? '确认定时发布' : '确认发布'}
          cancelLabel="再看看"
          onConfirm={() => act('approve', approveExtra())}
        />
      )}
    </div>
  )
}
