import Link from 'next/link'
import type { Payload, PayloadRequest } from 'payload'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { UNREAD_NOTIFICATIONS_PATH } from './paths'

type Props = { payload: Payload; user?: PayloadRequest['user'] }

/** In the admin's side nav: 消息通知 with the number of one's unread notifications (only when there are any). */
export const NotificationsNavLink = async ({ payload, user }: Props) => {
  if (!user) return null
  const { totalDocs: unread } = await payload.count({
    collection: 'notifications',
    where: { and: [{ recipient: { equals: user.id } }, { readAt: { exists: false } }] },
    overrideAccess: false,
    user,
  })
  if (!unread) return null
  return (
    <div style={{ marginTop: 'calc(var(--base) * 0.5)' }}>
      <Link
        className="nav__link"
        id="nav-admin-notifications"
        href={formatAdminURL({ adminRoute: payload.config.routes.admin, path: UNREAD_NOTIFICATIONS_PATH })}
        prefetch={false}
      >
        <span className="nav__link-label">
          消息通知{' '}
          <span
            aria-label={`${unread} 条未读`}
            style={{
              display: 'inline-block',
              minWidth: 20,
              padding: '0 6px',
              borderRadius: 10,
              background: '#c8161d',
              color: '#fff',
              fontSize: 12,
              lineHeight: '18px',
              textAlign: 'center',
            }}
          >
            {unread > 99 ? '99+' : unread}
          </span>
        </span>
      </Link>
    </div>
  )
}
