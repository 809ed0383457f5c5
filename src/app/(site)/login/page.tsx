import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import React from 'react'

import { signOnSettings } from '../../../signon/settings'
import { getSiteUser, safeNextPath } from '../../../site/auth'
import { LoginForm } from '../../../site/islands'

export const metadata: Metadata = { title: '登录' }

/** Why a visitor was sent here: what the page they tapped needs an account for (by its path). */
const PURPOSES: Array<[RegExp, string]> = [
  [/^\/(courses|lessons)(\/|$)/, '学习课程和微党课'],
  [/^\/quizzes(\/|$)/, '参加答题'],
  [/^\/me\/feedback(\/|$|\?)/, '提交意见反馈'],
  [/^\/(me|notifications)(\/|$)/, '查看你的学时、积分和消息'],
  [/^\/branch(\/|$)/, '查看支部的学习情况'],
]
const purposeOf = (next: string) => PURPOSES.find(([pattern]) => pattern.test(next))?.[1] ?? null

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next)
  if (await getSiteUser()) redirect(next)
  // 统一身份认证 (src/signon): offered first when the campus provider is configured.
  const settings = signOnSettings()
  const campus = settings.oidc ? 'oidc' : settings.cas ? 'cas' : null
  return (
    <div className="container container--narrow">
      <div className="page-title">
        <h1>登录</h1>
        <p className="lead">使用学校分配的邮箱和密码登录，学习课程、参加答题、查看学时。</p>
      </div>
      {next !== '/' ? (
        <p className="hint" role="status" data-testid="login-reason">
          {purposeOf(next) ? `${purposeOf(next)}需要先登录。` : '这个页面需要先登录。'}登录后将回到你刚才要去的页面。
        </p>
      ) : null}
      {campus ? (
        <p>
          <a
            className="button button--primary button--block"
            data-testid="signon"
            href={`/api/users/signon/${campus}?next=${encodeURIComponent(next)}`}
          >
            统一身份认证登录
          </a>
        </p>
      ) : null}
      <div className="card">
        {campus ? <p className="muted small">或使用平台账号和密码登录：</p> : null}
        <LoginForm next={next} />
      </div>
      <p className="muted small">
        <a href="/forgot-password" data-testid="forgot-password">
          忘记密码？
        </a>
        用登录邮箱找回；没有登录邮箱的请联系所在党支部或系统管理员重置。
      </p>
    </div>
  )
}
