import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import React from 'react'

import { getSiteUser, safeNextPath } from '../../../site/auth'
import { LoginForm } from '../../../site/LoginForm'

export const metadata: Metadata = { title: '登录' }

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next)
  if (await getSiteUser()) redirect(next)
  return (
    <div className="container container--narrow">
      <div className="page-title">
        <h1>登录</h1>
        <p className="lead">使用学校分配的邮箱和密码登录，学习课程、参加答题、查看学时。</p>
      </div>
      <div className="card">
        <LoginForm next={next} />
      </div>
      <p className="muted small">忘记密码请联系所在党支部或系统管理员重置。</p>
    </div>
  )
}
