import type { Metadata } from 'next'
import React from 'react'

import { idOf } from '../../../../access/roles'
import { AccountSettings } from '../../../../site/islands'
import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatDateTime } from '../../../../site/content'
import { allThemes } from '../../../../content/themes'
import { PageTitle } from '../../../../site/ui'

export const metadata: Metadata = { title: '账号设置' }

/**
 * 我的 → 账号设置: the self-service fields of one's own account (members cannot open the admin).
 * Read as the person, so it shows exactly what they may see of themselves; every change goes
 * through PATCH /api/users/:id and its checks (current password, e-mail confirmation: src/auth/credentials.ts).
 */
export default async function SettingsPage() {
  const user = await requireUser('/me/settings')
  const payload = await getSitePayload()
  const [me, themes] = await Promise.all([
    payload.findByID({ collection: 'users', id: user.id, user, overrideAccess: false, depth: 0 }),
    allThemes(payload),
  ])
  const m = me as unknown as {
    email: string
    phone?: string | null
    pendingEmail?: string | null
    pendingEmailExpiresAt?: string | null
    interests?: unknown[] | null
    notificationEmail?: string | null
  }
  return (
    <div className="container container--narrow">
      <PageTitle
        title="账号设置"
        lead="修改密码、手机号、登录邮箱、通知邮件和关注的学习专题。姓名、学号、所在组织和政治面貌由党组织维护，如有错误请联系所在党支部。"
      />
      <AccountSettings
        userId={user.id}
        email={m.email}
        phone={m.phone ?? ''}
        pendingEmail={m.pendingEmail ?? null}
        pendingEmailExpires={m.pendingEmailExpiresAt ? formatDateTime(m.pendingEmailExpiresAt) : null}
        notificationEmail={m.notificationEmail ?? 'digest'}
        interests={(m.interests ?? []).map((t) => Number(idOf(t))).filter((n) => Number.isFinite(n))}
        themes={themes.map((t) => ({ id: t.id, name: t.name }))}
      />
    </div>
  )
}
