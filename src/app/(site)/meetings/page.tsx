import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { hasRole, idOf } from '../../../access/roles'
import { wallClock } from '../../../clock'
import { reviewedOrgs } from '../../../meetings/access'
import { meetingsFor } from '../../../meetings/read'
import { typesText } from '../../../meetings/hooks'
import { ATTENDANCE_STATUS_LABELS, MEETING_STATUS_LABELS, type AttendanceStatus, type MeetingStatus } from '../../../meetings/rules'
import { DrawInspectors, PlanBatch, PlanReview } from '../../../site/islands'
import { getSitePayload, requireUser } from '../../../site/auth'
import { formatDateTime } from '../../../site/content'
import { Badge, Empty, PageTitle, Section } from '../../../site/ui'
import type { Meeting, Organization } from '../../../payload-types'

export const metadata: Metadata = { title: '组织生活' }

/** The month of a meeting in Beijing time, as the plan endpoint names it (2026-12) and as people read it. */
const monthOf = (m: Meeting) => {
  const d = new Date(new Date(m.startsAt).getTime() + 8 * 3600_000)
  return { period: d.toISOString().slice(0, 7), label: `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月` }
}
/** Meetings grouped by a key, in first-seen order. */
const groupBy = <T,>(items: T[], key: (t: T) => string) => {
  const groups = new Map<string, T[]>()
  for (const t of items) groups.set(key(t), [...(groups.get(key(t)) ?? []), t])
  return [...groups.values()]
}

const orgName = (m: Meeting) => (typeof m.organization === 'object' && m.organization ? (m.organization as Organization).name : '')

function MeetingItem({ m, mine }: { m: Meeting; mine?: AttendanceStatus }) {
  return (
    <li className="list__item" data-testid="meeting">
      <Link href={`/meetings/${m.id}`}>
        <span className="list__title">
          <Badge tone={m.status === 'recorded' ? 'ok' : m.status === 'returned' ? 'warn' : 'plain'}>
            {MEETING_STATUS_LABELS[m.status as MeetingStatus].zh}
          </Badge>{' '}
          {m.topic}
        </span>
        <span className="list__meta">
          {typesText(m.types)} · <time dateTime={m.startsAt}>{formatDateTime(m.startsAt)}</time>
          {m.place ? ` · ${m.place}` : ''}
          {mine ? ` · 我：${ATTENDANCE_STATUS_LABELS[mine].zh}` : ''}
        </span>
      </Link>
    </li>
  )
}

/**
 * 组织生活: the branch's meetings (plans the secretary filed, upcoming and past), the person's own
 * attendance, and for college committee staff the plans waiting for their review.
 */
export default async function MeetingsPage() {
  const user = await requireUser('/meetings')
  const payload = await getSitePayload()
  const { branch, toReview, myStatus } = await meetingsFor(payload, user)
  // Read once per request, outside render's purity rule (src/clock.ts: real time, not the study clock).
  const now = wallClock()
  const upcoming = branch.filter((m) => new Date(m.endsAt).getTime() >= now && m.status !== 'cancelled').reverse()
  const past = branch.filter((m) => new Date(m.endsAt).getTime() < now || m.status === 'cancelled')
  const secretary = hasRole(user, 'branchSecretary')
  // The secretary's plans not yet sent (drafts and returned), by month: each month is sent at once.
  const unsent = secretary
    ? groupBy(
        upcoming.filter((m) => m.status === 'draft' || m.status === 'returned'),
        (m) => monthOf(m).period,
      )
    : []
  const reviewGroups = groupBy(toReview, (m) => `${String(idOf(m.organization))}:${monthOf(m).period}`)
  const tasks = (
    await payload.find({
      collection: 'meeting-inspections',
      where: { and: [{ inspector: { equals: user.id } }, { status: { equals: 'assigned' } }] },
      depth: 1,
      limit: 100,
      overrideAccess: false,
      user,
    })
  ).docs
  // Committee staff: the branches below them, each with its year's record.
  const below = hasRole(user, 'partyCommittee') ? await reviewedOrgs(payload, user) : []
  const branches = below.length
    ? (
        await payload.find({
          collection: 'organizations',
          where: { and: [{ id: { in: below } }, { type: { equals: 'branch' } }] },
          sort: 'name',
          limit: 500,
          depth: 0,
          select: { name: true },
        })
      ).docs
    : []
  return (
    <div className="container">
      <PageTitle title="组织生活" lead="三会一课、主题党日、组织生活会：会议计划、请假、扫码签到和会议纪要。参会不要求拍照或定位。" />
      <p className="meta-row">
        {secretary ? (
          <Link className="button" href="/meetings/new">
            填报组织生活计划
          </Link>
        ) : null}{' '}
        {user.organization ? <Link href="/meetings/record">本支部年度组织生活记录</Link> : null}{' '}
        {user.organization ? <Link href="/meetings/talks">谈心谈话</Link> : null}
      </p>
      {unsent.length ? (
        <Section id="unsent" title="待报送的计划">
          {unsent.map((ms) => (
            <div key={monthOf(ms[0]).period}>
              <p>
                {monthOf(ms[0]).label}：{ms.map((m) => m.topic).join('；')}
              </p>
              <PlanBatch period={monthOf(ms[0]).period} label={monthOf(ms[0]).label} count={ms.length} />
            </div>
          ))}
        </Section>
      ) : null}
      {toReview.length ? (
        <Section id="review" title={`待审核的计划（${toReview.length}）`}>
          {reviewGroups
            .filter((ms) => ms.length > 1)
            .map((ms) => (
              <div key={`${String(idOf(ms[0].organization))}:${monthOf(ms[0]).period}`} className="card">
                <p>
                  {orgName(ms[0])} {monthOf(ms[0]).label}计划（{ms.length} 项）
                </p>
                <PlanBatch
                  period={monthOf(ms[0]).period}
                  label={monthOf(ms[0]).label}
                  count={ms.length}
                  branch={Number(idOf(ms[0].organization))}
                />
              </div>
            ))}
          <ul className="list">
            {toReview.map((m) => (
              <li className="list__item" key={m.id} data-testid="plan-to-review">
                <Link href={`/meetings/${m.id}`}>
                  <span className="list__title">
                    {orgName(m)}：{m.topic}
                  </span>
                  <span className="list__meta">
                    {typesText(m.types)} · {formatDateTime(m.startsAt)}
                    {m.place ? ` · ${m.place}` : ''}
                  </span>
                </Link>
                <PlanReview meetingId={m.id} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {tasks.length ? (
        <Section id="inspections" title={`我的督查任务（${tasks.length}）`}>
          <ul className="list">
            {tasks.map((t) => (typeof t.meeting === 'object' && t.meeting ? <MeetingItem key={t.id} m={t.meeting as Meeting} /> : null))}
          </ul>
        </Section>
      ) : null}
      {branches.length ? <DrawInspectors /> : null}
      {branches.length ? (
        <Section id="branches" title="所辖支部组织生活记录">
          <ul className="list">
            {branches.map((b) => (
              <li className="list__item" key={b.id}>
                <Link href={`/meetings/record?org=${b.id}`}>{b.name}</Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="upcoming" title="即将召开">
        {upcoming.length ? (
          <ul className="list">
            {upcoming.map((m) => (
              <MeetingItem key={m.id} m={m} mine={myStatus.get(m.id)?.status as AttendanceStatus | undefined} />
            ))}
          </ul>
        ) : (
          <Empty>本支部暂无即将召开的组织生活。</Empty>
        )}
      </Section>
      <Section id="past" title="已召开">
        {past.length ? (
          <ul className="list">
            {past.map((m) => (
              <MeetingItem
                key={m.id}
                m={m}
                mine={(myStatus.get(m.id)?.status as AttendanceStatus | undefined) ?? (m.status === 'recorded' ? 'absent' : undefined)}
              />
            ))}
          </ul>
        ) : (
          <Empty>还没有已召开的组织生活记录。</Empty>
        )}
      </Section>
    </div>
  )
}
