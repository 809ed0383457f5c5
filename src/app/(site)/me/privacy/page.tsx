import type { Metadata } from 'next'
import React from 'react'

import { PrivacyPanel } from '../../../../site/islands'
import { getSitePayload, requireUser } from '../../../../site/auth'
import { PageTitle, Section } from '../../../../site/ui'

export const metadata: Metadata = { title: '我的个人信息' }

/** 我的 → 我的个人信息: download everything held about me, ask for deletion (PIPL). */
export default async function MyPrivacyPage() {
  const user = await requireUser('/me/privacy')
  const requests = await (
    await getSitePayload()
  ).find({
    collection: 'deletion-requests',
    where: { member: { equals: user.id } },
    user,
    overrideAccess: false,
    depth: 0,
    sort: '-createdAt',
    limit: 5,
  })
  return (
    <div className="container">
      <PageTitle title="个人信息" />
      <Section id="privacy" title="我的个人信息">
        <PrivacyPanel
          requests={requests.docs.map((r) => ({ id: r.id, status: r.status, createdAt: r.createdAt, decisionNote: r.decisionNote }))}
        />
      </Section>
    </div>
  )
}
