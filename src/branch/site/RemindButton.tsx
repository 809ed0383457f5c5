'use client'

import { useState } from 'react'

/**
 * 提醒 on the branch roster: sends the member a notification through POST /api/branch/remind and
 * shows the server's answer (the weekly limit is the server's, so its message is what the secretary reads).
 */
export const RemindButton = ({ memberId, memberName, blockedUntil }: { memberId: number; memberName: string; blockedUntil?: string }) => {
  const [message, setMessage] = useState(blockedUntil ? `本周已提醒，${blockedUntil} 后可再次提醒` : '')
  const [sent, setSent] = useState(Boolean(blockedUntil))
  const [busy, setBusy] = useState(false)

  const remind = async () => {
    setBusy(true)
    setMessage('')
    try {
      const res = await fetch('/api/branch/remind', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ member: memberId }),
      })
      const json = (await res.json().catch(() => ({}))) as { message?: string; errors?: Array<{ message?: string }> }
      if (res.ok) {
        setSent(true)
        setMessage(`${json.message ?? `已提醒${memberName}`}，对方会在消息通知中看到`)
      } else {
        if (res.status === 429) setSent(true)
        setMessage(json.errors?.[0]?.message ?? '提醒没有发出，请稍后再试')
      }
    } catch {
      setMessage('网络异常，提醒没有发出，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <span className="remind">
      <button
        type="button"
        className="button button--small button--ghost"
        disabled={busy || sent}
        onClick={() => void remind()}
        aria-label={`提醒${memberName}`}
      >
        提醒
      </button>
      {message ? (
        <span className="remind__status list__meta" role="status">
          {message}
        </span>
      ) : null}
    </span>
  )
}
