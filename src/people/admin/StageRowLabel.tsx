'use client'

import { useRowLabel } from '@payloadcms/ui'
import React from 'react'

import { formatAdminDate } from '../../dates'
import type { User } from '../../payload-types'
import { POLITICAL_STAGE_LABELS } from '../stages'

type Entry = NonNullable<User['stageHistory']>[number]

/** A 发展历程 row named by what it records ("预备党员 · 2025年9月3日 · 支部大会通过") instead of "记录 01". */
export function StageRowLabel() {
  const { data } = useRowLabel<Partial<Entry>>()
  const stage = data?.stage ? POLITICAL_STAGE_LABELS[data.stage]?.zh : null
  const parts = [
    stage ?? '（未填阶段）',
    formatAdminDate(data?.date),
    data?.note,
    data?.source === 'correction' ? '手工更正' : null,
  ].filter(Boolean)
  return <span>{parts.join(' · ')}</span>
}
