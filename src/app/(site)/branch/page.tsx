import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { hasRole, idOf } from '../../../access/roles'
import { cockpitData, HOUR_BANDS, type Band } from '../../../cockpit/data'
import { memberList } from '../../../cockpit/lists'
import { BranchCharts } from '../../../site/islands'
import { SiteTable } from '../../../cockpit/site/SiteTable'
import { currentMonth, mayUseCockpit, siteScope } from '../../../cockpit/site/server'
import { BRANCH_TABLE, columnsOf, MEMBER_TABLE } from '../../../cockpit/tables'
import { lastReminders, nextReminderAt } from '../../../branch/remind'
import { lifeOverview } from '../../../meetings/record'
import { RemindButton } from '../../../site/islands'
import { pendingFlagsOf } from '../../../integrity/held'
import { FlagReview } from '../../../site/islands'
import { COMPLIANCE_ISSUE_LABELS, type ComplianceIssue } from '../../../organizations/types'
import { getSitePayload, requireUser } from '../../../site/auth'
import { formatDate, formatDateTime, formatHours, idParam, param, withQuery } from '../../../site/content'
import { Badge, Empty, PageTitle, Section } from '../../../site/ui'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export const metadata: Metadata = { title: '支部学习情况' }

const issueText = (issues: string[]) => issues.map((i) => COMPLIANCE_ISSUE_LABELS[i as ComplianceIssue]?.zh ?? i).join('；')

/**
 * 支部学习情况: a branch secretary's branch (Party committee staff: their organisation, or a branch
 * inside it) — the year's figures, two charts, branch-rule and term reminders, the members behind
 * pace with an Excel export and a link to each member's 学习档案, and the full roster, where the
 * secretary sends a member a 提醒 (at most one a week, src/branch/remind.ts).
 */
export default async function BranchPage({ searchParams }: Props) {
  const sp = await searchParams
  const org = idParam(param(sp, 'org')) ?? undefined
  const bandParam = param(sp, 'band')
  const band = HOUR_BANDS.find((b) => b.key === bandParam)
  const user = await requireUser(withQuery('/branch', { org, band: band?.key }))

  if (!mayUseCockpit(user)) {
    return (
      <div className="container">
        <PageTitle title="支部学习情况" />
        <p className="empty" role="alert">
          支部学习情况仅供党支部书记和党委组织员查看。你的学习记录在<Link href="/me">我的学习</Link>。
        </p>
      </div>
    )
  }

  const payload = await getSitePayload()
  const scoped = await siteScope(payload, user, org)
  if (!('scope' in scoped)) {
    return (
      <div className="container">
        <PageTitle title="支部学习情况" />
        <p className="empty" role="alert">
          {scoped.status === 403 && org
            ? `${scoped.error}。`
            : scoped.status === 403
              ? '你还没有负责的党支部，请联系党委组织部设置。'
              : scoped.error}
          {org ? (
            <>
              {' '}
              <Link href="/branch">返回</Link>
            </>
          ) : null}
        </p>
      </div>
    )
  }
  const { scope } = scoped
  const filter = band ? { band: band.key as Band } : { behind: true }
  const [data, list, flags, roster] = await Promise.all([
    cockpitData(payload, scope),
    memberList(payload, scope, filter),
    pendingFlagsOf(payload, scope.orgIds),
    memberList(payload, scope, { allStages: true }),
  ])
  const reminded = await lastReminders(
    payload,
    roster.rows.map((m) => m.id),
  )
  const life = await lifeOverview(payload, scope.orgIds, data.year)
  // The secretary of the member's branch reviews a flag (never their own); committee staff read them.
  const myBranch = hasRole(user, 'branchSecretary') ? idOf((user as { organization?: unknown }).organization) : null
  const mayReview = (f: (typeof flags)[number]) => myBranch !== null && f.organizationId === Number(myBranch) && f.memberId !== user.id
  // 提醒 is the secretary's, for the members of their own branch (the server checks the same).
  const mayRemind = (m: (typeof roster.rows)[number]) => myBranch !== null && m.organizationId === Number(myBranch) && m.id !== user.id
  const blockedUntil = (id: number) => {
    const last = reminded.get(id)
    return last && nextReminderAt(last) > new Date() ? formatDateTime(nextReminderAt(last).toISOString()) : undefined
  }
  const manyBranches = data.branches.rows.length > 1
  // 所在支部 only where there is more than one branch.
  const memberColumns = (layout: 'site' | 'roster') => columnsOf(MEMBER_TABLE, layout).filter((c) => manyBranches || c.key !== 'branch')
  const flagged = data.branches.rows.filter((b) => b.needsAction)
  const exportHref = withQuery('/api/cockpit/export', { table: 'members', org, band: band?.key, behind: band ? undefined : 1 })
  const listTitle = band ? `学时 ${band.label} 的党员` : '学时落后进度的党员'

  return (
    <div className="container branch-page">
      <PageTitle
        title="支部学习情况"
        lead={`${scope.root.name} · ${data.year} 年 · 全年目标 ${data.target} 学时（支部书记、委员 ${data.cadreTarget} 学时），按进度今天应达 ${formatHours(data.expectedHours)} 学时`}
      >
        <p className="meta-row">
          {org ? <Link href="/branch">‹ 返回我的范围</Link> : null}
          <a href={withQuery('/admin/cockpit', { org })}>在管理后台打开数据驾驶舱</a>
          {/* 培训登记: the secretary records, the college confirms (the admin's list shows what waits). */}
          <a href="/admin/collections/trainings">培训登记（线下学时）</a>
          <Link href="/meetings">组织生活</Link>
        </p>
      </PageTitle>

      <dl className="kpis">
        <div className="kpi">
          <dt>党员</dt>
          <dd data-testid="branch-members">
            {data.study.members}
            <small>人</small>
          </dd>
        </div>
        <div className={data.study.onPaceShare < 100 ? 'kpi kpi--warn' : 'kpi'}>
          <dt>按进度达标</dt>
          <dd>
            {data.study.onPaceShare}
            <small>%</small>
          </dd>
          <dd className="kpi__note">{data.study.members - data.study.onPace} 人落后</dd>
        </div>
        <div className="kpi">
          <dt>已达 {data.target} 学时</dt>
          <dd>
            {data.study.atTargetShare}
            <small>%</small>
          </dd>
        </div>
        <div className="kpi">
          <dt>人均学时</dt>
          <dd>{formatHours(data.study.averageHours)}</dd>
        </div>
        <div className="kpi">
          <dt>测验参与率</dt>
          <dd>
            {data.quizzes.participation}
            <small>%</small>
          </dd>
          <dd className="kpi__note">通过率 {data.quizzes.passRate}%</dd>
        </div>
      </dl>

      <Section id="branch-life" title={`组织生活（${data.year}年度，三会一课已开/截至目前应开）`}>
        <p className="meta-row">
          <a href={withQuery('/api/meetings/overview', { org, year: data.year })} download>
            导出组织生活情况（Excel）
          </a>
        </p>
        {life.length ? (
          <div className="table-wrap">
            <table className="table" data-testid="branch-life">
              <thead>
                <tr>
                  <th scope="col">支部</th>
                  {life[0].types.map((t) => (
                    <th scope="col" key={t.type}>
                      {t.label}
                    </th>
                  ))}
                  <th scope="col">出勤率</th>
                  <th scope="col">督查</th>
                  <th scope="col">未讲党课的领导干部</th>
                </tr>
              </thead>
              <tbody>
                {life.map((b) => (
                  <tr key={b.id} className={b.behind.length ? 'row--warn' : undefined}>
                    <td>
                      <Link href={`/meetings/record?org=${b.id}&year=${data.year}`}>{b.name}</Link>
                    </td>
                    {life[0].types.map((t) => {
                      const x = b.types.find((y) => y.type === t.type)
                      return <td key={t.type}>{x ? `${x.held}/${x.required}` : '—'}</td>
                    })}
                    <td>{b.attendanceRate === null ? '—' : `${Math.round(b.attendanceRate * 1000) / 10}%`}</td>
                    <td>{b.inspections}</td>
                    <td>{b.cadresWithoutLecture.join('、') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty>范围内没有支部。</Empty>
        )}
      </Section>

      {flagged.length ? (
        <Section id="branch-alerts" title="需要处理">
          <ul className="list alerts">
            {flagged.map((b) => (
              <li key={b.id} className="list__item">
                <span className="list__title">
                  <Badge tone="red">需处理</Badge>
                  {b.name}
                </span>
                <span className="list__meta">
                  {b.issues.length ? `${issueText(b.issues)}。` : ''}
                  {b.termEnd
                    ? b.termDaysLeft !== null && b.termDaysLeft < 0
                      ? `任期已于 ${formatDate(b.termEnd)} 届满，请尽快换届。`
                      : `任期 ${formatDate(b.termEnd)} 届满（还有 ${b.termDaysLeft} 天）。`
                    : ''}
                </span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {flags.length ? (
        <Section id="integrity-flags" title="学习异常待核实">
          <p className="muted">
            学习异常分析发现以下学习记录不像真实学习（证据见各条说明）。核实前，相关学时暂不计入该党员的年度学时；核实为正常即计入，确认异常则不予计入。核实须填写理由，并记入审计日志。
          </p>
          <ul className="list flags" data-testid="integrity-flags">
            {flags.map((f) => (
              <li key={f.id} className="list__item" data-flag-id={f.id}>
                <span className="list__title">
                  <Badge tone="warn">待核实</Badge>
                  {f.memberName} · {f.day} · {f.kindLabel}
                </span>
                <span className="list__meta">
                  {formatDateTime(f.periodStart)} 至 {formatDateTime(f.periodEnd)}，涉及学习时长约 {f.minutes} 分钟
                  {f.hours > 0 ? `，暂缓计入 ${formatHours(f.hours)} 学时` : '，暂未涉及学时'}。
                </span>
                <span className="list__meta">原因：{f.summary}</span>
                {mayReview(f) ? (
                  <FlagReview id={f.id} memberName={f.memberName} />
                ) : (
                  <span className="list__meta muted">由该党员所在支部的书记核实。</span>
                )}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <BranchCharts distribution={data.study.distribution} byMonth={data.study.byMonth} lastMonth={currentMonth()} org={org} />

      <Section id="members" title={listTitle}>
        <p className="meta-row">
          <span>
            共 {list.rows.length} 人{band ? '' : `（按进度今天应达 ${formatHours(list.expected)} 学时）`}
          </span>
          {band ? <Link href={withQuery('/branch', { org })}>改看落后进度名单</Link> : null}
          <a className="button button--small button--ghost" href={exportHref} download>
            导出 Excel
          </a>
        </p>
        {list.rows.length ? (
          <SiteTable
            columns={memberColumns('site')}
            rows={list.rows}
            caption={listTitle}
            testId="branch-member-table"
            draw={{
              hours: (m, text) => (
                <>
                  {text}
                  {m.hours < list.expected ? <span className="status status--warn">落后</span> : null}
                </>
              ),
              archive: (m) => <Link href={`/branch/members/${m.id}`}>查看</Link>,
            }}
          />
        ) : (
          <Empty>{band ? '这一档没有党员。' : '没有学时落后进度的党员，继续保持！'}</Empty>
        )}
      </Section>

      <Section id="roster" title="支部党员名单">
        <p className="meta-row">
          <span>共 {roster.rows.length} 人（含入党申请人、积极分子和发展对象），学时少的在前</span>
        </p>
        {roster.rows.length ? (
          <SiteTable
            columns={memberColumns('roster')}
            rows={roster.rows}
            caption="支部党员名单"
            testId="branch-roster"
            rowProps={(m) => ({ 'data-member-id': m.id })}
            draw={{
              name: (m, text) => <Link href={`/branch/members/${m.id}`}>{text}</Link>,
              hours: (m, text) => (
                <>
                  {text}
                  {m.bound && m.hours < roster.expected ? <span className="status status--warn">落后</span> : null}
                </>
              ),
              reminded: (m) => (reminded.has(m.id) ? formatDateTime(reminded.get(m.id)!.toISOString()) : '—'),
              action: (m) => (mayRemind(m) ? <RemindButton memberId={m.id} memberName={m.name} blockedUntil={blockedUntil(m.id)} /> : null),
            }}
          />
        ) : (
          <Empty>这里还没有党员。</Empty>
        )}
      </Section>

      {manyBranches ? (
        <Section id="branches" title="各支部">
          <SiteTable
            columns={columnsOf(BRANCH_TABLE, 'site')}
            rows={data.branches.rows}
            caption="各支部学习情况"
            rowProps={(b) => ({ className: b.needsAction ? 'row--flagged' : undefined })}
            draw={{
              name: (b, text) => <Link href={`/branch?org=${b.id}`}>{text}</Link>,
              state: (b, text) => <Badge tone={b.needsAction ? 'red' : 'ok'}>{text}</Badge>,
            }}
          />
        </Section>
      ) : null}
    </div>
  )
}
