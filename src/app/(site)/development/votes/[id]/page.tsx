import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import React from 'react'

import { idOf } from '../../../../../access/roles'
import { poolOf } from '../../../../../db/pool'
import { hasVoted, personName } from '../../../../../development/queries'
import { BallotForm, DevFlash } from '../../../../../site/islands'
import { getSitePayload, requireUser } from '../../../../../site/auth'
import { idParam } from '../../../../../site/content'
import { Badge, PageTitle, Section } from '../../../../../site/ui'

export const metadata: Metadata = { title: '支部党员大会表决' }

/** A branch vote on a phone: the motion, one secret ballot, and the result once it is closed. */
export default async function VotePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const voteId = idParam(id)
  const user = await requireUser(`/development/votes/${id}`)
  if (!voteId) notFound()
  const payload = await getSitePayload()
  const vote = (
    await payload.find({
      collection: 'development-votes',
      where: { id: { equals: voteId } },
      limit: 1,
      depth: 0,
      overrideAccess: false,
      user,
    })
  ).docs[0]
  if (!vote) notFound()
  const voter = (vote.voters ?? []).map((v) => Number(idOf(v))).includes(Number(user.id))
  const candidate = (await personName(poolOf(payload), Number(idOf(vote.person)))) ?? ''
  const voted = await hasVoted(poolOf(payload), vote.id, Number(user.id))
  return (
    <div className="container container--narrow">
      <PageTitle title="支部党员大会表决" lead={`${vote.title}：${candidate}`} />
      <DevFlash />
      <Section id="ballot" title={vote.status === 'open' ? '投票' : '表决结果'}>
        {vote.status === 'closed' ? (
          <p data-testid="vote-result">
            <Badge tone={vote.passed ? 'ok' : 'warn'}>{vote.passed ? '通过' : '未通过'}</Badge> 应到 {vote.expected} 人，实到 {vote.present}{' '}
            人，赞成 {vote.inFavour}（含书面意见），反对 {vote.against}，弃权 {vote.abstain}。{vote.reason}
          </p>
        ) : voted ? (
          <p data-testid="voted">你已投票。投票不记名，结果在表决结束后公布。</p>
        ) : voter ? (
          <>
            <p className="muted">应到有表决权的正式党员 {vote.expected} 人。不记名投票：只记录你是否参加，不记录你的选择。</p>
            <BallotForm voteId={Number(vote.id)} />
          </>
        ) : (
          <p>你不在本次表决的表决人之列（表决开始时本支部有表决权的正式党员；预备党员没有表决权）。</p>
        )}
      </Section>
      <p className="meta-row">
        <Link href="/development">返回发展党员</Link>
      </p>
    </div>
  )
}
