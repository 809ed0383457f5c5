'use client'

import { useRouter } from 'next/navigation'
import React, { useState, useSyncExternalStore } from 'react'

import { safeNextPath } from '../http/safeNext'

/** Nothing to subscribe to: whether the page is hydrated changes only from the server's render to the browser's. */
const noSubscription = () => () => {}

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s)

/** The server's message when it is Chinese (it is, with Accept-Language: zh); otherwise one by status. */
const messageFor = (status: number, body: unknown): string => {
  const message =
    (body as { errors?: Array<{ message?: string }> } | null)?.errors?.[0]?.message ?? (body as { message?: string } | null)?.message
  if (message && hasChinese(message)) return message
  if (status === 401) return '邮箱或密码不正确。'
  if (status === 403) return '该账号无法登录，请联系系统管理员。'
  if (status === 423 || status === 429) return '登录失败次数过多，账号已暂时锁定，请稍后再试。'
  if (status >= 500) return '服务器暂时无法登录，请稍后再试。'
  return message ? `登录失败：${message}` : '登录失败，请稍后再试。'
}

/** 登录: posts to Payload's login endpoint; the session cookie it sets is what the site reads. */
export function LoginForm({ next }: { next: string }) {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // Until the page is interactive the button stays disabled: a native submit would put the password in the URL.
  // False in the server's HTML and while hydrating, true once React runs the page in the browser.
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
  // Second factor: asked for when the server says the account has one, or must bind one now.
  const [needsCode, setNeedsCode] = useState(false)
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null)

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setBusy(true)
    setError(null)
    try {
      const res = await fetch('/api/users/login', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh' },
        body: JSON.stringify({
          email: String(form.get('email') ?? '').trim(),
          password: String(form.get('password') ?? ''),
          ...(form.get('totp') ? { totp: String(form.get('totp')).trim() } : {}),
        }),
      })
      const body = await res.json().catch(() => null)
      if (!res.ok) {
        // The second factor is announced at the top level of the answer (src/auth/loginErrors.ts),
        // which the production build keeps; Payload's errors[].data it does not.
        const signal = body as { secondFactor?: 'code' | 'enrol'; totpSetup?: { secret: string; uri: string } } | null
        if (signal?.secondFactor) setNeedsCode(true)
        if (signal?.secondFactor === 'enrol' && signal.totpSetup) setSetup(signal.totpSetup)
        setError(messageFor(res.status, body))
        setBusy(false)
        return
      }
      // Checked again here, against this page's own origin: only a path on this site.
      const target = safeNextPath(next)
      router.push(new URL(target, window.location.origin).origin === window.location.origin ? target : '/')
      router.refresh()
    } catch {
      setError('网络连接失败，请检查网络后重试。')
      setBusy(false)
    }
  }

  return (
    <form className="form" method="post" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="login-email">邮箱</label>
        <input id="login-email" name="email" type="email" autoComplete="username" inputMode="email" required />
      </div>
      <div className="field">
        <label htmlFor="login-password">密码</label>
        <input id="login-password" name="password" type="password" autoComplete="current-password" required />
      </div>
      {setup ? (
        <div className="field">
          <p>在验证器中添加账号（手动输入密钥）：</p>
          <p>
            <code style={{ wordBreak: 'break-all' }}>{setup.secret}</code>
          </p>
          <p className="muted" style={{ wordBreak: 'break-all' }}>
            {setup.uri}
          </p>
        </div>
      ) : null}
      {needsCode ? (
        <div className="field">
          <label htmlFor="login-totp">动态口令（验证器中的 6 位数字）</label>
          <input id="login-totp" name="totp" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
        </div>
      ) : null}
      {error ? (
        <p className="form__error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button--block" disabled={busy || !ready}>
        {busy ? '正在登录…' : '登录'}
      </button>
    </form>
  )
}
