'use client'

import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

/**
 * 退出登录: ends the session on the server, then back to the landing page, or, for a session opened by
 * the campus sign-on, on to the campus's own logout so that ends too (src/signon/endpoints.ts).
 */
export function LogoutButton() {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const logout = async () => {
    setBusy(true)
    try {
      const res = await fetch('/api/users/signon/logout', { method: 'POST', credentials: 'include', headers: { 'Accept-Language': 'zh' } })
      const campus = ((await res.json().catch(() => null)) as { redirect?: string | null } | null)?.redirect
      if (campus && /^https?:\/\//.test(campus)) {
        window.location.assign(campus)
        return
      }
    } catch {
      // Even offline, leave: the page reloads as a visitor once the cookie is gone or expired.
    }
    router.push('/')
    router.refresh()
  }
  return (
    <button type="button" className="link-button" onClick={logout} disabled={busy}>
      {busy ? '正在退出…' : '退出'}
    </button>
  )
}
