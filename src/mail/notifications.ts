import type { CollectionAfterChangeHook, Payload, PayloadRequest, TaskConfig } from 'payload'

import { inRequest, transact } from '../db/transaction'
import { claimDigestNotifications, claimInstantNotifications, type ClaimedNotificationRow } from './queries'
import { queueMail } from './queue'
import { absoluteUrl } from './settings'
import { digestMail, groupDigest, notificationMail, type DigestRow } from './templates'

/**
 * 通知邮件: each person chooses (users.notificationEmail) 即时 `instant` (a mail per notification
 * as it is created), 每日汇总 `digest` (one mail each morning) or 不发送 `none`. A notification is
 * mailed at most once: `emailedAt` is set in the same transaction that queues its mail, by an
 * UPDATE … WHERE emailed_at IS NULL, so a retried or doubled run finds nothing left to claim.
 */
export const NOTIFICATION_EMAIL_OPTIONS = [
  { value: 'instant', label: { zh: '即时发送', en: 'At once' } },
  { value: 'digest', label: { zh: '每日汇总（早上 7:30）', en: 'Daily digest (07:30)' } },
  { value: 'none', label: { zh: '不发送', en: 'None' } },
] as const
export type NotificationEmail = (typeof NOTIFICATION_EMAIL_OPTIONS)[number]['value']
/**
 * Default 每日汇总: the nightly checks write most notifications, and a person who never opens the
 * platform should still hear of a 学时预警 — but in one mail a day, not one per warning (the 2023
 * guidance against 指尖上的形式主义 asks for fewer pushes, not more).
 */
export const DEFAULT_NOTIFICATION_EMAIL: NotificationEmail = 'digest'

/** Notifications older than this are not mailed (someone switching from 不发送 gets no backlog). */
export const DIGEST_WINDOW_DAYS = 7

const toRow = (r: ClaimedNotificationRow): DigestRow => ({
  id: Number(r.id),
  recipientId: Number(r.recipient_id),
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.created_at,
  email: r.email,
  name: r.name,
})
const link = (l: string | null | undefined) => absoluteUrl(l, process.env)

/** 即时: claims these notifications for people who chose 即时 and queues one mail each. */
export const mailInstantNotifications = async (req: Partial<PayloadRequest> & { payload: Payload }, ids: number[]) => {
  if (!ids.length) return 0
  const rows = await claimInstantNotifications(inRequest(req), ids.map(Number))
  for (const r of rows.map(toRow)) await queueMail(req, 'notification', notificationMail(r.email, r.name, r, link(r.link)))
  return rows.length
}

/** For notifications written with raw SQL (nightly checks, 提醒): mails the new ones of 即时 people. */
export const mailNewNotifications = async (payload: Payload, ids: number[]) => {
  if (!ids.length) return 0
  try {
    return await transact(payload, ({ req }) => mailInstantNotifications(req, ids))
  } catch (error) {
    // The notification stands; its mail then goes with the next morning's digest run (which also
    // picks up 即时 notifications left unmailed).
    payload.logger.error({ err: error, msg: `即时通知邮件排队失败（${ids.length} 条），将随次日汇总发送` })
    return 0
  }
}

/** A notification created through Payload (review steps, meetings, 发展党员, training): in its transaction. */
export const mailNotificationAfterCreate: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation === 'create') await mailInstantNotifications(req, [Number(doc.id)])
  return doc
}

/**
 * 每日汇总: one mail per person with their unread notifications not yet mailed (within the window);
 * also any 即时 notification whose mail was never queued. Claim and queue in one transaction.
 */
export const sendDigests = async (payload: Payload): Promise<{ people: number; notifications: number }> =>
  transact(payload, async ({ req }) => {
    const rows = await claimDigestNotifications(inRequest(req), DIGEST_WINDOW_DAYS)
    const people = groupDigest(rows.map(toRow))
    for (const p of people) await queueMail(req, 'digest', digestMail(p.email, p.name, p.items, link))
    return { people: people.length, notifications: rows.length }
  })

export const notificationDigestTask: TaskConfig<{ input: { period?: string }; output: { people: number; notifications: number } }> = {
  slug: 'notificationDigest',
  label: '通知邮件每日汇总',
  inputSchema: [{ name: 'period', type: 'text' }],
  outputSchema: [
    { name: 'people', type: 'number' },
    { name: 'notifications', type: 'number' },
  ],
  retries: 3,
  handler: async ({ req }) => ({ output: await sendDigests(req.payload) }),
}
