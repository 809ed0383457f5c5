import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import React from 'react'

import { hasRole, idOf } from '../../../../access/roles'
import { wallClock } from '../../../../clock'
import { typesText } from '../../../../meetings/hooks'
import { meetingFor } from '../../../../meetings/read'
import {
  ATTENDANCE_STATUS_LABELS,
  EXCUSE_KIND_LABELS,
  MEETING_STATUS_LABELS,
  type AttendanceStatus,
  type ExcuseKind,
  type MeetingStatus,
} from '../../../../meetings/rules'
import { ASPECT_LABELS, ASPECTS, RATING_LABELS, RATINGS, type Rating } from '../../../../meetings/inspection'
import { InspectionForm, LeaveDecision, LeaveForm, MinutesForm, PlanReview } from '../../../../site/islands'
import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatDateTime, formatHours, idParam } from '../../../../site/content'
import { Badge, Empty, PageTitle, Section } from '../../../../site/ui'
import type { User } from '../../../../payload-types'

type Props = { params: Promise<{ id: string }> }

export const metadata: Metadata = { title: '组织生活' }

const nameOf = (u: unknown) => (u && typeof u === 'object' ? String((u as User).name ?? '') : '')

/**
 * One meeting: the plan, the person's own attendance (and leave before the start), for its secretary
 * and recorder the sign-in screen, the attendance with leave decisions and the minutes form; for
 * everyone of the branch the confirmed minutes, with earlier versions kept.
 */
export default async function MeetingPage({ params }: Props) {
  const id = idParam((await params).id)
  if (id === null) notFound()
  const user = await requireUser(`/meetings/${id}`)
  const payload = await getSitePayload()
  const found = await meetingFor(payload, user, id)
  if (!found) notFound()
  const { meeting: m, attendance, minutes } = found
  const branch = Number(idOf(m.organization))
  const secretary = hasRole(user, 'branchSecretary') && Number(idOf((user as { organization?: unknown }).organization)) === branch
  const keeper = secretary || Number(idOf(m.recorder)) === Number(user.id)
  const reviewer = !keeper && hasRole(user, 'partyCommittee') && m.status === 'submitted'
  const mine = attendance.find((a) => Number(idOf(a.member)) === Number(user.id))
  // Read once per request, outside render's purity rule (src/clock.ts: real time, not the study clock).
  const now = wallClock()
  const started = new Date(m.startsAt).getTime() <= now
  const ended = new Date(m.endsAt).getTime() < now
  const confirmed = minutes.filter((v) => v.status === 'confirmed')
  const draft = minutes.find((v) => v.status === 'draft') ?? null
  const pending = attendance.filter((a) => a.status === 'leaveRequested')
  const inspections = (
    await payload.find({
      collection: 'meeting-inspections',
      where: { meeting: { equals: m.id } },
      depth: 1,
      limit: 10,
      overrideAccess: false,
      user,
    })
  ).docs
  return (
    <div className="container">
      <PageTitle title={m.topic} lead={`${typesText(m.types)} · ${MEETING_STATUS_LABELS[m.status as MeetingStatus].zh}`} />
      <Section id="plan" title="会议安排">
        <dl className="facts">
          <dt>时间</dt>
          <dd>
            {formatDateTime(m.startsAt)} 至 {formatDateTime(m.endsAt)}
          </dd>
          {m.place ? (
            <>
              <dt>地点</dt>
              <dd>{m.place}</dd>
            </>
          ) : null}
          <dt>所属年度</dt>
          <dd>{m.year}年度</dd>
          {m.chair ? (
            <>
              <dt>主持人</dt>
              <dd>{nameOf(m.chair)}</dd>
            </>
          ) : null}
          {m.recorder ? (
            <>
              <dt>记录人</dt>
              <dd>{nameOf(m.recorder)}</dd>
            </>
          ) : null}
          {m.speaker ? (
            <>
              <dt>党课授课人</dt>
              <dd>{nameOf(m.speaker)}</dd>
            </>
          ) : null}
          {m.agenda ? (
            <>
              <dt>议程</dt>
              <dd className="pre">{m.agenda}</dd>
            </>
          ) : null}
          {m.status === 'returned' && m.returnReason ? (
            <>
              <dt>退回理由</dt>
              <dd>{m.returnReason}</dd>
            </>
          ) : null}
          {m.status === 'recorded' ? (
            <>
              <dt>应到 / 实到 / 请假</dt>
              <dd data-testid="tally">
                {m.expectedCount} / {m.presentCount} / {m.leaveCount}
                {m.creditHours ? `（参会者每人计 ${formatHours(m.creditHours)} 学时）` : ''}
              </dd>
            </>
          ) : null}
        </dl>
        {reviewer ? <PlanReview meetingId={m.id} /> : null}
      </Section>

      <Section id="me" title="我的参会">
        {mine ? (
          <p data-testid="my-attendance">
            <Badge tone={mine.status === 'present' ? 'ok' : 'plain'}>{ATTENDANCE_STATUS_LABELS[mine.status as AttendanceStatus].zh}</Badge>
            {mine.signedInAt ? ` 签到时间 ${formatDateTime(mine.signedInAt)}` : ''}
            {mine.reason ? ` · ${mine.reason}` : ''}
          </p>
        ) : m.status === 'approved' && !started && Number(idOf((user as { organization?: unknown }).organization)) === branch ? (
          <LeaveForm meetingId={m.id} memberId={Number(user.id)} />
        ) : m.status === 'recorded' ? (
          <p>缺席</p>
        ) : (
          <Empty>会议开始后请扫描会场的签到二维码签到。</Empty>
        )}
      </Section>

      {keeper && m.status === 'approved' && !ended ? (
        <p className="meta-row">
          <Link className="button" href={`/meetings/${m.id}/code`}>
            展示签到码
          </Link>
        </p>
      ) : null}

      {keeper || (hasRole(user, 'partyCommittee') && !secretary) ? (
        <Section id="attendance" title={`参会情况（已到 ${attendance.filter((a) => a.status === 'present').length} 人）`}>
          {attendance.length ? (
            <ul className="list">
              {attendance.map((a) => (
                <li className="list__item" key={a.id} data-testid="attendance-row">
                  <span className="list__title">
                    {nameOf(a.member)}{' '}
                    <Badge tone={a.status === 'present' ? 'ok' : a.status === 'leaveRequested' ? 'warn' : 'plain'}>
                      {ATTENDANCE_STATUS_LABELS[a.status as AttendanceStatus].zh}
                    </Badge>
                  </span>
                  <span className="list__meta">
                    {a.method === 'qr' ? '扫码签到' : a.method === 'manual' ? '记录人登记' : '请假'}
                    {a.signedInAt ? ` · ${formatDateTime(a.signedInAt)}` : ''}
                    {a.reason ? ` · ${a.reason}` : ''}
                    {a.status === 'excused' && a.excuseKind
                      ? ` · ${EXCUSE_KIND_LABELS[a.excuseKind as ExcuseKind].zh}（${a.excuseApproval ?? ''}）`
                      : ''}
                  </span>
                  {secretary && a.status === 'leaveRequested' && m.status === 'approved' ? <LeaveDecision attendanceId={a.id} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>还没有签到或请假记录。</Empty>
          )}
          {pending.length && secretary ? <p className="meta-row">有 {pending.length} 条请假待批准。</p> : null}
          {keeper ? (
            <p className="meta-row">
              补记到会、登记不计入应到的人员：<Link href="/admin/collections/meeting-attendance/create">参会记录</Link>（须写明理由）
            </p>
          ) : null}
        </Section>
      ) : null}

      {inspections.length ? (
        <Section id="inspection" title="督查">
          {inspections.map((x) =>
            x.status === 'filed' ? (
              <div className="card" key={x.id} data-testid="inspection">
                <p>
                  督查员 {nameOf(x.inspector)} ·{' '}
                  {ASPECTS.map((a) => `${ASPECT_LABELS[a]}：${x[a] ? RATING_LABELS[x[a] as Rating].zh : '—'}`).join('，')}
                </p>
                {x.comments ? <p className="pre">{x.comments}</p> : null}
              </div>
            ) : Number(idOf(x.inspector)) === Number(user.id) && started ? (
              <InspectionForm
                key={x.id}
                id={x.id}
                aspects={ASPECTS.map((a) => ({ value: a, label: ASPECT_LABELS[a] }))}
                ratings={RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r].zh }))}
              />
            ) : (
              <p key={x.id}>
                督查员 {nameOf(x.inspector)} 将列席本次会议
                {Number(idOf(x.inspector)) === Number(user.id) ? '；会议开始后在此填写督查意见' : ''}。
              </p>
            ),
          )}
        </Section>
      ) : null}

      <Section id="minutes" title="会议纪要">
        {confirmed.length ? (
          confirmed.map((v, i) => (
            <article className="card minutes" key={v.id} data-testid={i === 0 ? 'minutes-current' : 'minutes-earlier'}>
              <h3>
                第 {v.version} 版{i === 0 ? '（现行）' : '（已被更正）'} · 确认于 {formatDateTime(v.confirmedAt)}
              </h3>
              {v.correctionReason ? <p className="meta-row">更正理由：{v.correctionReason}</p> : null}
              <p className="pre">{v.summary}</p>
              {(v.resolutions ?? []).map((r) => (
                <p key={r.id}>
                  决议：{r.text}
                  {r.votesFor != null ? `（赞成 ${r.votesFor}，反对 ${r.votesAgainst ?? 0}，弃权 ${r.abstentions ?? 0}）` : ''}
                </p>
              ))}
            </article>
          ))
        ) : (
          <Empty>纪要确认后在此显示。</Empty>
        )}
        {keeper && started && (m.status === 'approved' || m.status === 'recorded') ? (
          <>
            <h3>{draft ? '纪要草稿' : confirmed.length ? '更正纪要（新建更正版本，原版本保留）' : '起草纪要'}</h3>
            <MinutesForm
              meetingId={m.id}
              draft={draft ? { id: draft.id, summary: draft.summary } : null}
              mayConfirm={secretary}
              correcting={confirmed.length > 0}
            />
          </>
        ) : null}
      </Section>
      <p className="meta-row">
        <Link href="/meetings">返回组织生活</Link>
      </p>
    </div>
  )
}
