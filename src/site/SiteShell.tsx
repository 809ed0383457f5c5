import type { Metadata, Viewport } from 'next'
import Link from 'next/link'
import React from 'react'

import { PRODUCT_NAME } from '../brand'
import { NotificationBell } from '../cockpit/site/NotificationBell'
import { mayUseCockpit, unreadNotifications } from '../cockpit/site/server'
import { getSitePayload, getSiteUser, isStaff, nameOf } from './auth'
import { FeedbackLink, LinkBeacons, LogoutButton, NavLinks, SessionKeeper } from './islands'
import { PreviewBanner } from './PreviewBanner'
import { SearchBox } from './SearchBox'
import { Brand } from './ui'

export const siteMetadata: Metadata = {
  title: { default: PRODUCT_NAME, template: `%s - ${PRODUCT_NAME}` },
  description: `${PRODUCT_NAME}：高校党建新闻、红色资源、课程与学时管理`,
  icons: [{ rel: 'icon', url: '/favicon.svg', type: 'image/svg+xml' }],
}

export const siteViewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#b71c1c' }

/**
 * The member site's document: header, navigation, account and footer around a page. Its stylesheets
 * are imported by the app's layout (src/app/(site)/layout.tsx), so the app server's own renderer
 * (src/site/lean) can render it too.
 */
export async function SiteShell({ children }: { children: React.ReactNode }) {
  const user = await getSiteUser()
  const unread = user ? await unreadNotifications(await getSitePayload(), user) : 0
  return (
    <html lang="zh-CN">
      <body>
        {user ? (
          <>
            <SessionKeeper />
            <LinkBeacons />
          </>
        ) : null}
        <a className="skip-link" href="#main">
          跳到主要内容
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Brand />
            <NavLinks showBranch={mayUseCockpit(user)} />
            <SearchBox header />
            <div className="account">
              {user ? (
                <>
                  <NotificationBell unread={unread} />
                  <span className="account__name">{nameOf(user)}</span>
                  {isStaff(user) ? (
                    <a href="/admin" className="account__admin">
                      管理后台
                    </a>
                  ) : null}
                  <LogoutButton />
                </>
              ) : (
                <Link href="/login" className="account__login">
                  登录
                </Link>
              )}
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="site-main">
          <PreviewBanner />
          {children}
        </main>
        <footer className="site-footer">
          <p>
            {PRODUCT_NAME} · 示范大学党委 · <FeedbackLink />
          </p>
        </footer>
      </body>
    </html>
  )
}
