'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import React from 'react'

type Tab = { href: string; label: string; match: (path: string) => boolean; icon: React.ReactNode }

const icon = (d: string) => (
  <svg
    aria-hidden="true"
    focusable="false"
    viewBox="0 0 24 24"
    width="24"
    height="24"
    fill="none"
    stroke="currentColor"
    strokeWidth="2"
    strokeLinecap="round"
    strokeLinejoin="round"
  >
    <path d={d} />
  </svg>
)

const TABS: Tab[] = [
  { href: '/', label: '首页', match: (p) => p === '/' || p.startsWith('/news'), icon: icon('M3 11l9-8 9 8M5 10v10h5v-6h4v6h5V10') },
  {
    href: '/courses',
    label: '课程',
    match: (p) => p.startsWith('/courses') || p.startsWith('/lessons'),
    icon: icon('M4 5h7a3 3 0 013 3v12a2 2 0 00-2-2H4zM20 5h-7a3 3 0 00-3 3v12a2 2 0 012-2h8z'),
  },
  {
    href: '/quizzes',
    label: '答题',
    match: (p) => p.startsWith('/quizzes'),
    icon: icon('M9 11l3 3 8-8M20 12v7a2 2 0 01-2 2H6a2 2 0 01-2-2V5a2 2 0 012-2h9'),
  },
  {
    href: '/resources',
    label: '资源',
    match: (p) => p.startsWith('/resources'),
    icon: icon('M12 2l2.9 6.3 6.9.7-5.2 4.6 1.5 6.8L12 17l-6.1 3.4 1.5-6.8L2.2 9l6.9-.7z'),
  },
  { href: '/me', label: '我的', match: (p) => p.startsWith('/me'), icon: icon('M12 12a4 4 0 100-8 4 4 0 000 8zM4 21a8 8 0 0116 0') },
]

/** 支部 (branch secretaries and Party committee staff): their branch's study record. */
const BRANCH_TAB: Tab = {
  href: '/branch',
  label: '支部',
  match: (p) => p.startsWith('/branch'),
  icon: icon('M17 20v-2a4 4 0 00-4-4H7a4 4 0 00-4 4v2M10 10a4 4 0 100-8 4 4 0 000 8zM21 20v-2a4 4 0 00-3-3.9M16 2.1a4 4 0 010 7.8'),
}

/**
 * 首页 / 课程 / 答题 / 资源 / 我的 (and 支部 for those who lead one): a bottom tab bar on phones,
 * a top nav on wide screens (CSS).
 */
export function NavLinks({ showBranch = false }: { showBranch?: boolean }) {
  const pathname = usePathname() ?? '/'
  const tabs = showBranch ? [...TABS, BRANCH_TAB] : TABS
  return (
    <nav className="tabbar" aria-label="主导航">
      <ul data-tabs={tabs.length}>
        {tabs.map((tab) => {
          const current = tab.match(pathname)
          return (
            <li key={tab.href}>
              <Link href={tab.href} aria-current={current ? 'page' : undefined}>
                {tab.icon}
                <span>{tab.label}</span>
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
