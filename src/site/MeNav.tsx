'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import React from 'react'

/** The sections of 我的, each its own page (issue 14: one 9,700-pixel page before). */
export const ME_SECTIONS = [
  { href: '/me', label: '概览', exact: true },
  { href: '/me/history', label: '学习记录' },
  { href: '/me/points', label: '学习积分' },
  { href: '/me/quizzes', label: '答题成绩' },
  { href: '/me/certificates', label: '结业证书' },
  { href: '/me/archive', label: '学习档案' },
  { href: '/me/settings', label: '账号设置' },
  { href: '/me/feedback', label: '意见反馈' },
  { href: '/me/privacy', label: '个人信息' },
] as const

/** A row of section tabs under 我的, scrolled sideways on phones; the current one marked. */
export function MeNav() {
  const pathname = usePathname() ?? '/me'
  return (
    <nav className="me-nav no-print" aria-label="我的">
      <ul>
        {ME_SECTIONS.map((s) => {
          const current = 'exact' in s && s.exact ? pathname === s.href : pathname === s.href || pathname.startsWith(`${s.href}/`)
          return (
            <li key={s.href}>
              <Link href={s.href} aria-current={current ? 'page' : undefined}>
                {s.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
