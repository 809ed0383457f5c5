import type { Metadata, Viewport } from 'next'
import React from 'react'

import { PRODUCT_NAME } from '../brand'
import { Brand, PageTitle } from '../site/ui'
import './(site)/site.css'

/**
 * The page for a path no route matches (`/no-such-page`). The app has two root layouts (the member
 * site and Payload's admin), so there is no layout a plain `not-found.tsx` could render in; Next's
 * own page in its place is in English. Pages that call `notFound()` keep `(site)/not-found.tsx`.
 */
export const metadata: Metadata = {
  title: `页面不存在 - ${PRODUCT_NAME}`,
  icons: [{ rel: 'icon', url: '/favicon.svg', type: 'image/svg+xml' }],
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#b71c1c' }

export default function GlobalNotFound() {
  return (
    <html lang="zh-CN">
      <body>
        <header className="site-header">
          <div className="site-header__inner">
            <Brand />
          </div>
        </header>
        <main id="main" className="site-main">
          <div className="container">
            <PageTitle title="页面不存在" lead="这个地址没有对应的页面，可能是链接有误，或页面已经移走。" />
            <p>
              <a className="button" href="/">
                返回首页
              </a>
            </p>
          </div>
        </main>
        <footer className="site-footer">
          <p>{PRODUCT_NAME} · 示范大学党委</p>
        </footer>
      </body>
    </html>
  )
}
