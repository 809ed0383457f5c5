'use client'

import { useEffect } from 'react'

/** PATCH a notification read; `keepalive` so it survives the navigation the click starts. */
export const markNotificationRead = (id: string | number, keepalive = false) =>
  fetch(`/api/notifications/${id}?depth=0`, {
    method: 'PATCH',
    credentials: 'include',
    keepalive,
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh' },
    body: JSON.stringify({ readAt: new Date().toISOString() }),
  })

/** Records a recommended item's click (POST /r) with a beacon, which survives the navigation. */
const recordRecommendation = (a: HTMLElement) => {
  const data = new URLSearchParams({ c: a.dataset.recCollection ?? '', id: a.dataset.recItem ?? '', p: a.dataset.recPosition ?? '' })
  // A form-encoded beacon is a simple request: no preflight, sent with the session cookie.
  if (typeof navigator.sendBeacon !== 'function' || !navigator.sendBeacon('/r', data)) {
    void fetch('/r', { method: 'POST', body: data, credentials: 'include', keepalive: true }).catch(() => undefined)
  }
}

/**
 * What a click on a server-rendered link also does, without making the link an island of its own:
 * a recommended item's card (`data-rec-*`, src/site/RecommendationLink.tsx) is recorded, and an
 * unread notification's 去处理 (`data-mark-read`, src/cockpit/site/NotificationLink.tsx) is marked
 * read. One listener on the document for the whole page.
 */
export const LinkBeacons = () => {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const a = (event.target as Element | null)?.closest?.('a[data-rec-item], a[data-mark-read]')
      if (!(a instanceof HTMLElement)) return
      if (a.dataset.recItem) recordRecommendation(a)
      if (a.dataset.markRead) void markNotificationRead(a.dataset.markRead, true).catch(() => undefined)
    }
    // Capture, so it runs before the browser starts following the link.
    document.addEventListener('click', onClick, { capture: true })
    return () => document.removeEventListener('click', onClick, { capture: true })
  }, [])
  return null
}
