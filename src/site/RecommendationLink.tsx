'use client'

import Link from 'next/link'
import React from 'react'

/**
 * A recommended item's card link: it goes straight to the item's page (a client navigation Next can
 * prefetch), and the click is recorded on the side with a beacon to POST /r, which survives the
 * navigation. Linking to /r itself, a route handler, made Next prefetch it as a page on every 首页
 * load (`GET /r?_rsc=… 400`) and made each click a redirect of its own.
 */
export function RecommendationLink({
  href,
  collection,
  itemId,
  position,
  children,
}: {
  href: string
  collection: string
  itemId: number
  position: number
  children: React.ReactNode
}) {
  const record = () => {
    const data = new URLSearchParams({ c: collection, id: String(itemId), p: String(position) })
    // A form-encoded beacon is a simple request: no preflight, sent with the session cookie.
    if (typeof navigator.sendBeacon !== 'function' || !navigator.sendBeacon('/r', data)) {
      void fetch('/r', { method: 'POST', body: data, credentials: 'include', keepalive: true }).catch(() => undefined)
    }
  }
  return (
    <Link href={href} onClick={record}>
      {children}
    </Link>
  )
}
