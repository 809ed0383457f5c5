import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { idOf } from '../../../../access/roles'
import { branchRecord, canReadRecord } from '../../../../meetings/record'
import { ATTENDANCE_STATUS_LABELS, MEETING_TYPE_LABELS } from '../../../../meetings/rules'
import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatDateTime, formatHours, idParam, param, withQuery } from '../../../../site/content'
import { PrintButton } from '../../../../site/islands'
import { Empty, PageTitle, Section } from '../../../../site/ui'
import { yearOf } from '../../../../study/pace'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export const metadata: Metadata = { title: '组织生活记录' }

/**
 * 组织生活记录: a branch's recorded meetings of one 所属年度, bound as the year's record — the analysis
 * (each type against its frequency, attendance rate, three misses in a row, 党课 and who gave them),
 * then every meeting with its attendance and minutes (corrections with their reasons). Printable
 * (print to PDF) and exported to Excel.
 */
export default async function RecordPage({ searchParams }: Props) {
  const sp = await searchParams
  const user = await requireUser(withQuery('/meetings/record', { org: param(sp, 'org'), year: param(sp, 'year') }))
  const org = idParam(param(sp, 'org')) ?? Number(idOf((user as { organization?: unknown }).organization))
  const year = Number(param(sp, 'year')) || yearOf(new Date())
  const payload = await getSitePayload()
  if (!org || !(await canReadRecord(payload, user, org))) {
    return (
      <div className="container">
        <PageTitle title="组织生活记录" />
        <p className="empty" role="alert">
          只能查看本支部或本党委所辖支部的组织生活记录。<Link href="/meetings">返回组织生活</Link>
        </p>
      </div>
    )
  }
  const r = await branchRecord(payload, org, year)
  const rate = r.analysis.attendanceRate
  return (
    <div className="container record">
      <PageTitle
        title={`${r.branch.name} ${year}年度组织生活记录`}
        lead={`共 ${r.meetings.length} 次（纪要已确认）· 出勤率 ${rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`}`}
      >
        <p className="meta-row no-print">
          <Link href={withQuery('/meetings/record', { org, year: year - 1 })}>‹ {year - 1}年度</Link>{' '}
          <Link href={withQuery('/meetings/record', { org, year: year + 1 })}>{year + 1}年度 ›</Link>{' '}
          <a href={withQuery('/api/meetings/record', { org, year })}>导出 Excel</a> <PrintButton label="打印（可存为 PDF）" />
        </p>
      </PageTitle>
      <Section id="analysis" title="三会一课落实情况">
        <table className="table" data-testid="frequency-table">
          <thead>
            <tr>
              <th>类型</th>
              <th>要求</th>
              <th>截至目前应开</th>
              <th>已开</th>
            </tr>
          </thead>
          <tbody>
            {r.analysis.byType.map((t) => (
              <tr key={t.type} className={t.held < t.required ? 'row--warn' : undefined}>
                <td>{t.label}</td>
                <td>{t.rule}</td>
                <td>{t.required}</td>
                <td>{t.held}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p data-testid="cadres">
          领导干部讲党课（双重组织生活）：
          {r.analysis.cadres.length
            ? r.analysis.cadres.map((c) => `${c.name} ${c.lectures ? `${c.lectures} 次` : '本年度未讲'}`).join('；')
            : '本支部没有领导干部'}
        </p>
        <p>连续三次未参加：{r.analysis.missedThree.length ? r.analysis.missedThree.join('、') : '无'}</p>
        <p data-testid="talks">
          谈心谈话（记录 {r.analysis.talks.talks} 次）：支部委员之间 {r.analysis.talks.pairs - r.analysis.talks.missingPairs.length}/
          {r.analysis.talks.pairs} 对，支部委员与党员 {r.analysis.talks.members - r.analysis.talks.unreached.length}/
          {r.analysis.talks.members} 人
          {r.analysis.talks.missingPairs.length ? `；委员之间尚未谈话：${r.analysis.talks.missingPairs.join('、')}` : ''}
          {r.analysis.talks.unreached.length ? `；尚未与委员谈话的党员：${r.analysis.talks.unreached.join('、')}` : ''}
        </p>
        <p>
          党课：
          {r.analysis.lectures.length
            ? r.analysis.lectures.map((l) => `${formatDateTime(l.date).slice(0, -6)} ${l.speaker}`).join('；')
            : '本年度尚无'}
        </p>
      </Section>
      <Section id="inspections" title="督查结果">
        {r.analysis.inspections.length ? (
          <>
            <p>{r.analysis.inspectionSummary.map((x) => `${x.aspect}：好 ${x.good}、一般 ${x.fair}、差 ${x.poor}`).join('；')}</p>
            <ul className="list">
              {r.analysis.inspections.map((x, i) => (
                <li className="list__item" key={i}>
                  <span className="list__title">{x.topic}</span>
                  <span className="list__meta">
                    督查员 {x.inspector} · {x.ratings}
                    {x.comments ? ` · ${x.comments}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Empty>本年度还没有督查意见。</Empty>
        )}
      </Section>
      <Section id="meetings" title="会议记录">
        {r.meetings.length ? (
          r.meetings.map((m) => (
            <article className="card minutes" key={m.id}>
              <h3>
                {formatDateTime(m.startsAt)} · {m.types.map((t) => MEETING_TYPE_LABELS[t].zh).join('、')}：{m.topic}
              </h3>
              <p className="meta-row">
                地点 {m.place ?? '—'} · 主持人 {m.chair ?? '—'} · 记录人 {m.recorder ?? '—'}
                {m.speaker ? ` · 党课授课人 ${m.speaker}` : ''}
              </p>
              <p>
                应到 {m.expected} 人，实到 {m.present} 人，请假 {m.leave} 人
                {m.creditHours ? `；参会者每人计 ${formatHours(m.creditHours)} 学时` : ''}。
                {m.attendance.some((a) => a.status === 'leave')
                  ? ` 请假：${m.attendance
                      .filter((a) => a.status === 'leave')
                      .map((a) => `${a.name}（${a.reason ?? ''}）`)
                      .join('、')}。`
                  : ''}
                {m.absent.length ? ` 缺席：${m.absent.join('、')}。` : ''}
                {m.attendance.some((a) => a.status === 'excused')
                  ? ` ${ATTENDANCE_STATUS_LABELS.excused.zh}：${m.attendance
                      .filter((a) => a.status === 'excused')
                      .map((a) => a.name)
                      .join('、')}。`
                  : ''}
                {m.guests ? ` 列席：${m.guests}` : ''}
              </p>
              {m.agenda ? <p className="pre">议程：{m.agenda}</p> : null}
              {m.minutes.map((v, i) => (
                <div key={v.version}>
                  <p className="meta-row">
                    纪要第 {v.version} 版{i === 0 ? '' : '（已被更正）'}
                    {v.correctionReason ? ` · 更正理由：${v.correctionReason}` : ''}
                  </p>
                  <p className="pre">{v.summary}</p>
                  {v.resolutions.map((x, j) => (
                    <p key={j}>
                      决议：{x.text}
                      {x.votesFor != null ? `（赞成 ${x.votesFor}，反对 ${x.votesAgainst ?? 0}，弃权 ${x.abstentions ?? 0}）` : ''}
                    </p>
                  ))}
                </div>
              ))}
            </article>
          ))
        ) : (
          <Empty>本年度还没有纪要已确认的组织生活。</Empty>
        )}
      </Section>
    </div>
  )
}
