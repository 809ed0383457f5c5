import type { Metadata } from 'next'
import React from 'react'

import { ForgotPasswordForm } from '../../../site/islands'

export const metadata: Metadata = { title: '找回密码' }

/** 找回密码: a reset link to the account's e-mail. */
export default function ForgotPasswordPage() {
  return (
    <div className="container container--narrow">
      <div className="page-title">
        <h1>找回密码</h1>
        <p className="lead">输入登录邮箱，我们会把重置密码的链接发到这个邮箱。</p>
      </div>
      <div className="card">
        <ForgotPasswordForm />
      </div>
      <p className="muted small">
        使用统一身份认证登录的账号请在学校统一身份认证平台找回密码。<a href="/login">返回登录</a>
      </p>
    </div>
  )
}
