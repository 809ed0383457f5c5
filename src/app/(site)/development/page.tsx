import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { hasRole } from '../../../access/roles'
import { isSecretaryOf, orgOf } from '../../../meetings/access'
import { committeeOf } from '../../../meetings/talks'
import { branchPipeline, developmentFunnel, myDevelopmentTasks, ownCase, stageTraining, type PipelineRow } from '../../../development/read'
import { ApplyForm, DevFlash, ObjectionForm } from '../../../site/islands'
import { POLITICAL_STAGE_LABELS, type PoliticalStage } from '../../../people/stages'
import { getSitePayload, requireUser } from '../../../site/auth'
import { formatDate, formatHours } from '../../../site/content'
import { Badge, Empty, PageTitle, Section } from '../../../site/ui'
import { shanghaiDay } from '../../../dates'

export const metadata: Metadata = { title: '发展党员' }

const stageText = (s: string) => POLITICAL_STAGE_LABELS[s as PoliticalStage]?.zh ?? s

function PipelineTable({ rows, showBranch }: { rows: PipelineRow[]; showBranch?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="pipeline">
        <thead>
          <tr>
            <th>姓名</th>
            {showBranch ? <th>支部</th> : null}
            <th>阶段</th>
            <th>下一步</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.overdue.length ? 'row--warn' : undefined}>
              <td>
                <Link href={`/development/${r.id}`}>{r.person}</Link>
              </td>
              {showBranch ? <td>{r.branch}</td> : null}
              <td>{stageText(r.stage)}</td>
              <td>
                {r.status === 'active' && r.next ? `第 ${r.next.no} 步 ${r.next.title}` : r.status === 'cancelled' ? '已终止' : '已归档'}
              </td>
              <td>
                {r.overdue.length ? (
                  <Badge tone="red">逾期：{r.overdue.map((o) => `第 ${o.step.no} 步（应于 ${o.due} 前）`).join('、')}</Badge>
                ) : null}
                {r.blocked ? (
                  <span className="muted"> {r.blocked.reason}</span>
                ) : r.status === 'active' ? (
                  <Badge tone="ok">可办理</Badge>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/**
 * 发展党员: the person's own path (or the application that opens it), the 党校 training of their
 * stage, votes waiting for their ballot and the branch's 公示; the branch committee's pipeline; the
 * committee's funnel over the organisations below it.
 */
export default async function DevelopmentPage() {
  const user = await requireUser('/development')
  const payload = await getSitePayload()
  const today = shanghaiDay(new Date())
  const mine = await ownCase(payload, Number(user.id))
  const stage = String((user as { politicalStage?: string }).politicalStage ?? 'masses')
  const training = await stageTraining(payload, user)
  const tasks = await myDevelopmentTasks(payload, user)
  const branch = orgOf(user)
  const onCommittee =
    branch !== null && (isSecretaryOf(user, branch) || (await committeeOf(payload, undefined, branch)).includes(Number(user.id)))
  const pipeline = onCommittee && branch ? await branchPipeline(payload, branch) : null
  const funnel = hasRole(user, 'partyCommittee') ? await developmentFunnel(payload, user) : null
  return (
    <div className="container">
      <PageTitle title="发展党员" lead="从递交入党申请书到转为正式党员：每一步由谁办理、何时可以办理、还差什么，都在这里。" />
      <DevFlash />
      {tasks.votes.length ? (
        <Section id="votes" title="待我表决">
          <ul className="list" data-testid="my-votes">
            {tasks.votes.map((v) => (
              <li className="list__item" key={v.id}>
                <Link href={`/development/votes/${v.id}`}>
                  <span className="list__title">
                    {v.title}：{v.person}
                  </span>
                  <span className="list__meta">支部党员大会表决 · 不记名投票</span>
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {tasks.notices.length ? (
        <Section id="notices" title="支部公示">
          <ul className="list" data-testid="branch-notices">
            {tasks.notices.map((n) => (
              <li className="list__item" key={n.id}>
                <span className="list__title">
                  {n.title}：{n.person}
                </span>
                <span className="list__meta">
                  公示期 {formatDate(new Date(n.posted_on).toISOString())} 至 {formatDate(new Date(n.ends_on).toISOString())}
                  {n.content ? ` · ${n.content}` : ''}
                </span>
                <ObjectionForm noticeId={Number(n.id)} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="mine" title="我的入党历程">
        {mine ? (
          <p>
            当前阶段：<strong data-testid="my-stage">{stageText(stage)}</strong> ·{' '}
            <Link href={`/development/${mine}`}>查看我的发展档案和下一步</Link>
          </p>
        ) : stage === 'masses' ? (
          <>
            <p className="muted">年满十八岁、承认党的纲领和章程的，可以向所在单位的党支部递交入党申请书。</p>
            <ApplyForm today={today} />
          </>
        ) : (
          <Empty>你的政治面貌为{stageText(stage)}，没有进行中的发展档案。</Empty>
        )}
      </Section>
      {training ? (
        <Section id="training" title="党校培训（必修）">
          {training.courses.length || training.trainings.length ? (
            <ul className="list" data-testid="stage-training">
              {training.courses.map((c) => (
                <li className="list__item" key={`c${c.id}`}>
                  <Link href={`/courses/${c.id}`}>
                    <span className="list__title">
                      <Badge tone="red">必修</Badge> {c.title}
                    </span>
                    <span className="list__meta">
                      已学 {c.completed}/{c.lessons} 节 · {formatHours(c.hours)} 学时
                    </span>
                  </Link>
                </li>
              ))}
              {training.trainings.map((t) => (
                <li className="list__item" key={`t${t.id}`}>
                  <span className="list__title">{t.title}</span>
                  <span className="list__meta">
                    {formatDate(t.date)} · {formatHours(t.hours)} 学时（已确认）
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>本阶段的党校培训课程尚未发布。</Empty>
          )}
        </Section>
      ) : null}
      {pipeline ? (
        <Section id="pipeline" title="本支部发展党员工作">
          {pipeline.length ? <PipelineTable rows={pipeline} /> : <Empty>本支部暂无发展档案。</Empty>}
        </Section>
      ) : null}
      {funnel ? (
        <Section id="funnel" title="发展党员情况（所辖党组织）">
          <ul className="me-summary" data-testid="funnel">
            {funnel.stages.map((s) => (
              <li key={s.stage}>
                <strong>{s.count}</strong>
                <span>
                  {stageText(s.stage)}
                  {funnel.meanDays[s.stage] !== null ? `，平均已 ${funnel.meanDays[s.stage]} 天` : ''}
                </span>
              </li>
            ))}
          </ul>
          <p>
            <a href="/api/development-cases/funnel.xlsx">导出 Excel</a>
          </p>
          {funnel.byOrg.length ? (
            <div className="table-wrap">
              <table className="table" data-testid="funnel-by-org">
                <thead>
                  <tr>
                    <th>党组织</th>
                    {funnel.stages.map((s) => (
                      <th key={s.stage}>{stageText(s.stage)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {funnel.byOrg.map((o) => (
                    <tr key={o.org}>
                      <td>{o.org}</td>
                      {funnel.stages.map((s) => (
                        <td key={s.stage}>{o.counts[s.stage]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <h3>逾期步骤</h3>
          {funnel.overdue.length ? <PipelineTable rows={funnel.overdue} showBranch /> : <Empty>没有逾期的步骤。</Empty>}
          <h3>全部进行中的档案</h3>
          <PipelineTable rows={funnel.rows} showBranch />
        </Section>
      ) : null}
    </div>
  )
}
