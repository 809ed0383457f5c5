import type { PayloadRequest, Where } from 'payload'

import { hasRole, idOf } from '../access/roles'
import { scopeOf, ScopeError } from '../cockpit/scope'

/**
 * 意见反馈 areas: who owns each part of the platform and so answers what is said about it.
 *  - content (党建动态, 红色资源): propaganda editors and reviewers;
 *  - learning (课程, 微党课, 答题): course curators;
 *  - organisation (组织生活, 支部, 学时认定): the branch secretary of the writer's branch and the Party
 *    committee staff above it;
 *  - other (account, the platform itself): the system administrator.
 */
export const FEEDBACK_AREAS = [
  { value: 'content', label: { zh: '新闻与红色资源', en: 'News and resources' } },
  { value: 'learning', label: { zh: '课程与答题', en: 'Courses and quizzes' } },
  { value: 'organisation', label: { zh: '组织与学时', en: 'Organisation and study hours' } },
  { value: 'other', label: { zh: '账号与平台', en: 'Account and platform' } },
] as const
export type FeedbackArea = (typeof FEEDBACK_AREAS)[number]['value']

export const FEEDBACK_KINDS = [
  { value: 'suggestion', label: { zh: '建议', en: 'Suggestion' } },
  { value: 'complaint', label: { zh: '投诉', en: 'Complaint' } },
] as const

// Object.fromEntries cannot keep the keys' type; FEEDBACK_AREAS lists every area.
export const AREA_LABELS = Object.fromEntries(FEEDBACK_AREAS.map((a) => [a.value, a.label.zh])) as Record<FeedbackArea, string>
export const isArea = (v: unknown): v is FeedbackArea => FEEDBACK_AREAS.some((a) => a.value === v)

/** The area a page belongs to, from its path on the member site (or the admin collection it shows). */
export const areaOfLink = (link: string | null | undefined): FeedbackArea | null => {
  if (!link) return null
  const path = link.replace(/^\/admin\/collections/, '')
  if (/^\/(news|resources|red-resources)(\/|\?|$)/.test(path)) return 'content'
  if (/^\/(courses|lessons|micro-lessons|quizzes|questions)(\/|\?|$)/.test(path)) return 'learning'
  if (/^\/(branch|me\/archive|organizations)(\/|\?|$)/.test(path)) return 'organisation'
  return null
}

/**
 * A page link must be a path on this site: `/news/3`, never another origin or a script URL. A full
 * URL is accepted when it points here (what a member copies from the address bar), kept as its path.
 */
export const normaliseLink = (value: unknown, origin?: string): { ok: true; link: string | null } | { ok: false; message: string } => {
  if (value === undefined || value === null || value === '') return { ok: true, link: null }
  if (typeof value !== 'string') return { ok: false, message: '页面链接必须是文字' }
  const raw = value.trim()
  if (!raw) return { ok: true, link: null }
  if (raw.length > 500) return { ok: false, message: '页面链接不能超过 500 个字符' }
  const bad = { ok: false as const, message: '页面链接只能是本平台的页面，例如 /news/12，或从地址栏复制的本站网址' }
  try {
    const base = origin ?? 'http://localhost'
    const url = new URL(raw, base)
    if (raw.startsWith('//') || !['http:', 'https:'].includes(url.protocol)) return bad
    if (!raw.startsWith('/') && url.host !== new URL(base).host) return bad
    return { ok: true, link: `${url.pathname}${url.search}` }
  } catch {
    return bad
  }
}

type User = NonNullable<PayloadRequest['user']>

/** The organisations whose organisation matters this person answers (secretary or committee staff), or none. */
const ledOrganisations = async (req: Pick<PayloadRequest, 'payload' | 'user'>): Promise<number[]> => {
  try {
    return (await scopeOf(req)).orgIds
  } catch (error) {
    if (error instanceof ScopeError) return []
    throw error
  }
}

/** The feedback routed to this staff member (their part of the platform), or null when none is. */
export const routedToWhere = async (req: Pick<PayloadRequest, 'payload' | 'user'>): Promise<Where | null> => {
  const user = req.user as User | null
  if (!user) return null
  const or: Where[] = []
  if (hasRole(user, 'propagandaEditor', 'reviewer')) or.push({ area: { equals: 'content' } })
  if (hasRole(user, 'courseCurator')) or.push({ area: { equals: 'learning' } })
  if (hasRole(user, 'sysAdmin')) or.push({ area: { equals: 'other' } })
  if (hasRole(user, 'branchSecretary', 'partyCommittee')) {
    const orgs = await ledOrganisations(req)
    if (orgs.length) or.push({ and: [{ area: { equals: 'organisation' } }, { organization: { in: orgs } }] })
  }
  return or.length ? { or } : null
}

/**
 * Who is told that a new message has arrived: the holders of the area's roles; for an organisation
 * matter the secretary of the writer's branch, or, for a branch without one, the Party committee
 * staff above it (`chain`: the writer's organisation and its ancestors); sysAdmin for the rest.
 */
export const recipientsFor = async (
  req: PayloadRequest,
  area: FeedbackArea,
  organization: unknown,
  chain: Array<number | string>,
): Promise<number[]> => {
  const active = { active: { not_equals: false } }
  const find = async (where: Where) =>
    (
      await req.payload.find({
        collection: 'users',
        where: { and: [where, active] },
        depth: 0,
        limit: 0,
        pagination: false,
        overrideAccess: true,
        req,
        select: {},
      })
    ).docs.map((d) => Number(d.id))
  if (area === 'content') return find({ roles: { in: ['propagandaEditor', 'reviewer'] } })
  if (area === 'learning') return find({ roles: { in: ['courseCurator'] } })
  if (area === 'organisation') {
    const orgId = idOf(organization)
    if (orgId !== null) {
      const org = (await req.payload.findByID({
        collection: 'organizations',
        id: orgId,
        depth: 0,
        overrideAccess: true,
        req,
        disableErrors: true,
      })) as {
        secretary?: unknown
      } | null
      const secretary = idOf(org?.secretary ?? null)
      if (secretary !== null) return [Number(secretary)]
      if (chain.length) return find({ and: [{ roles: { in: ['partyCommittee'] } }, { organization: { in: chain } }] })
    }
  }
  return find({ roles: { in: ['sysAdmin'] } })
}
