import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import React from 'react'

import { ArchiveView } from '../../../../cockpit/site/ArchiveView'
import { getSitePayload, requireUser } from '../../../../site/auth'
import { learningArchive } from '../../../../study/archive'

export const metadata: Metadata = { title: '我的学习档案' }

/** 我的学习档案: the signed-in member's whole learning record, printable and exportable. */
export default async function MyArchivePage() {
  const user = await requireUser('/me/archive')
  const payload = await getSitePayload()
  const archive = await learningArchive(payload, Number(user.id))
  if (!archive) notFound()
  return <ArchiveView archive={archive} own exportHref="/api/archive/me?format=xlsx" back={{ href: '/me', label: '返回我的学习' }} />
}
