import Link from 'next/link'
import React from 'react'

/** A notification's 去处理 link: following it also marks an unread notification read (src/site/LinkBeacons.tsx). */
export function NotificationLink({ id, href, unread, children }: { id: number; href: string; unread: boolean; children: React.ReactNode }) {
  return (
    <Link href={href} className="list__link" data-mark-read={unread ? String(id) : undefined}>
      {children}
    </Link>
  )
}
