import Link from 'next/link'
import React from 'react'

/** 消息 in the site header: a bell with the number of unread notifications. */
export function NotificationBell({ unread }: { unread: number }) {
  const label = unread ? `消息，${unread} 条未读` : '消息'
  return (
    <Link href="/notifications" className="bell" aria-label={label} title={label} data-testid="notification-bell">
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 24 24"
        width="22"
        height="22"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M18 8a6 6 0 10-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 01-3.4 0" />
      </svg>
      {unread ? (
        <span className="bell__count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  )
}
