'use client'

import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

/** 退出登录: ends the session on the server, then back to the landing page. */
export function LogoutButton() {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const logout = async () => {
    setBusy(true)
    try {
      await fetch('/api/users/logout', { method: 'POST', credentials: 'include', headers: { 'Accept-Language': 'zh' } })
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
