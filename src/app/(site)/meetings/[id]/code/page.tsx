import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import React from 'react'

import { SignInCode } from '../../../../../site/islands'
import { getSitePayload, requireUser } from '../../../../../site/auth'
import { formatDateTime, idParam } from '../../../../../site/content'
import { PageTitle } from '../../../../../site/ui'

type Props = { params: Promise<{ id: string }> }

export const metadata: Metadata = { title: '签到码' }

/** The rotating sign-in code, shown by the recorder or secretary on a screen or phone at the meeting. */
export default async function SignInCodePage({ params }: Props) {
  const id = idParam((await params).id)
  if (id === null) notFound()
  const user = await requireUser(`/meetings/${id}/code`)
  const payload = await getSitePayload()
  const found = await payload.find({
    collection: 'meetings',
    where: { id: { equals: id } },
    limit: 1,
    depth: 0,
    overrideAccess: false,
    user,
  })
  const m = found.docs[0]
  if (!m) notFound()
  return (
    <div className="container">
      <PageTitle title={`签到：${m.topic}`} lead={`${formatDateTime(m.startsAt)} 开始。会前 30 分钟开放签到，会议结束时关闭。`} />
      <SignInCode meetingId={m.id} />
      <p className="meta-row">
        <Link href={`/meetings/${m.id}`}>返回会议</Link>
      </p>
    </div>
  )
}
