'use client'

import React, { useEffect, useState } from 'react'

import { formatAdminDate, formatAdminDateTime } from '../../dates'
import { DataTable, errorOf, fmt, Kpi, query, Section, type Row } from '../../cockpit/admin/parts'
import type { LifeOverview, BranchRecord, RecordedMeeting } from '../record'
import { MEETING_TYPE_LABELS } from '../rules'

type Overview = { scope: { id: number; name: string }; year: number; rows: LifeOverview }

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)
const typesText = (types: RecordedMeeting['types']) => types.map((t) => MEETING_TYPE_LABELS[t]?.zh ?? t).join('、')

const load = async <T,>(url: string, signal: AbortSignal): Promise<T> => {
  const res = await fetch(url, { credentials: 'include', signal, headers: { 'Accept-Language': 'zh' } })
  const body = await res.json().catch(() => null)
  if (!res.ok) throw new Error(errorOf(body, res.status))
  return body as T
}

/**
 * 数据驾驶舱 → 组织生活 (issue 16 §6): each branch in the cockpit's scope with this 所属年度's meetings
 * per type against what is due so far, attendance, 督查, leading cadres without a 党课 and 谈心谈话
 * still missing; a branch drills down to its recorded meetings, and a meeting to its minutes.
 * Both levels export to Excel (/api/meetings/overview, /api/meetings/record).
 */
export function LifeSection({ apiRoute, org, year }: { apiRoute: string; org?: number; year: number }) {
  // Another scope or year starts afresh (the overview loading, no branch open): keyed by what it loads.
  return <LifeOverviewSection key={`${apiRoute}|${org ?? ''}|${year}`} apiRoute={apiRoute} org={org} year={year} />
}

type Branch = { id: number; name: string }

function LifeOverviewSection({ apiRoute, org, year }: { apiRoute: string; org?: number; year: number }) {
  const [data, setData] = useState<Overview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [branch, setBranch] = useState<Branch | null>(null)
  // The drill-down's record and open meeting belong to the branch picked (each pick a new object,
  // so picking a branch again reloads it with no meeting open): older answers are not shown.
  const [loaded, setLoaded] = useState<{ branch: Branch; record?: BranchRecord; error?: string } | null>(null)
  const [opened, setOpened] = useState<{ branch: Branch; meeting: number | null } | null>(null)
  const current = loaded && loaded.branch === branch ? loaded : null
  const record = current?.record ?? null
  const recordError = current?.error ?? null
  const meeting = opened && opened.branch === branch ? opened.meeting : null

  useEffect(() => {
    const controller = new AbortController()
    load<Overview>(`${apiRoute}/meetings/overview${query({ org, year, format: 'json' })}`, controller.signal)
      .then(setData)
      .catch((e: Error) => e.name !== 'AbortError' && setError(e.message))
    return () => controller.abort()
  }, [apiRoute, org, year])

  useEffect(() => {
    if (!branch) return
    const controller = new AbortController()
    load<BranchRecord>(`${apiRoute}/meetings/record${query({ org: branch.id, year, format: 'json' })}`, controller.signal)
      .then((record) => setLoaded({ branch, record }))
      .catch((e: Error) => e.name !== 'AbortError' && setLoaded({ branch, error: e.message }))
    return () => controller.abort()
  }, [apiRoute, branch, year])

  const exportAll = `${apiRoute}/meetings/overview${query({ org, year })}`
  if (error)
    return (
      <Section id="life" title="组织生活">
        <p role="alert">{error}</p>
      </Section>
    )
  if (!data)
    return (
      <Section id="life" title="组织生活">
        <p aria-live="polite">正在加载组织生活情况……</p>
      </Section>
    )

  const rows = data.rows
  const behind = rows.filter((r) => r.behind.length)
  const rated = rows.filter((r) => r.attendanceRate !== null)
  const meanRate = rated.length ? rated.reduce((s, r) => s + (r.attendanceRate ?? 0), 0) / rated.length : null
  const cadres = rows.flatMap((r) => r.cadresWithoutLecture)
  const talksMissing = rows.reduce((s, r) => s + r.talkPairsMissing + r.talkMembersUnreached, 0)
  const typeKeys = [...new Set(rows.flatMap((r) => r.types.map((t) => t.type)))]

  return (
    <Section
      id="life"
      title="组织生活"
      actions={
        <a href={exportAll} download>
          导出组织生活情况
        </a>
      }
    >
      <div className="cockpit-kpis">
        <Kpi label="支部" value={fmt(rows.length)} unit="个" />
        <Kpi
          label="未达频次的支部"
          value={fmt(behind.length)}
          unit="个"
          note={
            behind.length
              ? behind
                  .map((r) => r.name)
                  .slice(0, 3)
                  .join('、')
              : '均已达到'
          }
          testId="life-behind"
        />
        <Kpi label="已归档会议" value={fmt(rows.reduce((s, r) => s + r.recorded, 0))} unit="次" />
        <Kpi label="平均出勤率" value={percent(meanRate)} />
        <Kpi label="督查" value={fmt(rows.reduce((s, r) => s + r.inspections, 0))} unit="次" />
        <Kpi label="未讲党课的领导干部" value={fmt(cadres.length)} unit="人" note={cadres.slice(0, 3).join('、') || undefined} />
        <Kpi label="尚未谈心谈话" value={fmt(talksMissing)} unit="对/人" note="委员之间的对数与未同委员谈话的党员数" />
      </div>
      {rows.length ? (
        <>
          <p className="cockpit-muted">{data.year}年度，截至目前应开的次数按平台设置的频次计算；点击支部查看会议与纪要。</p>
          <DataTable
            caption="各支部组织生活情况"
            testId="cockpit-life"
            rowClass={(r) => ((r.behind as string[]).length ? 'needs-action' : undefined)}
            onRowClick={(r) => setBranch({ id: Number(r.id), name: String(r.name) })}
            columns={[
              {
                key: 'name',
                label: '支部',
                render: (r) => (
                  <button
                    type="button"
                    className="cockpit-link"
                    onClick={(e) => {
                      e.stopPropagation()
                      setBranch({ id: Number(r.id), name: String(r.name) })
                    }}
                  >
                    {String(r.name)}
                  </button>
                ),
              },
              ...typeKeys.map((type) => ({
                key: type,
                label: MEETING_TYPE_LABELS[type].zh,
                numeric: true,
                render: (r: Row) => {
                  const t = (r.types as LifeOverview[number]['types']).find((x) => x.type === type)
                  if (!t) return <span className="cockpit-muted">—</span>
                  const text = `${t.held}/${t.required}`
                  return t.held < t.required ? (
                    <span className="cockpit-badge cockpit-badge--warn" title="已开/截至目前应开">
                      {text}
                    </span>
                  ) : (
                    <span title="已开/截至目前应开">{text}</span>
                  )
                },
              })),
              { key: 'rate', label: '出勤率', numeric: true, render: (r) => percent(r.attendanceRate as number | null) },
              { key: 'inspections', label: '督查', numeric: true },
              {
                key: 'talks',
                label: '未谈心谈话',
                numeric: true,
                render: (r) => `${String(r.talkPairsMissing)} 对 / ${String(r.talkMembersUnreached)} 人`,
              },
              {
                key: 'cadres',
                label: '未讲党课的领导干部',
                render: (r) => (r.cadresWithoutLecture as string[]).join('、') || <span className="cockpit-muted">无</span>,
              },
            ]}
            rows={rows as unknown as Row[]}
          />
        </>
      ) : (
        <p className="cockpit-muted">范围内没有党支部。</p>
      )}
      {branch ? (
        <BranchDrill
          apiRoute={apiRoute}
          branch={branch}
          year={year}
          record={record}
          error={recordError}
          meeting={meeting}
          onMeeting={(id) => setOpened({ branch, meeting: id })}
          onClose={() => setBranch(null)}
        />
      ) : null}
    </Section>
  )
}

function BranchDrill({
  apiRoute,
  branch,
  year,
  record,
  error,
  meeting,
  onMeeting,
  onClose,
}: {
  apiRoute: string
  branch: { id: number; name: string }
  year: number
  record: BranchRecord | null
  error: string | null
  meeting: number | null
  onMeeting: (id: number | null) => void
  onClose: () => void
}) {
  const title = `${branch.name} ${year}年度组织生活`
  const open = record?.meetings.find((m) => m.id === meeting) ?? null
  return (
    <div className="cockpit-drill" role="region" aria-label={title} data-testid="life-drill">
      <div className="cockpit-drill__head">
        <h3>{title}</h3>
        <div className="cockpit-drill__actions">
          <a className="cockpit-button" href={`${apiRoute}/meetings/record${query({ org: branch.id, year })}`} download>
            导出年度记录（Excel）
          </a>
          <a
            className="cockpit-button cockpit-button--ghost"
            href={`/meetings/record${query({ org: branch.id, year })}`}
            target="_blank"
            rel="noreferrer"
          >
            打印 / PDF
          </a>
          <button type="button" className="cockpit-button cockpit-button--ghost" onClick={onClose}>
            收起
          </button>
        </div>
      </div>
      {error ? (
        <p role="alert">{error}</p>
      ) : !record ? (
        <p aria-live="polite">正在加载会议……</p>
      ) : (
        <>
          <p className="cockpit-muted">
            出勤率 {percent(record.analysis.attendanceRate)}；连续三次未参加：{record.analysis.missedThree.join('、') || '无'}
            ；谈心谈话：委员之间 {record.analysis.talks.pairs - record.analysis.talks.missingPairs.length}/{record.analysis.talks.pairs}{' '}
            对，委员与党员 {record.analysis.talks.members - record.analysis.talks.unreached.length}/{record.analysis.talks.members} 人
            {record.analysis.talks.missingPairs.length ? `（尚未：${record.analysis.talks.missingPairs.join('、')}）` : ''}
            。点击会议查看纪要。
          </p>
          {record.meetings.length ? (
            <DataTable
              caption={`${branch.name}已归档的会议`}
              testId="life-meetings"
              onRowClick={(m) => onMeeting(Number(m.id) === meeting ? null : Number(m.id))}
              columns={[
                { key: 'startsAt', label: '时间', render: (m) => formatAdminDateTime(String(m.startsAt)) },
                { key: 'types', label: '类型', render: (m) => typesText(m.types as RecordedMeeting['types']) },
                {
                  key: 'topic',
                  label: '主题',
                  render: (m) => (
                    <button type="button" className="cockpit-link">
                      {String(m.topic)}
                    </button>
                  ),
                },
                { key: 'expected', label: '应到', numeric: true },
                { key: 'present', label: '实到', numeric: true },
                { key: 'leave', label: '请假', numeric: true },
                { key: 'minutes', label: '纪要', render: (m) => `第 ${(m.minutes as RecordedMeeting['minutes'])[0]?.version ?? '—'} 版` },
              ]}
              rows={record.meetings as unknown as Row[]}
            />
          ) : (
            <p className="cockpit-muted">本年度尚无归档的会议。</p>
          )}
          {open ? <Minutes meeting={open} /> : null}
        </>
      )}
    </div>
  )
}

function Minutes({ meeting }: { meeting: RecordedMeeting }) {
  return (
    <article className="cockpit-card cockpit-card--wide" data-testid="life-minutes" aria-label={`${meeting.topic} 纪要`}>
      <h4>{meeting.topic}</h4>
      <p className="cockpit-muted">
        {formatAdminDateTime(meeting.startsAt)}，{meeting.place ?? '地点未填'}；主持 {meeting.chair ?? '—'}，记录 {meeting.recorder ?? '—'}
        {meeting.speaker ? `，党课授课 ${meeting.speaker}` : ''}；缺席：{meeting.absent.join('、') || '无'}。{' '}
        <a href={`/meetings/${meeting.id}`} target="_blank" rel="noreferrer">
          在党员端打开
        </a>
      </p>
      {meeting.minutes.map((v, i) => (
        <section key={v.version}>
          <h5>
            第 {v.version} 版{i === 0 ? '（现行）' : ''}
            {v.confirmedAt ? `，${formatAdminDate(v.confirmedAt)} 确认` : ''}
            {v.correctionReason ? `，更正原因：${v.correctionReason}` : ''}
          </h5>
          <p style={{ whiteSpace: 'pre-wrap' }}>{v.summary}</p>
          {v.resolutions.length ? (
            <ul>
              {v.resolutions.map((r, j) => (
                <li key={j}>
                  {r.text}
                  {r.votesFor !== null ? `（赞成 ${r.votesFor}，反对 ${r.votesAgainst ?? 0}，弃权 ${r.abstentions ?? 0}）` : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
    </article>
  )
}
