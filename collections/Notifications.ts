import type { CollectionConfig } from 'payload'
import { APIError } from 'payload'

import { nobody } from '../src/access'
import { mailNotificationAfterCreate } from '../src/mail/notifications'
import { NOTIFICATION_KINDS } from '../src/warnings/kinds'

/**
 * 消息通知: warnings the nightly checks raise (学时预警, 支部建设预警, 换届提醒) and the review
 * steps (待审核, 退回修改, 已发布: src/workflow/notify.ts), one row per recipient. Written only by the
 * server (at most one per recipient, condition and day: a unique index, not a hope); a recipient
 * reads their own and marks them read — nothing else.
 */
const FIXED = ['recipient', 'kind', 'title', 'body', 'link', 'organization', 'conditionKey', 'day', 'emailedAt']

export const Notifications: CollectionConfig = {
  slug: 'notifications',
  labels: { singular: { zh: '消息通知', en: 'Notification' }, plural: { zh: '消息通知', en: 'Notifications' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['createdAt', 'kind', 'title', 'readAt'],
    group: { zh: '我的', en: 'Mine' },
    description: {
      zh: '系统每天夜间检查学时进度、支部建设和任期；内容审核每一步都通知相关的人（待审核、退回修改、已发布）。',
      en: 'Raised by the nightly checks and by each review step.',
    },
  },
  defaultSort: '-createdAt',
  access: {
    read: ({ req: { user } }) => (user ? { recipient: { equals: user.id } } : false),
    update: ({ req: { user } }) => (user ? { recipient: { equals: user.id } } : false),
    create: nobody,
    delete: nobody,
  },
  hooks: {
    // A recipient may only mark read or unread; changing what a warning says is refused, by name.
    beforeChange: [
      ({ operation, data, originalDoc, req }) => {
        if (operation !== 'update' || !req.user) return data
        const id = (v: unknown) => (v && typeof v === 'object' && 'id' in v ? (v as { id: unknown }).id : v)
        const changed = FIXED.filter((k) => k in data && String(id(data[k]) ?? '') !== String(id(originalDoc?.[k]) ?? ''))
        if (changed.length) throw new APIError(`只能标记已读或未读，不能修改：${changed.join('、')}`, 403, null, true)
        return data
      },
    ],
    // 即时 mail for people who chose it, queued in the creating transaction (src/mail/notifications.ts).
    afterChange: [mailNotificationAfterCreate],
  },
  indexes: [{ fields: ['recipient', 'conditionKey', 'day'], unique: true }],
  fields: [
    // Never populated: a notification must not carry its recipient's account with it.
    {
      name: 'recipient',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      index: true,
      maxDepth: 0,
      label: { zh: '接收人', en: 'Recipient' },
    },
    {
      name: 'kind',
      type: 'select',
      required: true,
      options: NOTIFICATION_KINDS.map((k) => ({ value: k.value, label: k.label })),
      label: { zh: '类型', en: 'Kind' },
    },
    { name: 'title', type: 'text', required: true, label: { zh: '标题', en: 'Title' } },
    { name: 'body', type: 'textarea', label: { zh: '内容', en: 'Body' } },
    { name: 'link', type: 'text', label: { zh: '去处理', en: 'Link' } },
    { name: 'organization', type: 'relationship', relationTo: 'organizations', label: { zh: '相关组织', en: 'Organisation' } },
    { name: 'conditionKey', type: 'text', required: true, label: { zh: '条件', en: 'Condition' }, admin: { hidden: true } },
    { name: 'day', type: 'text', required: true, index: true, label: { zh: '日期', en: 'Day' }, admin: { hidden: true } },
    {
      name: 'readAt',
      type: 'date',
      index: true,
      label: { zh: '已读时间', en: 'Read at' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      // Set when its mail (即时 or in a digest) is queued: each notification is mailed at most once.
      name: 'emailedAt',
      type: 'date',
      label: { zh: '邮件发送时间', en: 'E-mailed at' },
      access: { create: () => false, update: () => false },
      admin: {
        readOnly: true,
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime' },
        condition: (data) => Boolean(data?.emailedAt),
      },
    },
  ],
}
