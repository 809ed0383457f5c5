import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import React from 'react'

import { caseView } from '../../../../development/read'
import { CloseVoteButton, DevFlash, HandleForm, NoticeForm, OpenVoteForm, StepForm } from '../../../../site/islands'
import { ACTOR_LABELS, PHASE_LABELS, TRAINING_FOR_LABELS, type Phase } from '../../../../development/steps'
import { POLITICAL_STAGE_LABELS, type PoliticalStage } from '../../../../people/stages'
import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatDate, formatDateTime, formatHours, idParam } from '../../../../site/content'
import { Badge, Empty, PageTitle, Section } from '../../../../site/ui'
import { shanghaiDay } from '../../../../dates'

export const metadata: Metadata = { title: '发展档案' }

/**
 * 发展档案: the 25 steps by phase (done, with date, who and documents; the next one with what blocks
 * it and the form for whoever may do it), the training evidence at the steps that show it, the 公示
 * and the branch votes.
 */
export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const caseId = idParam(id)
  const user = await requireUser(`/development/${id}`)
  if (!caseId) notFound()
  const payload = await getSitePayload()
  const v = await caseView(payload, user, caseId)
  if (!v) notFound()
  const today = shanghaiDay(new Date())
  const { state, c } = v
  const doneBy = new Map(v.steps.map((s) => [s.no, s]))
  const meetings = v.may.vote
    ? (
        await payload.find({
          collection: 'meetings',
          where: {
            and: [
              { organization: { equals: c.branch } },
              { types: { contains: 'generalMeeting' } },
              { status: { in: ['approved', 'recorded'] } },
            ],
          },
          sort: '-startsAt',
          limit: 20,
          depth: 0,
          overrideAccess: true,
        })
      ).docs.map((m) => ({ id: Number(m.id), label: `${formatDateTime(m.startsAt)} ${m.topic}` }))
    : []
  const phases = [...new Set(c.rules.steps.map((s) => s.phase))] as Phase[]
  return (
    <div className="container">
      <PageTitle
        title={`${v.personName}的发展档案`}
        lead={`${v.branchName} · 当前阶段：${POLITICAL_STAGE_LABELS[c.doc.stage as PoliticalStage]?.zh ?? c.doc.stage} · 适用规则：${c.rules.title}（${c.rules.version}）`}
      />
      <DevFlash />
      <p className="meta-row">
        <Link href="/development">返回发展党员</Link> ·{' '}
        <a href={`/api/development-cases/${c.doc.id}/bundle.pdf`}>导出档案材料（PDF，含目录）</a>
      </p>
      <Section id="next" title="下一步">
        {c.doc.status === 'cancelled' ? (
          <Badge tone="warn">档案已终止</Badge>
        ) : state.finished ? (
          <Badge tone="ok">全部步骤已完成，材料已归档</Badge>
        ) : state.next ? (
          <div data-testid="next-step">
            <p>
              第 {state.next.no} 步 <strong>{state.next.title}</strong> · 由{ACTOR_LABELS[state.next.actor]}办理 · 依据{c.rules.title}
              {state.next.article}
            </p>
            {state.blocked ? (
              <p className="form__error" data-testid="blocked">
                {state.blocked.reason}
              </p>
            ) : null}
            {state.overdue.map((o) => (
              <p key={o.step.no} className="form__error" data-testid="overdue">
                第 {o.step.no} 步「{o.step.title}」已逾期：应于 {o.due} 前完成
              </p>
            ))}
            {v.may.notice && !v.notices.some((n) => n.beforeStep === state.next!.no) ? (
              <NoticeForm caseId={c.doc.id} today={today} days={c.rules.publicNotice.workingDays} />
            ) : null}
            {v.may.step && !state.blocked ? (
              <StepForm
                caseId={c.doc.id}
                no={state.next.no}
                title={state.next.title}
                documents={state.next.documents ?? []}
                today={today}
                min={c.lastDay}
              />
            ) : null}
            {v.may.vote && !state.blocked ? (
              <OpenVoteForm caseId={c.doc.id} step={state.next.no} meetings={meetings} canExtend={!c.doc.extended} />
            ) : null}
            {!v.may.step && !v.may.vote && v.may.reason ? <p className="muted">{v.may.reason}</p> : null}
          </div>
        ) : null}
      </Section>
      {v.votes.length ? (
        <Section id="votes" title="支部党员大会表决">
          <ul className="list" data-testid="case-votes">
            {v.votes.map((vote) => (
              <li className="list__item" key={vote.id}>
                <span className="list__title">
                  <Badge tone={vote.status === 'open' ? 'warn' : vote.passed ? 'ok' : 'plain'}>
                    {vote.status === 'open' ? '表决中' : vote.passed ? '通过' : '未通过'}
                  </Badge>{' '}
                  {vote.title}
                </span>
                <span className="list__meta">
                  应到 {vote.expected} 人
                  {vote.status === 'closed'
                    ? ` · 实到 ${vote.present} 人 · 赞成 ${vote.inFavour}（含书面意见）· 反对 ${vote.against} · 弃权 ${vote.abstain} · ${vote.reason}`
                    : ' · 结果在表决结束后公布'}
                </span>
                {vote.status === 'open' ? (
                  <p>
                    <Link href={`/development/votes/${vote.id}`}>表决页面（手机扫码或打开）</Link>
                  </p>
                ) : null}
                {vote.status === 'open' && v.may.close ? <CloseVoteButton voteId={Number(vote.id)} /> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {v.notices.length ? (
        <Section id="notices" title="公示">
          <ul className="list" data-testid="case-notices">
            {v.notices.map((n) => (
              <li className="list__item" key={n.id}>
                <span className="list__title">{n.title}</span>
                <span className="list__meta">
                  {formatDate(n.postedOn)} 至 {formatDate(n.endsOn)}
                  {n.openObjections ? ` · 待处理意见 ${n.openObjections} 条` : ''}
                </span>
                {(n.objections ?? []).map((o) => (
                  <div key={o.id} className="card" data-testid="objection">
                    <p>
                      {formatDate(o.receivedOn)} 收到：{o.text}
                    </p>
                    {o.handled ? (
                      <p className="muted">已处理：{o.handling}</p>
                    ) : v.may.handle ? (
                      <HandleForm noticeId={Number(n.id)} objectionId={String(o.id)} />
                    ) : (
                      <p className="muted">待核查处理</p>
                    )}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {phases.map((phase) => (
        <Section id={`phase-${phase}`} key={phase} title={PHASE_LABELS[phase]}>
          <ul className="list steps">
            {c.rules.steps
              .filter((s) => s.phase === phase)
              .map((s) => {
                const done = doneBy.get(s.no)
                const evidence = s.training ? v.evidence[s.training] : undefined
                return (
                  <li className="list__item" key={s.no} data-testid={`step-${s.no}`}>
                    <span className="list__title">
                      {done ? (
                        <Badge tone="ok">已完成</Badge>
                      ) : state.next?.no === s.no ? (
                        <Badge tone="warn">下一步</Badge>
                      ) : (
                        <Badge>未开始</Badge>
                      )}{' '}
                      {s.no}. {s.title}
                    </span>
                    <span className="list__meta">
                      {done
                        ? `${formatDate(done.date)} · ${done.doneByName}${done.notes ? ` · ${done.notes}` : ''}`
                        : `由${ACTOR_LABELS[s.actor]}办理`}
                    </span>
                    {done?.documentList.length ? (
                      <span className="list__meta">
                        材料：
                        {done.documentList.map((d) => (
                          <a key={d.id} href={d.url} target="_blank" rel="noreferrer">
                            {d.title}{' '}
                          </a>
                        ))}
                      </span>
                    ) : null}
                    {evidence && (s.no === 7 || s.no === 11 || s.no === 22) ? (
                      <span className="list__meta" data-testid={`evidence-${s.no}`}>
                        {TRAINING_FOR_LABELS[evidence.kind].zh}：
                        {evidence.courses
                          .map((x) => `${x.title}（已学 ${x.completed}/${x.lessons} 节，${formatHours(x.hours)} 学时）`)
                          .join('、') || '无线上课程'}
                        {evidence.trainings.length
                          ? `；${evidence.trainings.map((t) => `${t.title}（${formatHours(t.hours)} 学时）`).join('、')}`
                          : ''}{' '}
                        · 合计 {formatHours(evidence.hours)} 学时
                        {s.no === 11 ? `（本地规则要求不少于 ${c.rules.trainingHours} 学时）` : ''}
                      </span>
                    ) : null}
                  </li>
                )
              })}
          </ul>
        </Section>
      ))}
      {!v.steps.length ? <Empty>尚无步骤记录。</Empty> : null}
    </div>
  )
}
