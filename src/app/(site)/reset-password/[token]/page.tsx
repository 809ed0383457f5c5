import type { Metadata } from 'next'
import React from 'react'

import { SetPasswordForm } from '../../../../site/islands'

export const metadata: Metadata = { title: '设置密码', referrer: 'no-referrer' }

/** 设置密码: where the invitation and reset e-mails link (src/mail/auth.ts); the token is checked when the form is sent. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  return (
    <div className="container container--narrow">
      <div className="page-title">
        <h1>设置密码</h1>
        <p className="lead">为你的平台账号设置新密码。链接 1 小时内有效，只能使用一次。</p>
      </div>
      <div className="card">
        <SetPasswordForm token={token} />
      </div>
      <p className="muted small">
        链接已过期？<a href="/forgot-password">重新找回密码</a>
      </p>
    </div>
  )
}
