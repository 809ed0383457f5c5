import type { Payload, PayloadRequest } from 'payload'

import { chineseDoc, withChineseKeys as withChineseKeysOf } from './chineseKeys'

type User = NonNullable<PayloadRequest['user']>

/**
 * Everything the platform holds about one person (PIPL art. 45, right of access and copy): profile,
 * stage history, study progress and events, quiz attempts, points, notifications and deletion
 * requests. Read as the person themself (overrideAccess: false), so the export can never hold more
 * than they may see — and what they may see of themselves is everything that is theirs.
 */
export const personalData = async (payload: Payload, user: User) => {
  const as = { user, overrideAccess: false, depth: 0, pagination: false } as const
  const mine = (field: string) => ({ [field]: { equals: user.id } })
  const profile = await payload.findByID({ collection: 'users', id: user.id, user, overrideAccess: false, depth: 1 })
  const [progress, events, attempts, points, notifications, requests] = await Promise.all([
    payload.find({ collection: 'study-progress', where: mine('member'), ...as }),
    payload.find({ collection: 'study-events', where: mine('member'), sort: 'createdAt', ...as }),
    payload.find({ collection: 'quiz-attempts', where: mine('member'), sort: 'startedAt', ...as }),
    payload.find({ collection: 'points-ledger', where: mine('member'), sort: 'createdAt', ...as }),
    payload.find({ collection: 'notifications', where: mine('recipient'), sort: 'createdAt', ...as }),
    payload.find({ collection: 'deletion-requests', where: mine('member'), ...as }),
  ])
  const feedback = await payload.find({ collection: 'feedback', where: mine('author'), sort: 'createdAt', ...as })
  const p = profile as unknown as Record<string, unknown>
  const users = payload.collections.users.config.fields
  const stageField = users
    .flatMap((f) => ('fields' in f ? f.fields : 'tabs' in f ? f.tabs.flatMap((t) => t.fields) : [f]))
    .find((f) => 'name' in f && f.name === 'stageHistory')
  // Every key in Chinese (the download is read by the person, not by a program): the profile by
  // hand, the records by their fields' Chinese labels (src/privacy/chineseKeys.ts).
  return {
    说明: '这是智慧党建学习平台保存的关于您的全部个人信息（依据《个人信息保护法》第四十五条）。',
    导出时间: new Date().toISOString(),
    个人资料: chineseDoc(payload, 'users', {
      id: p.id,
      name: p.name,
      email: p.email,
      pendingEmail: p.pendingEmail,
      phone: p.phone,
      staffNumber: p.staffNumber,
      roles: p.roles,
      organization: (p.organization as { name?: string } | null)?.name ?? p.organization ?? null,
      politicalStage: p.politicalStage,
      stageSince: p.stageSince,
      interests: ((p.interests as Array<{ name?: string } | number>) ?? []).map((t) => (typeof t === 'object' ? t.name : t)),
      active: p.active,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    }),
    发展历程: stageField && 'fields' in stageField ? withChineseKeysOf(p.stageHistory ?? [], stageField.fields) : [],
    学习进度: chineseDoc(payload, 'study-progress', progress.docs),
    学习日志: chineseDoc(payload, 'study-events', events.docs),
    答题记录: chineseDoc(
      payload,
      'quiz-attempts',
      attempts.docs.map((a) => {
        const { paper: _paper, ...rest } = a as unknown as Record<string, unknown>
        return rest
      }),
    ),
    学习积分: chineseDoc(payload, 'points-ledger', points.docs),
    消息通知: chineseDoc(payload, 'notifications', notifications.docs),
    个人信息删除申请: chineseDoc(payload, 'deletion-requests', requests.docs),
    意见反馈: chineseDoc(payload, 'feedback', feedback.docs),
  }
}
