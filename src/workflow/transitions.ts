import { hasRole, type Role } from '../access/roles'

/**
 * The three-level editorial review (三审) as a pure state machine: which action moves an item from
 * which state to which, and who may take it. Collections wire it to storage; this decides.
 */
export const REVIEW_STATES = [
  'draft',
  'pendingFirst',
  'pendingSecond',
  'pendingFinal',
  'scheduled',
  'published',
  'returned',
  'withdrawn',
] as const
export type ReviewState = (typeof REVIEW_STATES)[number]

export const REVIEW_STATE_LABELS: Record<ReviewState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  pendingFirst: { zh: '待初审', en: 'Awaiting first review' },
  pendingSecond: { zh: '待复审', en: 'Awaiting second review' },
  pendingFinal: { zh: '待终审', en: 'Awaiting final review' },
  scheduled: { zh: '定时发布', en: 'Scheduled' },
  published: { zh: '已发布', en: 'Published' },
  returned: { zh: '退回修改', en: 'Returned' },
  withdrawn: { zh: '已下线', en: 'Withdrawn' },
}

export type ReviewAction = 'submit' | 'approve' | 'return' | 'withdraw'

/** The review level each waiting state needs (1 初审, 2 复审, 3 终审). */
const LEVEL_OF: Partial<Record<ReviewState, 1 | 2 | 3>> = { pendingFirst: 1, pendingSecond: 2, pendingFinal: 3 }
const LEVEL_NAMES = { 1: '初审', 2: '复审', 3: '终审' } as const
const AUTHOR_ROLES: Role[] = ['propagandaEditor', 'courseCurator']

export type Actor = { id: number | string; roles?: Role[] | null; reviewLevel?: string | number | null; active?: boolean | null }
export type ReviewItem = {
  state: ReviewState
  authorId: number | string | null | undefined
  /** Who approved the revision now in review, at which level. */
  approvals?: Array<{ level: number; userId: number | string }>
  /** The role that writes this kind of content; without it either author role may submit. */
  authorRole?: Role
}
export type ActionInput = {
  reason?: string | null
  publishAt?: string | Date | null
  now?: Date
  /**
   * A reviewer submitting past sensitive-word hits (the author cannot): the written reason is
   * required and goes into the review log.
   */
  sensitiveOverride?: boolean
}

export type Decision = { ok: true; to: ReviewState; level?: 1 | 2 | 3 } | { ok: false; status: 400 | 403 | 409; message: string }

const refuse = (status: 400 | 403 | 409, message: string): Decision => ({ ok: false, status, message })
const same = (a: unknown, b: unknown) => a !== null && a !== undefined && String(a) === String(b)
const levelOf = (actor: Actor) => Number(actor.reviewLevel ?? 0)

/** Decides whether `actor` may take `action` on `item`, and where the item goes. */
export const decide = (item: ReviewItem, actor: Actor, action: ReviewAction, input: ActionInput = {}): Decision => {
  const stateName = REVIEW_STATE_LABELS[item.state].zh
  const reason = input.reason?.trim()

  switch (action) {
    case 'submit': {
      if (input.sensitiveOverride) {
        if (!hasRole(actor, 'reviewer')) return refuse(403, '只有审核员可以忽略敏感词提示提交')
        if (same(actor.id, item.authorId)) return refuse(403, '不能为自己撰写的内容忽略敏感词提示')
        if (!reason) return refuse(400, '忽略敏感词提示必须填写理由')
      } else if (item.authorRole ? !hasRole(actor, item.authorRole) : !hasRole(actor, ...AUTHOR_ROLES)) {
        return refuse(
          403,
          item.authorRole === 'courseCurator'
            ? '只有课程管理员可以提交此类内容'
            : item.authorRole === 'propagandaEditor'
              ? '只有宣传编辑可以提交此类内容'
              : '只有宣传编辑或课程管理员可以提交审核',
        )
      }
      if (!['draft', 'returned', 'published', 'withdrawn'].includes(item.state)) {
        return refuse(409, `当前状态为“${stateName}”，不能再次提交`)
      }
      return { ok: true, to: 'pendingFirst' }
    }

    case 'approve':
    case 'return': {
      const needed = LEVEL_OF[item.state]
      if (!needed) return refuse(409, `当前状态为“${stateName}”，没有待审核的内容`)
      if (!hasRole(actor, 'reviewer') || levelOf(actor) !== needed) {
        return refuse(403, `需要${LEVEL_NAMES[needed]}级别的审核员`)
      }
      if (same(actor.id, item.authorId)) return refuse(403, '不能审核自己撰写的内容')
      if (action === 'return') {
        if (!reason) return refuse(400, '退回修改必须填写理由')
        return { ok: true, to: 'returned', level: needed }
      }
      // Four eyes at every level: three different people approve one revision.
      if ((item.approvals ?? []).some((a) => same(a.userId, actor.id))) {
        return refuse(403, '同一审核员不能在多个级别审核同一内容')
      }
      if (needed < 3) return { ok: true, to: needed === 1 ? 'pendingSecond' : 'pendingFinal', level: needed }
      if (input.publishAt) {
        const at = new Date(input.publishAt)
        if (Number.isNaN(at.getTime())) return refuse(400, '定时发布时间格式不正确')
        if (at.getTime() > (input.now ?? new Date()).getTime()) return { ok: true, to: 'scheduled', level: 3 }
      }
      return { ok: true, to: 'published', level: 3 }
    }

    case 'withdraw': {
      if (item.state !== 'published' && item.state !== 'scheduled') {
        return refuse(409, `当前状态为“${stateName}”，只有已发布或定时发布的内容可以下线`)
      }
      if (!hasRole(actor, 'reviewer') || levelOf(actor) !== 3) return refuse(403, '只有终审审核员可以下线内容')
      if (!reason) return refuse(400, '下线必须填写理由')
      return { ok: true, to: 'withdrawn', level: 3 }
    }
  }
}

/**
 * What the document header says about an item: its review state, and whether members are reading
 * a live version meanwhile (Payload's own 状态 only knows draft/published, which during review is
 * always 草稿 and contradicts the sidebar).
 */
export const statusLine = (state: ReviewState, hasLiveVersion: boolean): string => {
  const label = REVIEW_STATE_LABELS[state].zh
  return state !== 'published' && hasLiveVersion ? `${label}（学员仍看到已发布的版本）` : label
}

/** A part an item carries to members with it (a course's lessons and quizzes, a lesson's quiz). */
export type ItemPart = { kind: string; title: string; live: boolean }

/**
 * Submitting an item whose parts are not live would publish a course members open to missing
 * lessons: it is refused, naming each part, until the parts are published through their own
 * review. (Carrying the parts along in the course's review was weighed and rejected: one approval
 * would publish texts no reviewer opened, and each lesson keeps its own history.)
 */
export const unpublishedPartsRefusal = (parts: ItemPart[]): Decision | null => {
  const missing = parts.filter((p) => !p.live)
  if (!missing.length) return null
  const listed = missing.map((p) => `${p.kind}“${p.title}”`).join('、')
  return refuse(409, `以下组成部分尚未发布，请先将它们提交审核并发布后再提交：${listed}`)
}

export type NotificationKindOfReview = 'reviewQueue' | 'reviewReturned' | 'reviewPublished'

/** Who hears about a transition: the reviewers of the level it now waits at, or the author. */
export type ReviewNotice =
  | { to: 'reviewers'; level: 1 | 2 | 3; kind: 'reviewQueue'; title: string; body: string }
  | { to: 'author'; kind: 'reviewReturned' | 'reviewPublished'; title: string; body: string }

/**
 * The notices one transition raises: entering a level's queue tells that level's reviewers;
 * a return tells the author why; publication tells the author (scheduled items when they go live).
 */
export const noticesFor = (t: {
  to: ReviewState
  itemLabel: string
  title: string
  actorName?: string | null
  level?: 1 | 2 | 3
  reason?: string | null
}): ReviewNotice[] => {
  const queued = LEVEL_OF[t.to]
  const by = t.actorName ? `${t.actorName}` : '系统'
  if (queued) {
    const how = t.to === 'pendingFirst' ? `${by}提交了审核` : `${by}已${LEVEL_NAMES[(queued - 1) as 1 | 2]}通过`
    return [
      {
        to: 'reviewers',
        level: queued,
        kind: 'reviewQueue',
        title: `${REVIEW_STATE_LABELS[t.to].zh}：${t.itemLabel}「${t.title}」`,
        body: `${how}，等待${LEVEL_NAMES[queued]}。`,
      },
    ]
  }
  if (t.to === 'returned') {
    const at = t.level ? LEVEL_NAMES[t.level] : '审核'
    return [
      {
        to: 'author',
        kind: 'reviewReturned',
        title: `被退回修改：${t.itemLabel}「${t.title}」`,
        body: `${by}在${at}时退回，理由：${t.reason ?? '（未填写）'}`,
      },
    ]
  }
  if (t.to === 'published') {
    return [
      {
        to: 'author',
        kind: 'reviewPublished',
        title: `已发布：${t.itemLabel}「${t.title}」`,
        body: t.actorName ? `${by}终审通过，内容已对学员发布。` : '已到定时发布时间，内容已对学员发布。',
      },
    ]
  }
  return []
}
