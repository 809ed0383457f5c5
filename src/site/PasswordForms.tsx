'use client'

import React, { useState } from 'react'

import { messageOf, postJSON } from './clientUtil'

export type Outcome = { ok: boolean; message: string } | null

/** A form's outcome line: a status when it worked, an alert when not. */
export function Result({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null
  return (
    <p className={outcome.ok ? 'form__ok' : 'form__error'} role={outcome.ok ? 'status' : 'alert'}>
      {outcome.message}
    </p>
  )
}

/**
 * 找回密码: the same answer whether or not the address has an account (no one learns who is
 * registered); the link itself arrives by mail through the jobs queue (src/mail/auth.ts).
 */
export function ForgotPasswordForm() {
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim()
    setBusy(true)
    setOutcome(null)
    try {
      const res = await postJSON('/api/users/forgot-password', { email })
      setOutcome(
        res.ok
          ? {
              ok: true,
              message: `如果 ${email} 是平台账号的登录邮箱，重置密码的链接已发往该邮箱，1 小时内有效。没有收到请查看垃圾邮件，或联系所在党支部。`,
            }
          : { ok: false, message: messageOf(res.body, res.status === 429 ? '请求过于频繁，请稍后再试' : '未能发送重置链接，请稍后再试') },
      )
    } catch {
      setOutcome({ ok: false, message: '网络连接失败，请检查网络后重试' })
    }
    setBusy(false)
  }
  return (
    <form className="form" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="forgot-email">登录邮箱</label>
        <input id="forgot-email" name="email" type="email" autoComplete="email" required />
      </div>
      <button className="button button--primary button--block" type="submit" disabled={busy}>
        {busy ? '正在发送……' : '发送重置链接'}
      </button>
      <Result outcome={outcome} />
    </form>
  )
}

/** The new password twice, with the rules the server applies (src/auth/passwordPolicy). */
export function NewPasswordFields({ id, name, confirmName }: { id: string; name: string; confirmName: string }) {
  return (
    <>
      <div className="field">
        <label htmlFor={id}>新密码</label>
        <input id={id} name={name} type="password" autoComplete="new-password" required minLength={8} aria-describedby={`${id}-hint`} />
        <p id={`${id}-hint`} className="field__hint">
          至少 8 位，包含大写字母、小写字母、数字、符号中的三类，不能含账号名，不能是常见密码
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>再次输入新密码</label>
        <input id={`${id}-confirm`} name={confirmName} type="password" autoComplete="new-password" required minLength={8} />
      </div>
    </>
  )
}

/**
 * 设置密码 from a reset or invitation link: the new password twice; the server checks the password
 * rules and signs the person in, then members go to 我的 and staff to the admin.
 */
export function SetPasswordForm({ token }: { token: string }) {
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const password = String(form.get('password') ?? '')
    if (password !== String(form.get('confirm') ?? '')) return setOutcome({ ok: false, message: '两次输入的密码不一致' })
    setBusy(true)
    setOutcome(null)
    try {
      const res = await postJSON<{ user?: { roles?: string[] } }>('/api/users/reset-password', { token, password })
      if (res.ok) {
        setOutcome({ ok: true, message: '密码已设置，正在进入平台……' })
        const staff = (res.body?.user?.roles ?? []).some((r) => r !== 'member')
        window.location.assign(staff ? '/admin' : '/me')
        return
      }
      setOutcome({
        ok: false,
        message: messageOf(res.body, res.status === 403 ? '链接无效或已过期，请重新找回密码' : '密码未能设置，请稍后再试'),
      })
    } catch {
      setOutcome({ ok: false, message: '网络连接失败，请检查网络后重试' })
    }
    setBusy(false)
  }
  return (
    <form className="form" onSubmit={onSubmit}>
      <NewPasswordFields id="set-password" name="password" confirmName="confirm" />
      <button className="button button--primary button--block" type="submit" disabled={busy}>
        {busy ? '正在设置……' : '设置密码并登录'}
      </button>
      <Result outcome={outcome} />
    </form>
  )
}
