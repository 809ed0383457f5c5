import type { Payload, PayloadRequest } from 'payload'

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
  const p = profile as unknown as Record<string, unknown>
  return {
    说明: '这是智慧党建学习平台保存的关于您的全部个人信息（依据《个人信息保护法》第四十五条）。',
    exportedAt: new Date().toISOString(),
    profile: {
      id: p.id,
      name: p.name,
      email: p.email,
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
    },
    stageHistory: p.stageHistory ?? [],
    studyProgress: progress.docs,
    studyEvents: events.docs,
    quizAttempts: attempts.docs.map((a) => {
      const { paper: _paper, ...rest } = a as unknown as Record<string, unknown>
      return rest
    }),
    points: points.docs,
    notifications: notifications.docs,
    deletionRequests: requests.docs,
  }
}
