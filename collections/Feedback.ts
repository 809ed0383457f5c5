import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionConfig } from 'payload'
import { APIError, ValidationError } from 'payload'

import { idOf, nobody } from '../src/access'
import { organizationChain } from '../src/access/audience'
import {
  AREA_LABELS,
  areaOfLink,
  FEEDBACK_AREAS,
  FEEDBACK_KINDS,
  isArea,
  normaliseLink,
  recipientsFor,
  routedToWhere,
  type FeedbackArea,
} from '../src/feedback/routing'
import { refuseForbiddenFieldWrites } from '../src/hooks/refuseForbiddenFieldWrites'
import { shanghaiDay } from '../src/dates'

const MESSAGE_MAX = 2000
const REPLY_MAX = 2000

const fieldError = (path: string, message: string) => new ValidationError({ collection: 'feedback', errors: [{ message, path }] })

/** What the writer sends on create; everything else is set here (who, where it goes, its state). */
const onCreateOnly = (_user: unknown, targetId: number | string | undefined) => targetId === undefined
const serverOnly = () => false

/**
 * Create: the writer, their organisation and the area (chosen, or taken from the page link) are set
 * by the server. Update: a reply stamps who answered and when, and marks the message answered.
 */
const stamp: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  const user = req.user
  if (operation === 'create') {
    const message = typeof data.message === 'string' ? data.message.trim() : ''
    if (!message) throw fieldError('message', '请写下您的意见或建议')
    if (message.length > MESSAGE_MAX) throw fieldError('message', `内容不能超过 ${MESSAGE_MAX} 字`)
    data.message = message
    const origin = req.url ? new URL(req.url).origin : undefined
    const link = normaliseLink(data.pageLink, origin)
    if (!link.ok) throw fieldError('pageLink', link.message)
    data.pageLink = link.link
    if (data.area !== undefined && data.area !== null && data.area !== '' && !isArea(data.area))
      throw fieldError('area', '请选择反馈涉及的方面')
    if (user) {
      data.author = user.id
      data.authorName = (user as { name?: string }).name ?? user.email
      data.organization = idOf((user as { organization?: unknown }).organization) ?? null
    }
    let area: FeedbackArea = isArea(data.area) ? data.area : (areaOfLink(data.pageLink as string | null) ?? 'other')
    // An organisation matter from someone in no organisation has nobody to answer it but sysAdmin.
    if (area === 'organisation' && !data.organization) area = 'other'
    data.area = area
    data.status = 'open'
    data.reply = null
    data.repliedBy = null
    data.repliedAt = null
    return data
  }
  if (operation === 'update' && 'reply' in data && data.reply !== undefined) {
    const reply = typeof data.reply === 'string' ? data.reply.trim() : ''
    if (reply === (originalDoc?.reply ?? '')) return data
    if (!reply) throw fieldError('reply', '答复不能为空；已答复的意见可以修改答复内容，不能撤回')
    if (reply.length > REPLY_MAX) throw fieldError('reply', `答复不能超过 ${REPLY_MAX} 字`)
    data.reply = reply
    data.status = 'answered'
    data.repliedBy = user?.id ?? originalDoc?.repliedBy ?? null
    data.repliedAt = new Date().toISOString()
  }
  return data
}

/**
 * The people concerned are told in the app (消息通知), in the save's transaction: on create the staff
 * the message is routed to, on a reply the writer (with a link to read it on 我的 → 意见反馈).
 */
const notify: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  const day = shanghaiDay(new Date())
  const excerpt = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s)
  if (operation === 'create') {
    const chain = req.user ? await organizationChain(req) : []
    const recipients = (await recipientsFor(req, doc.area, doc.organization, chain)).filter((id) => String(id) !== String(idOf(doc.author)))
    for (const recipient of recipients) {
      await req.payload.create({
        collection: 'notifications',
        overrideAccess: true,
        req,
        depth: 0,
        data: {
          recipient,
          kind: 'feedbackReceived',
          title: `新的意见反馈（${AREA_LABELS[doc.area as FeedbackArea]}）`,
          body: `${doc.authorName ?? ''}：${excerpt(String(doc.message))}`,
          link: `/admin/collections/feedback/${doc.id}`,
          conditionKey: `feedback:${doc.id}:received`,
          day,
        },
      })
    }
    return doc
  }
  if (operation === 'update' && doc.repliedAt && doc.repliedAt !== previousDoc?.repliedAt) {
    const author = idOf(doc.author)
    if (author === null) return doc
    await req.payload.create({
      collection: 'notifications',
      overrideAccess: true,
      req,
      depth: 0,
      data: {
        recipient: Number(author),
        kind: 'feedbackAnswered',
        title: previousDoc?.repliedAt ? '您的意见反馈答复已更新' : '您的意见反馈已答复',
        body: `${excerpt(String(doc.message))}\n答复：${excerpt(String(doc.reply))}`,
        link: `/me/feedback#feedback-${doc.id}`,
        conditionKey: `feedback:${doc.id}:answered:${doc.repliedAt}`,
        day,
      },
    })
  }
  return doc
}

/**
 * 意见反馈 (the 2026 rules for government apps: an in-app channel to complain or suggest). Anyone
 * signed in writes a message, optionally with the page it is about; it goes to the staff who own
 * that part (src/feedback/routing.ts), who answer it here; the writer is told in 消息 and reads
 * the answer on the member site. A writer reads only their own; staff only what is routed to them;
 * nobody changes a message once sent, and only the staff it is routed to write the answer.
 */
export const Feedback: CollectionConfig = {
  slug: 'feedback',
  labels: { singular: { zh: '意见反馈', en: 'Feedback' }, plural: { zh: '意见反馈', en: 'Feedback' } },
  admin: {
    useAsTitle: 'message',
    defaultColumns: ['createdAt', 'kind', 'area', 'authorName', 'message', 'status'],
    group: { zh: '我的', en: 'Mine' },
    description: {
      zh: '成员在平台内提出的意见、建议和投诉，按涉及的方面分送负责的工作人员：新闻与红色资源→宣传编辑和审核员，课程与答题→课程管理员，组织与学时→所在党支部书记，其他→系统管理员。填写“答复”并保存后，提出人会收到消息通知。',
      en: 'Suggestions and complaints, routed to the staff who own that part; the writer is notified when answered.',
    },
  },
  defaultSort: '-createdAt',
  access: {
    read: async ({ req }) => {
      if (!req.user) return false
      const routed = await routedToWhere(req)
      const own = { author: { equals: req.user.id } }
      return routed ? { or: [own, routed] } : own
    },
    create: ({ req: { user } }) => Boolean(user && (user as { active?: boolean }).active !== false),
    // Answering: only the staff the message is routed to (the writer does not change it once sent).
    update: async ({ req }) => (req.user ? ((await routedToWhere(req)) ?? false) : false),
    delete: nobody,
  },
  hooks: {
    beforeOperation: [
      // A bulk update would answer many messages with one text, unread: refused.
      ({ args, operation, overrideAccess }) => {
        if (!overrideAccess && operation === 'update' && (args as { id?: unknown }).id === undefined) {
          throw new APIError('请逐条答复意见反馈', 400, undefined, true)
        }
        return args
      },
      refuseForbiddenFieldWrites({
        kind: { label: '类型', allowed: onCreateOnly, createDefault: 'suggestion' },
        area: { label: '涉及方面', allowed: onCreateOnly },
        message: { label: '内容', allowed: onCreateOnly },
        pageLink: { label: '相关页面', allowed: onCreateOnly },
        author: { label: '提出人', allowed: serverOnly },
        authorName: { label: '提出人姓名', allowed: serverOnly },
        organization: { label: '所在组织', allowed: serverOnly },
        status: { label: '状态', allowed: serverOnly, createDefault: 'open' },
        reply: { label: '答复', allowed: (_user, targetId) => targetId !== undefined },
        repliedBy: { label: '答复人', allowed: serverOnly },
        repliedAt: { label: '答复时间', allowed: serverOnly },
      }),
    ],
    beforeChange: [stamp],
    afterChange: [notify],
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          type: 'select',
          required: true,
          defaultValue: 'suggestion',
          options: FEEDBACK_KINDS.map((k) => ({ value: k.value, label: k.label })),
          label: { zh: '类型', en: 'Kind' },
        },
        {
          name: 'area',
          type: 'select',
          index: true,
          options: FEEDBACK_AREAS.map((a) => ({ value: a.value, label: a.label })),
          label: { zh: '涉及方面', en: 'Area' },
          admin: { description: { zh: '不选时按相关页面判断，都没有时交系统管理员', en: 'From the page link when not chosen' } },
        },
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'open',
          index: true,
          options: [
            { value: 'open', label: { zh: '待答复', en: 'Open' } },
            { value: 'answered', label: { zh: '已答复', en: 'Answered' } },
          ],
          label: { zh: '状态', en: 'Status' },
          admin: { readOnly: true },
        },
      ],
    },
    { name: 'message', type: 'textarea', required: true, maxLength: MESSAGE_MAX, label: { zh: '内容', en: 'Message' } },
    {
      name: 'pageLink',
      type: 'text',
      maxLength: 500,
      label: { zh: '相关页面', en: 'Page' },
      admin: { description: { zh: '本平台页面的路径，例如 /news/12（可不填）', en: 'A path on this site, e.g. /news/12 (optional)' } },
    },
    // Never populated: a message must not carry its writer's account to the staff who read it.
    {
      name: 'author',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      maxDepth: 0,
      label: { zh: '提出人', en: 'Author' },
      admin: { readOnly: true, hidden: true },
    },
    { name: 'authorName', type: 'text', label: { zh: '提出人', en: 'Author' }, admin: { readOnly: true } },
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      index: true,
      maxDepth: 0,
      label: { zh: '所在组织', en: 'Organisation' },
      admin: { readOnly: true },
    },
    {
      name: 'reply',
      type: 'textarea',
      maxLength: REPLY_MAX,
      label: { zh: '答复', en: 'Reply' },
      admin: {
        condition: (data) => Boolean(data?.id),
        description: { zh: '保存后提出人会收到消息通知，并在“我的 → 意见反馈”中看到答复', en: 'The writer is notified when saved' },
      },
    },
    {
      name: 'repliedBy',
      type: 'relationship',
      relationTo: 'users',
      maxDepth: 0,
      label: { zh: '答复人', en: 'Replied by' },
      admin: { readOnly: true, hidden: true },
    },
    {
      name: 'repliedAt',
      type: 'date',
      label: { zh: '答复时间', en: 'Replied at' },
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
}
