import type { Payload } from 'payload'

/**
 * What an audit entry's 对象类型 means to a reader: the collection's or global's Chinese name
 * (人员, 课程, 平台设置) instead of its slug (users, courses). Read from the running config, so a
 * new collection is named without touching this list; an unknown value is shown as it was stored.
 */
export const targetLabel = (payload: Payload, slug: string | null | undefined): string => {
  if (!slug) return ''
  const collection = payload.config.collections.find((c) => c.slug === slug)
  const global = payload.config.globals.find((g) => g.slug === slug)
  const label = collection ? collection.labels?.singular : global?.label
  if (label && typeof label === 'object' && 'zh' in label) return String((label as { zh: string }).zh)
  if (typeof label === 'string') return label
  return slug
}
