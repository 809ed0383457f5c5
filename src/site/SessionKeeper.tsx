'use client'

import { useEffect } from 'react'

/** Renew at most this often while the person is active; the token itself lives 30 minutes. */
const RENEW_AFTER_MS = 5 * 60_000
const EVENTS = ['pointerdown', 'keydown', 'scroll', 'touchstart', 'timeupdate']

/**
 * Keeps a working member signed in and lets an idle one go: activity (including a playing lesson)
 * renews the session token at most every 5 minutes; 30 minutes without any ends it on the server's
 * terms (等保: 登录连接超时自动退出). The server still caps every session at 12 hours.
 */
export const SessionKeeper = () => {
  useEffect(() => {
    let last = Date.now()
    let busy = false
    const onActivity = () => {
      if (busy || Date.now() - last < RENEW_AFTER_MS) return
      busy = true
      last = Date.now()
      void fetch('/api/users/refresh-token', { method: 'POST', credentials: 'include' })
        .then((res) => {
          // The session ended (12 hours, logout elsewhere, account disabled): back to the login page.
          // A full load on purpose: nothing of the ended session may stay in the client's state.
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination
          if (res.status === 401 || res.status === 403) window.location.href = `/login?next=${encodeURIComponent(window.location.pathname)}`
        })
        .catch(() => undefined)
        .finally(() => (busy = false))
    }
    // Capture: media events do not bubble.
    for (const e of EVENTS) document.addEventListener(e, onActivity, { capture: true, passive: true })
    return () => {
      for (const e of EVENTS) document.removeEventListener(e, onActivity, { capture: true })
    }
  }, [])
  return null
}
