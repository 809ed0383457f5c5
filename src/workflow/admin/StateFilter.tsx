'use client'

import { useAuth, useListQuery } from '@payloadcms/ui'
import Link from 'next/link'

import { REVIEW_STATE_LABELS, REVIEW_STATES } from '../transitions'

/** Above each content list: one click to the items in a review state, or to my own items. */
export const StateFilter = () => {
  const { user } = useAuth()
  const { query } = useListQuery()
  const where = (query?.where ?? {}) as Record<string, { equals?: unknown }>
  const current = String(where.reviewState?.equals ?? '')
  const mine = where.createdBy?.equals !== undefined
  const href = (state: string, onlyMine = mine) => {
    const q = new URLSearchParams()
    if (state) q.set('where[reviewState][equals]', state)
    if (onlyMine && user) q.set('where[createdBy][equals]', String(user.id))
    return `?${q}`
  }
  const style = (active: boolean) => ({
    padding: '2px 10px',
    borderRadius: 12,
    textDecoration: 'none',
    background: active ? 'var(--theme-elevation-150)' : 'transparent',
  })
  return (
    <nav aria-label="按审核状态筛选" style={{ display: 'flex', flexWrap: 'wrap', gap: 6, margin: '0 0 12px' }}>
      <Link href={href('')} style={style(!current)}>
        全部
      </Link>
      {REVIEW_STATES.map((s) => (
        <Link key={s} href={href(s)} style={style(current === s)}>
          {REVIEW_STATE_LABELS[s].zh}
        </Link>
      ))}
      <Link href={href(current, !mine)} style={{ ...style(mine), marginLeft: 12 }}>
        {mine ? '✓ 只看我撰写的' : '只看我撰写的'}
      </Link>
    </nav>
  )
}
