import type { Where } from 'payload'

import { NEWS_COLUMNS } from '../../collections/News'
import { HISTORICAL_PERIODS, RED_RESOURCE_KINDS } from '../../collections/RedResources'
import { CONTENT_KIND_SLUGS, CONTENT_KINDS, kindHref } from '../content/kinds'
import { QUIZ_MODES } from '../quiz/quizRules'
import type { Media } from '../payload-types'

/**
 * Every site query adds this: staff readers would otherwise see drafts and items in review too
 * (their access lets them), and the member site shows live content only.
 */
export const PUBLISHED: Where = { _status: { equals: 'published' } }

export const publishedAnd = (...more: Array<Where | null | undefined | false>): Where => {
  const rest = more.filter((w): w is Where => Boolean(w))
  return rest.length ? { and: [PUBLISHED, ...rest] } : PUBLISHED
}

type Option = { value: string; label: { zh: string } }
const zhOf = (options: Option[]) => Object.fromEntries(options.map((o) => [o.value, o.label.zh])) as Record<string, string>

export const NEWS_COLUMN_OPTIONS = NEWS_COLUMNS.map((o) => ({ value: o.value, label: o.label.zh }))
export const RESOURCE_KIND_OPTIONS = RED_RESOURCE_KINDS.map((o) => ({ value: o.value, label: o.label.zh }))
export const PERIOD_OPTIONS = HISTORICAL_PERIODS.map((o) => ({ value: o.value, label: o.label.zh }))

export const COLUMN_LABELS = zhOf(NEWS_COLUMNS)
export const RESOURCE_KIND_LABELS = zhOf(RED_RESOURCE_KINDS)
export const PERIOD_LABELS = zhOf(HISTORICAL_PERIODS)
export const QUIZ_MODE_LABELS = zhOf(QUIZ_MODES)
export const LESSON_KIND_LABELS: Record<string, string> = { video: '视频', audio: '音频', article: '图文' }
export const REQUIREMENT_LABELS: Record<string, string> = { required: '必修', elective: '选修' }

/** One value of a search parameter (the first when repeated). */
export const param = (sp: Record<string, string | string[] | undefined>, key: string): string | undefined => {
  const v = sp[key]
  const s = Array.isArray(v) ? v[0] : v
  return s && s.trim() ? s.trim() : undefined
}

/** A positive integer id from a route segment, or null (then the page answers 404). */
export const idParam = (value: string | undefined): number | null => {
  if (!value || !/^\d{1,12}$/.test(value)) return null
  const n = Number(value)
  return n > 0 ? n : null
}

/** Page number from `?page=`, at least 1. */
export const pageParam = (sp: Record<string, string | string[] | undefined>): number => {
  const n = Number(param(sp, 'page') ?? 1)
  return Number.isInteger(n) && n > 0 && n < 10_000 ? n : 1
}

/** A relationship value that depth populated, or null when it is only an id (or unreadable). */
export const populated = <T extends { id: number | string }>(value: number | string | T | null | undefined): T | null =>
  value && typeof value === 'object' ? value : null

export const idOfRel = (value: unknown): number | null => {
  if (typeof value === 'number') return value
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'number') return (value as { id: number }).id
  return null
}

export const mediaOf = (value: number | Media | null | undefined): Media | null => {
  const m = populated(value)
  return m && m.url ? m : null
}

const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' })
const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

/** 2026年3月5日 (Beijing time). */
export const formatDate = (iso: string | null | undefined): string => (iso ? dateFormat.format(new Date(iso)) : '')
export const formatDateTime = (iso: string | null | undefined): string => (iso ? dateTimeFormat.format(new Date(iso)) : '')

/** Hours with at most two decimals: 2, 0.5, 0.33, 12.35. */
export const formatHours = (hours: number | null | undefined): string => {
  // Two decimals at most: a 15-minute lesson is 0.33 学时 (src/study/length.ts), not "0.3".
  const n = Math.round((hours ?? 0) * 100) / 100
  return String(n)
}

/** Where an item of the study record lives on the site (src/content/kinds.ts). */
export const hrefFor = kindHref

export const COLLECTION_LABELS: Record<string, string> = Object.fromEntries(CONTENT_KIND_SLUGS.map((k) => [k, CONTENT_KINDS[k].label]))

/** A quiz is open when now lies inside its optional window. */
export const quizWindow = (
  quiz: { opensAt?: string | null; closesAt?: string | null },
  now = Date.now(),
): 'open' | 'upcoming' | 'closed' => {
  if (quiz.opensAt && new Date(quiz.opensAt).getTime() > now) return 'upcoming'
  if (quiz.closesAt && new Date(quiz.closesAt).getTime() <= now) return 'closed'
  return 'open'
}

/** Builds a query string from the given values, leaving out empty ones. */
export const withQuery = (path: string, values: Record<string, string | number | undefined | null>): string => {
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v))
  const s = qs.toString()
  return s ? `${path}?${s}` : path
}
