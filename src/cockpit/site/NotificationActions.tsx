'use client'

import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { errorMessage } from '../../site/clientUtil'

const markRead = (url: string) =>
  fetch(url, {
    method: 'PATCH',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh' },
    body: JSON.stringify({ readAt: new Date().toISOString() }),
  })

/** A button that marks notifications read (PATCH `url`); the page and the header's count refresh after. */
function MarkRead({ url, className, children }: { url: string; className: string; children: React.ReactNode }) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={busy}
        onClick={async () => {
          setBusy(true)
          setError(null)
          const res = await markRead(url).catch(() => null)
          if (!res?.ok) {
            setError(errorMessage(await res?.json().catch(() => null)) ?? '操作失败，请稍后再试')
            setBusy(false)
            return
          }
          setBusy(false)
          router.refresh()
        }}
      >
        {children}
      </button>
      {error ? (
        <span role="alert" className="form__error">
          {' '}
          {error}
        </span>
      ) : null}
    </>
  )
}

/** 标记已读 for one notification. */
export const MarkReadButton = ({ id }: { id: number }) => (
  <MarkRead url={`/api/notifications/${id}?depth=0`} className="link-button">
    标记已读
  </MarkRead>
)

/** 全部标为已读: every unread notification of the signed-in person at once. */
export const MarkAllReadButton = () => (
  <MarkRead url="/api/notifications?where[readAt][exists]=false&depth=0" className="button button--small button--ghost">
    全部标为已读
  </MarkRead>
)
