import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { notFound, redirect } from 'next/navigation'
import React from 'react'

import { auditArchiveRead } from '../../../../../audit/reads'
import { ArchiveView } from '../../../../../cockpit/site/ArchiveView'
import { mayUseCockpit, siteScope } from '../../../../../cockpit/site/server'
import { idOf } from '../../../../../access/roles'
import { getSitePayload, requireUser } from '../../../../../site/auth'
import { idParam } from '../../../../../site/content'
import { learningArchive } from '../../../../../study/archive'
import { asPayloadUser } from '../../../../../viewer'

type Props = { params: Promise<{ id: string }> }

export const metadata: Metadata = { title: '党员学习档案' }

/**
 * A member's 学习档案 as their branch secretary (or Party committee staff) sees it. The same rule
 * as GET /api/archive/:member: the member's organisation must lie in the viewer's scope; unknown
 * and out-of-scope members are both a 404, so nobody can probe who exists.
 */
export default async function MemberArchivePage({ params }: Props) {
  const { id: raw } = await params
  const user = await requireUser(`/branch/members/${raw}`)
  const id = idParam(raw)
  if (!id) notFound()
  if (id === Number(user.id)) redirect('/me/archive')
  if (!mayUseCockpit(user)) notFound()
  const payload = await getSitePayload()
  const [scoped, member] = await Promise.all([
    siteScope(payload, user),
    payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true, disableErrors: true, select: { organization: true } }),
  ])
  const orgId = member ? Number(idOf((member as { organization?: unknown }).organization)) || null : null
  if (!('scope' in scoped) || !orgId || !scoped.scope.orgIds.includes(orgId)) notFound()
  const archive = await learningArchive(payload, id)
  if (!archive) notFound()
  // A secretary (or committee staff) reading a member's archive: audited (src/audit/reads.ts).
  await auditArchiveRead(payload, asPayloadUser(user), archive.member, { headers: await headers() }, '页面')
  return (
    <ArchiveView
      archive={archive}
      own={false}
      exportHref={`/api/archive/${id}?format=xlsx`}
      back={{ href: '/branch', label: '返回支部学习情况' }}
    />
  )
}
