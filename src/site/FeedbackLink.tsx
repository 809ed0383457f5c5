'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import React from 'react'

/** 意见反馈 in the footer of every page, carrying the page it was opened from. */
export function FeedbackLink() {
  const pathname = usePathname() ?? '/'
  const href = pathname.startsWith('/me/feedback') ? '/me/feedback' : `/me/feedback?page=${encodeURIComponent(pathname)}`
  return (
    <Link href={href} prefetch={false}>
      意见反馈
    </Link>
  )
}
