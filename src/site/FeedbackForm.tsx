'use client'

import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { messageOf } from './clientUtil'

type Option = { value: string; label: string }

/** 意见反馈: a message, its kind, the part of the platform and (optionally) the page it is about. */
export function FeedbackForm({ kinds, areas, pageLink }: { kinds: Option[]; areas: Option[]; pageLink: string }) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null)

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const el = event.currentTarget
    const form = new FormData(el)
    setBusy(true)
    setOutcome(null)
    try {
      const res = await fetch('/api/feedback', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh' },
        body: JSON.stringify({
          kind: form.get('kind'),
          ...(form.get('area') ? { area: form.get('area') } : {}),
          message: String(form.get('message') ?? ''),
          pageLink: String(form.get('pageLink') ?? '').trim() || null,
        }),
      })
      const body = await res.json().catch(() => null)
      if (!res.ok) {
        setOutcome({ ok: false, message: messageOf(body, '提交失败，请稍后再试') })
      } else {
        el.reset()
        setOutcome({ ok: true, message: '已提交：负责的工作人员答复后，你会在“消息”中收到通知' })
        router.refresh()
      }
    } catch {
      setOutcome({ ok: false, message: '网络连接失败，请检查网络后重试' })
    }
    setBusy(false)
  }

  return (
    <form className="form feedback-form card" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="feedback-kind">类型</label>
        <select id="feedback-kind" name="kind" defaultValue="suggestion">
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="feedback-area">涉及方面</label>
        <select id="feedback-area" name="area" defaultValue="">
          <option value="">按相关页面判断</option>
          {areas.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="feedback-message">意见或建议</label>
        <textarea id="feedback-message" name="message" rows={5} maxLength={2000} required />
      </div>
      <div className="field">
        <label htmlFor="feedback-page">相关页面（可不填）</label>
        <input id="feedback-page" name="pageLink" defaultValue={pageLink} maxLength={500} placeholder="例如 /news/12" />
      </div>
      {outcome ? (
        <p className={outcome.ok ? 'form__ok' : 'form__error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.message}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {busy ? '正在提交…' : '提交'}
      </button>
    </form>
  )
}
