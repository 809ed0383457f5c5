import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { idOf } from '../../../../access/roles'
import { poolOf } from '../../../../db/pool'
import { activePeopleOfBranch, peopleNames } from '../../../../meetings/queries'
import { TalkForm } from '../../../../site/islands'
import { committeeOf, talkCoverage } from '../../../../meetings/talks'
import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatDate } from '../../../../site/content'
import { Empty, PageTitle, Section } from '../../../../site/ui'
import { yearOf } from '../../../../study/pace'
import { shanghaiDay } from '../../../../dates'

export const metadata: Metadata = { title: '谈心谈话' }

/**
 * 谈心谈话: the talks the person took part in (and, for the branch's committee, all of the branch's),
 * this year's coverage (pairs of committee members and members still without a talk), and the form
 * to record one. Names of the branch's people come from the database here because the committee's
 * 委员 may not read the people collection; the page shows them only to the committee.
 */
export default async function TalksPage() {
  const user = await requireUser('/meetings/talks')
  const payload = await getSitePayload()
  const branch = Number(idOf((user as { organization?: unknown }).organization)) || null
  const committee = branch ? await committeeOf(payload, undefined, branch) : []
  const onCommittee = committee.includes(Number(user.id))
  const year = yearOf(new Date())
  const talks = (
    await payload.find({
      collection: 'heart-talks',
      sort: '-date',
      limit: 200,
      depth: 0,
      overrideAccess: false,
      user,
      where: { year: { greater_than_equal: year - 1 } },
    })
  ).docs
  // The names of those in the talks this person may read (a member may not read the others' records).
  const ids = [...new Set(talks.flatMap((t) => (t.participants ?? []).map((p) => Number(idOf(p)))))]
  const nameOf = new Map((await peopleNames(poolOf(payload), ids)).map((r) => [Number(r.id), r.name]))
  const names = (v: unknown[] | null | undefined) =>
    (v ?? [])
      .map((p) => nameOf.get(Number(idOf(p))) ?? '')
      .filter(Boolean)
      .join('、')
  const coverage = onCommittee && branch ? (await talkCoverage(payload, [branch], year)).get(branch) : undefined
  const people = onCommittee && branch ? await activePeopleOfBranch(poolOf(payload), branch) : []
  return (
    <div className="container">
      <PageTitle title="谈心谈话" lead="支部委员之间、支部委员和党员之间每年至少谈心谈话一次。只需记录谈话双方和日期，不要求照片。" />
      <p className="meta-row">
        <Link href="/meetings">返回组织生活</Link>
      </p>
      {coverage ? (
        <Section id="coverage" title={`${year}年度完成情况`}>
          <p data-testid="talk-coverage">
            {coverage.pairs ? `支部委员之间 ${coverage.pairs - coverage.missingPairs.length}/${coverage.pairs} 对；` : ''}
            {coverage.pairs ? '支部委员' : '书记'}与党员 {coverage.members - coverage.unreached.length}/{coverage.members} 人。
          </p>
          {coverage.missingPairs.length ? (
            <p data-testid="talk-pairs-missing">委员之间尚未谈话：{coverage.missingPairs.join('、')}</p>
          ) : null}
          {coverage.unreached.length ? <p data-testid="talk-unreached">尚未与支部委员谈话的党员：{coverage.unreached.join('、')}</p> : null}
        </Section>
      ) : null}
      {onCommittee ? (
        <Section id="record" title="记录一次谈心谈话">
          <TalkForm people={people.map((p) => ({ id: Number(p.id), name: p.name }))} me={Number(user.id)} today={shanghaiDay(new Date())} />
        </Section>
      ) : null}
      <Section id="talks" title={onCommittee ? '本支部的谈心谈话' : '我的谈心谈话'}>
        {talks.length ? (
          <ul className="list" data-testid="talks">
            {talks.map((t) => (
              <li className="list__item" key={t.id}>
                <span className="list__title">{names(t.participants)}</span>
                <span className="list__meta">
                  {formatDate(t.date)}（{t.year}年度）{t.topic ? ` · ${t.topic}` : ''}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>暂无谈心谈话记录。</Empty>
        )}
      </Section>
    </div>
  )
}
