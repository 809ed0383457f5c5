import type { Metadata } from 'next'
import React from 'react'

import { NotificationLink } from '../../../cockpit/site/NotificationLink'
import { MarkAllReadButton, MarkReadButton } from '../../../site/islands'
import { NOTIFICATION_KINDS } from '../../../warnings/kinds'
import { getSitePayload, requireUser } from '../../../site/auth'
import { formatDateTime } from '../../../site/content'
import { Badge, Empty, PageTitle, Section } from '../../../site/ui'
import type { Notification } from '../../../payload-types'

export const metadata: Metadata = { title: '消息' }

const KIND_LABELS: Record<string, string> = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k.value, k.label.zh]))
/** Only a path on this site: a stored link never leads elsewhere. */
const safeLink = (link: string | null | undefined) =>
  link && link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\') ? link : null

function Item({ n }: { n: Notification }) {
  const unread = !n.readAt
  const href = safeLink(n.link)
  const body = (
    <>
      <span className="list__title">
        <Badge tone={n.kind === 'studyBehind' ? 'warn' : 'red'}>{KIND_LABELS[n.kind] ?? n.kind}</Badge>
        {unread ? <span className="visually-hidden">未读：</span> : null}
        {n.title}
      </span>
      {n.body ? <span className="list__summary">{n.body}</span> : null}
      <span className="list__meta">
        <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
        {n.readAt ? ` · 已读于 ${formatDateTime(n.readAt)}` : ''}
        {href ? ' · 去处理 ›' : ''}
      </span>
    </>
  )
  return (
    <li className={unread ? 'list__item notice notice--unread' : 'list__item notice'} data-testid="notification">
      {href ? (
        <NotificationLink id={n.id} href={href} unread={unread}>
          {body}
        </NotificationLink>
      ) : (
        body
      )}
      {unread ? (
        <div className="notice__actions">
          <MarkReadButton id={n.id} />
        </div>
      ) : null}
    </li>
  )
}

/** 消息: the signed-in person's notifications (学时预警, 支部建设预警, 换届提醒), unread first. */
export default async function NotificationsPage() {
  const user = await requireUser('/notifications')
  const payload = await getSitePayload()
  const mine = { recipient: { equals: user.id } }
  const [unread, read] = await Promise.all([
    payload.find({
      collection: 'notifications',
      where: { and: [mine, { readAt: { exists: false } }] },
      sort: '-createdAt',
      limit: 200,
      depth: 0,
      overrideAccess: false,
      user,
    }),
    payload.find({
      collection: 'notifications',
      where: { and: [mine, { readAt: { exists: true } }] },
      sort: '-readAt',
      limit: 50,
      depth: 0,
      overrideAccess: false,
      user,
    }),
  ])
  return (
    <div className="container">
      <PageTitle
        title="消息"
        lead="学时预警、支部建设预警和换届提醒（系统每天夜间检查），以及内容审核的进度（待审核、退回修改、已发布）。"
      />
      <Section id="unread" title={`未读消息（${unread.totalDocs}）`}>
        {unread.docs.length ? (
          <>
            <p className="meta-row">
              <MarkAllReadButton />
            </p>
            <ul className="list notices">
              {unread.docs.map((n) => (
                <Item key={n.id} n={n} />
              ))}
            </ul>
          </>
        ) : (
          <Empty>没有未读消息。</Empty>
        )}
      </Section>
      <Section id="read" title="已读消息">
        {read.docs.length ? (
          <ul className="list notices">
            {read.docs.map((n) => (
              <Item key={n.id} n={n} />
            ))}
          </ul>
        ) : (
          <Empty>暂无已读消息。</Empty>
        )}
      </Section>
    </div>
  )
}
