'use client'

import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { NewPasswordFields, type Outcome, Result } from './PasswordForms'

type Theme = { id: number; name: string }
type Props = {
  userId: number | string
  email: string
  phone: string
  pendingEmail: string | null
  pendingEmailExpires: string | null
  notificationEmail: string
  interests: number[]
  themes: Theme[]
}

/** The most specific Chinese message of a Payload answer: a field's own message before the summary. */
const messageOf = (body: unknown, fallback: string): string => {
  const errors = (body as { errors?: Array<{ message?: string; data?: { errors?: Array<{ message?: string }> } }> } | null)?.errors
  const field = errors?.[0]?.data?.errors?.[0]?.message
  return field || errors?.[0]?.message || fallback
}

const send = async (method: 'PATCH' | 'POST', url: string, data?: unknown): Promise<{ ok: boolean; body: unknown }> => {
  try {
    const res = await fetch(url, {
      method,
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh' },
      body: data === undefined ? undefined : JSON.stringify(data),
    })
    return { ok: res.ok, body: await res.json().catch(() => null) }
  } catch {
    return { ok: false, body: { errors: [{ message: '网络连接失败，请检查网络后重试' }] } }
  }
}

/** 通知邮件 choices (src/mail/notifications.ts), as a member reads them. */
const MAIL_CHOICES = [
  { value: 'instant', label: '即时', hint: '每条消息通知产生时发一封邮件' },
  { value: 'digest', label: '每日汇总', hint: '每天早上 7:30 把前一天起的新通知汇成一封邮件（没有新通知则不发）' },
  { value: 'none', label: '不发送', hint: '只在平台的“消息”里查看' },
]

/** 账号设置: password, phone, e-mail (confirmed through a link to the new address), 通知邮件 and 关注专题. */
export function AccountSettings({ userId, email, phone, pendingEmail, pendingEmailExpires, notificationEmail, interests, themes }: Props) {
  const router = useRouter()
  const url = `/api/users/${userId}`
  const [busy, setBusy] = useState<string | null>(null)
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({})
  const done = (key: string, outcome: Outcome) => setOutcomes((o) => ({ ...o, [key]: outcome }))

  const submit =
    (key: string, work: (form: FormData, el: HTMLFormElement) => Promise<Outcome>) => async (event: React.FormEvent<HTMLFormElement>) => {
      event.preventDefault()
      const el = event.currentTarget
      setBusy(key)
      done(key, null)
      const outcome = await work(new FormData(el), el)
      done(key, outcome)
      setBusy(null)
      if (outcome?.ok) router.refresh()
    }

  const changePassword = submit('password', async (form, el) => {
    const next = String(form.get('newPassword') ?? '')
    if (next !== String(form.get('confirmPassword') ?? '')) return { ok: false, message: '两次输入的新密码不一致' }
    const res = await send('PATCH', url, { password: next, currentPassword: String(form.get('currentPassword') ?? '') })
    if (!res.ok) return { ok: false, message: messageOf(res.body, '密码未能修改，请稍后再试') }
    el.reset()
    return { ok: true, message: '密码已修改：下次登录请使用新密码，其他设备上的登录已退出' }
  })

  const changePhone = submit('phone', async (form) => {
    const value = String(form.get('phone') ?? '').trim()
    const res = await send('PATCH', url, { phone: value || null })
    if (!res.ok) return { ok: false, message: messageOf(res.body, '手机号未能保存，请稍后再试') }
    return { ok: true, message: value ? '手机号已保存' : '手机号已清除' }
  })

  const changeEmail = submit('email', async (form, el) => {
    const value = String(form.get('newEmail') ?? '').trim()
    if (!value) return { ok: false, message: '请输入新邮箱' }
    if (value.toLowerCase() === email.toLowerCase()) return { ok: false, message: '新邮箱与当前邮箱相同' }
    const res = await send('PATCH', url, { email: value, currentPassword: String(form.get('emailPassword') ?? '') })
    if (!res.ok) return { ok: false, message: messageOf(res.body, '邮箱未能更换，请稍后再试') }
    el.reset()
    return { ok: true, message: `确认链接已发往 ${value}：24 小时内打开链接后新邮箱才生效，在此之前仍用原邮箱登录` }
  })

  const cancelEmail = async () => {
    setBusy('email')
    const res = await send('POST', '/api/users/cancel-email-change')
    done(
      'email',
      res.ok ? { ok: true, message: '已撤回更换邮箱的申请' } : { ok: false, message: messageOf(res.body, '撤回失败，请稍后再试') },
    )
    setBusy(null)
    if (res.ok) router.refresh()
  }

  const saveMail = submit('mail', async (form) => {
    const value = String(form.get('notificationEmail') ?? '')
    const res = await send('PATCH', url, { notificationEmail: value })
    if (!res.ok) return { ok: false, message: messageOf(res.body, '通知邮件设置未能保存，请稍后再试') }
    const label = MAIL_CHOICES.find((c) => c.value === value)?.label ?? value
    return { ok: true, message: `通知邮件已设为“${label}”` }
  })

  const saveThemes = submit('themes', async (form) => {
    const chosen = form.getAll('interests').map((v) => Number(v))
    const res = await send('PATCH', url, { interests: chosen })
    if (!res.ok) return { ok: false, message: messageOf(res.body, '关注专题未能保存，请稍后再试') }
    return { ok: true, message: chosen.length ? `已关注 ${chosen.length} 个专题，首页的“为你推荐”将优先推荐这些专题` : '已取消全部关注' }
  })

  return (
    <div className="settings">
      <section className="card" aria-labelledby="settings-password">
        <h2 id="settings-password" className="card__title">
          修改密码
        </h2>
        <form className="form" onSubmit={changePassword}>
          <div className="field">
            <label htmlFor="current-password">当前密码</label>
            <input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required />
          </div>
          <NewPasswordFields id="new-password" name="newPassword" confirmName="confirmPassword" />
          <Result outcome={outcomes.password ?? null} />
          <button type="submit" className="button" disabled={busy === 'password'}>
            {busy === 'password' ? '正在保存…' : '修改密码'}
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby="settings-phone">
        <h2 id="settings-phone" className="card__title">
          手机号
        </h2>
        <form className="form" onSubmit={changePhone}>
          <div className="field">
            <label htmlFor="phone">手机号</label>
            <input
              id="phone"
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              defaultValue={phone}
              maxLength={20}
              aria-describedby="phone-hint"
            />
            <p id="phone-hint" className="field__hint">
              仅本人、所在党支部书记和系统管理员可见完整号码，加密保存
            </p>
          </div>
          <Result outcome={outcomes.phone ?? null} />
          <button type="submit" className="button" disabled={busy === 'phone'}>
            保存手机号
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby="settings-email">
        <h2 id="settings-email" className="card__title">
          登录邮箱
        </h2>
        <p>
          当前邮箱：<strong data-testid="current-email">{email}</strong>
        </p>
        {pendingEmail ? (
          <div className="pending" data-testid="pending-email">
            <p>
              待确认的新邮箱：<strong>{pendingEmail}</strong>
              {pendingEmailExpires ? `（确认链接有效至 ${pendingEmailExpires}）` : ''}。请打开发到该邮箱的链接完成更换。
            </p>
            <button type="button" className="button button--small button--ghost" onClick={cancelEmail} disabled={busy === 'email'}>
              撤回更换
            </button>
          </div>
        ) : null}
        <form className="form" onSubmit={changeEmail}>
          <div className="field">
            <label htmlFor="new-email">新邮箱</label>
            <input id="new-email" name="newEmail" type="email" inputMode="email" autoComplete="email" required maxLength={254} />
          </div>
          <div className="field">
            <label htmlFor="email-password">当前密码</label>
            <input id="email-password" name="emailPassword" type="password" autoComplete="current-password" required />
            <p className="field__hint">更换邮箱需要验证当前密码；确认链接发往新邮箱，原邮箱会收到提醒</p>
          </div>
          <Result outcome={outcomes.email ?? null} />
          <button type="submit" className="button" disabled={busy === 'email'}>
            发送确认链接
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby="settings-mail">
        <h2 id="settings-mail" className="card__title">
          通知邮件
        </h2>
        <form className="form" onSubmit={saveMail}>
          <fieldset className="mail-choices">
            <legend>消息通知（学时预警、审核、会议等）是否同时发到 {email}</legend>
            {MAIL_CHOICES.map((c) => (
              <label key={c.value} className="choice">
                <input type="radio" name="notificationEmail" value={c.value} defaultChecked={notificationEmail === c.value} /> {c.label}
                <span className="field__hint"> {c.hint}</span>
              </label>
            ))}
          </fieldset>
          <Result outcome={outcomes.mail ?? null} />
          <button type="submit" className="button" disabled={busy === 'mail'}>
            保存通知邮件设置
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby="settings-themes">
        <h2 id="settings-themes" className="card__title">
          关注专题
        </h2>
        <form className="form" onSubmit={saveThemes}>
          <fieldset className="themes-picker">
            <legend>选择你关注的学习专题（首页“为你推荐”会优先推荐）</legend>
            {themes.map((t) => (
              <label key={t.id}>
                <input type="checkbox" name="interests" value={t.id} defaultChecked={interests.includes(t.id)} />
                {t.name}
              </label>
            ))}
          </fieldset>
          <Result outcome={outcomes.themes ?? null} />
          <button type="submit" className="button" disabled={busy === 'themes'}>
            保存关注专题
          </button>
        </form>
      </section>
    </div>
  )
}
