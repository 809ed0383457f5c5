'use client'

import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import {
  clickedIndex,
  distributionOption,
  hardestOption,
  LEVEL_LABELS,
  MONTHS,
  monthlyHoursOption,
  orgBarsOption,
  publishedOption,
  publishedSeriesOf,
  quizMonthlyOption,
  returnsOption,
  themesOption,
  topItemsOption,
  truncate,
  waitingOption,
  type ChartClick,
  type CockpitResponse,
} from './charts'
import { formatAdminDate } from '../../admin/dates'
import { LifeSection } from '../../meetings/admin/LifeSection'
import { EChart } from './EChart'
import { ChartCard, DataTable, errorOf, fmt, Kpi, query, Section, type Column, type Row } from './parts'
import './cockpit.css'

export type CockpitLabels = {
  collections: Record<string, string>
  columns: Record<string, string>
  issues: Record<string, string>
  stages: Record<string, string>
}

type Props = {
  apiRoute: string
  /** Where a member's 学习档案 opens (the member site's secretary view), `/branch/members`. */
  archiveBase: string
  initialOrg?: number
  initialYear: number
  /** Today in the platform's time zone: months after it have no data yet. */
  today: { year: number; month: number }
  years: number[]
  labels: CockpitLabels
}

type MemberFilter = { band?: string; behind?: boolean; noQuiz?: boolean }
type MemberRow = {
  id: number
  name: string
  branch: string
  stage: string
  hours: number
  expected: number
  completions: number
  quizAttempts: number
  quizPassed: number
}
type Drill =
  | { section: string; kind: 'members'; title: string; filter: MemberFilter }
  | {
      section: string
      kind: 'table'
      title: string
      columns: Column<Row>[]
      rows: Row[]
      highlight?: number
      exportTable?: 'items' | 'questions' | 'branches'
    }
type Crumb = { id: number; name: string }

/**
 * 数据驾驶舱 (client): loads /api/cockpit for the viewer's scope (or an organisation inside it),
 * draws it, and drills down on every chart — hour bands to member lists, organisations to a
 * narrowed cockpit, items and questions to their table rows; each list exports to Excel.
 */
export function Cockpit({ apiRoute, archiveBase, initialOrg, initialYear, today, years, labels }: Props) {
  const [year, setYear] = useState(initialYear)
  const [trail, setTrail] = useState<Crumb[]>(initialOrg ? [{ id: initialOrg, name: '…' }] : [])
  const [root, setRoot] = useState<Crumb | null>(null)
  const [data, setData] = useState<CockpitResponse | null>(null)
  const [drill, setDrill] = useState<Drill | null>(null)
  const [hardestRow, setHardestRow] = useState<number | undefined>(undefined)
  const drillRef = useRef<HTMLDivElement>(null)
  const org = trail.length ? trail[trail.length - 1].id : undefined

  // Each answer is kept with the request it answers, so a new organisation or year shows as loading
  // (and drops the old error) without resetting state inside the effect that fetches.
  const viewKey = `${org ?? ''}|${year}`
  const [answered, setAnswered] = useState<{ key: string; error: string | null } | null>(null)
  const loading = answered?.key !== viewKey
  const error = loading ? null : (answered?.error ?? null)
  // A drill-down belongs to the view it was opened in: another organisation or year closes it.
  const [drillView, setDrillView] = useState(viewKey)
  if (drillView !== viewKey) {
    setDrillView(viewKey)
    setDrill(null)
    setHardestRow(undefined)
  }

  // The cockpit for the current organisation and year.
  useEffect(() => {
    const controller = new AbortController()
    fetch(`${apiRoute}/cockpit${query({ org, year })}`, {
      credentials: 'include',
      signal: controller.signal,
      headers: { 'Accept-Language': 'zh' },
    })
      .then(async (res) => {
        const body = await res.json().catch(() => null)
        if (!res.ok) throw new Error(errorOf(body, res.status))
        const d = body as CockpitResponse
        setData(d)
        setAnswered({ key: viewKey, error: null })
        if (!org) setRoot({ id: d.scope.id, name: d.scope.name })
        // A narrowed cockpit opened from the address bar learns its organisation's name here.
        setTrail((t) =>
          t.length && t[t.length - 1].id === d.scope.id && t[t.length - 1].name === '…'
            ? [...t.slice(0, -1), { id: d.scope.id, name: d.scope.name }]
            : t,
        )
      })
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setAnswered({ key: viewKey, error: e.message })
      })
    // The address keeps the view, so a reload or a shared link shows the same organisation and year.
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${query({ org, year: year === today.year ? undefined : year })}`,
    )
    return () => controller.abort()
  }, [apiRoute, org, year, today.year, viewKey])

  // The members behind a member drill-down, kept with the request they answer.
  const memberFilter = drill?.kind === 'members' ? drill.filter : null
  const membersKey = memberFilter
    ? JSON.stringify({ org, year, band: memberFilter.band, behind: memberFilter.behind, noQuiz: memberFilter.noQuiz })
    : null
  const [membersAnswer, setMembersAnswer] = useState<{
    key: string
    value: { rows: MemberRow[]; expected: number } | null
    error: string | null
  } | null>(null)
  const members = membersAnswer && membersAnswer.key === membersKey ? membersAnswer.value : null
  const membersError = membersAnswer && membersAnswer.key === membersKey ? membersAnswer.error : null
  useEffect(() => {
    if (!membersKey) return
    const filter = JSON.parse(membersKey) as MemberFilter & { org?: number; year: number }
    const controller = new AbortController()
    fetch(`${apiRoute}/cockpit/members${query(filter)}`, {
      credentials: 'include',
      signal: controller.signal,
      headers: { 'Accept-Language': 'zh' },
    })
      .then(async (res) => {
        const body = await res.json().catch(() => null)
        if (!res.ok) throw new Error(errorOf(body, res.status))
        setMembersAnswer({ key: membersKey, value: body as { rows: MemberRow[]; expected: number }, error: null })
      })
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setMembersAnswer({ key: membersKey, value: null, error: e.message })
      })
    return () => controller.abort()
  }, [apiRoute, membersKey])

  useEffect(() => {
    if (drill) drillRef.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' })
  }, [drill])

  const narrowTo = useCallback(
    (target: Crumb) => {
      if (target.id === (org ?? root?.id)) return
      setTrail((t) => [...t, target])
    },
    [org, root],
  )
  const showMembers = useCallback(
    (section: string, title: string, filter: MemberFilter) => setDrill({ section, kind: 'members', title, filter }),
    [],
  )

  const exportHref = (table: string, extra: Record<string, string | boolean | undefined> = {}) =>
    `${apiRoute}/cockpit/export${query({ table, org, year, ...extra })}`

  // Chart options only change with the data (a new option object would redraw the chart).
  const options = useMemo(() => {
    if (!data) return null
    const orgRows = data.scope.level === 'university' ? data.study.byCollege : data.study.byBranch
    const lastMonth = data.year === today.year ? today.month : 12
    return {
      orgRows,
      distribution: distributionOption(data.study.distribution),
      monthly: monthlyHoursOption(data.study.byMonth, lastMonth),
      orgs: orgRows.length > 1 ? orgBarsOption(orgRows, data.expectedHours) : null,
      topItems: data.learning.topItems.length ? topItemsOption(data.learning.topItems) : null,
      themes: data.learning.themes.length ? themesOption(data.learning.themes) : null,
      quizMonthly: quizMonthlyOption(data.quizzes.byMonth, lastMonth),
      hardest: data.quizzes.hardest.length ? hardestOption(data.quizzes.hardest) : null,
      published: data.content ? publishedOption(data.content.publishedByMonth, labels) : null,
      waiting: data.content ? waitingOption(data.content.waiting) : null,
      returns: data.content ? returnsOption(data.content.returnsByLevel) : null,
    }
  }, [data, labels, today.year, today.month])

  const memberColumns: Column<MemberRow>[] = [
    {
      key: 'name',
      label: '姓名',
      render: (r) => (
        <a href={`${archiveBase}/${r.id}`} target="_blank" rel="noreferrer" title="在新窗口打开学习档案">
          {r.name}
        </a>
      ),
    },
    { key: 'branch', label: '所在支部' },
    { key: 'stage', label: '政治面貌' },
    {
      key: 'hours',
      label: '本年学时',
      numeric: true,
      render: (r) => <span className={r.hours < r.expected ? 'is-behind' : undefined}>{r.hours}</span>,
    },
    { key: 'expected', label: '按进度应达', numeric: true },
    { key: 'completions', label: '完成内容', numeric: true },
    { key: 'quizAttempts', label: '测验次数', numeric: true },
    { key: 'quizPassed', label: '测验通过', numeric: true },
  ]

  const drillPanel = (section: string) => {
    if (!drill || drill.section !== section) return null
    return (
      <div className="cockpit-drill" ref={drillRef} role="region" aria-label={drill.title} data-testid="cockpit-drill">
        <div className="cockpit-drill__head">
          <h3>{drill.title}</h3>
          <div className="cockpit-drill__actions">
            {drill.kind === 'members' ? (
              <a
                className="cockpit-button"
                href={exportHref('members', {
                  band: drill.filter.band,
                  behind: drill.filter.behind ? '1' : undefined,
                  noQuiz: drill.filter.noQuiz ? '1' : undefined,
                })}
                download
              >
                导出 Excel
              </a>
            ) : drill.exportTable ? (
              <a className="cockpit-button" href={exportHref(drill.exportTable)} download>
                导出 Excel
              </a>
            ) : null}
            <button type="button" className="cockpit-button cockpit-button--ghost" onClick={() => setDrill(null)}>
              收起
            </button>
          </div>
        </div>
        {drill.kind === 'members' ? (
          membersError ? (
            <p role="alert">{membersError}</p>
          ) : !members ? (
            <p aria-live="polite">正在加载名单……</p>
          ) : members.rows.length ? (
            <>
              <p className="cockpit-muted">共 {members.rows.length} 人，学时少者在前；点击姓名查看学习档案。</p>
              <DataTable columns={memberColumns} rows={members.rows} caption={drill.title} testId="cockpit-members" />
            </>
          ) : (
            <p className="cockpit-muted">没有符合条件的党员。</p>
          )
        ) : drill.rows.length ? (
          <DataTable columns={drill.columns} rows={drill.rows} caption={drill.title} highlight={drill.highlight} />
        ) : (
          <p className="cockpit-muted">暂无数据。</p>
        )}
      </div>
    )
  }

  // The viewer's own scope first, then each organisation drilled into; a crumb goes back to it.
  const crumbs: Crumb[] = [root ?? { id: 0, name: '我的范围' }, ...trail]
  const content = data?.content ?? null

  return (
    <div className="cockpit">
      <div className="cockpit-toolbar">
        <nav aria-label="组织层级" className="cockpit-crumbs">
          {crumbs.map((c, i) =>
            i < crumbs.length - 1 ? (
              <React.Fragment key={`${c.id}-${i}`}>
                <button type="button" className="cockpit-link" onClick={() => setTrail(trail.slice(0, i))}>
                  {c.name}
                </button>
                <span aria-hidden="true"> › </span>
              </React.Fragment>
            ) : (
              <strong key={`${c.id}-${i}`} aria-current="page">
                {c.name}
              </strong>
            ),
          )}
        </nav>
        <label className="cockpit-year">
          年度
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y} 年
              </option>
            ))}
          </select>
        </label>
      </div>

      {error ? (
        <p role="alert" className="cockpit-error">
          {error}
        </p>
      ) : null}
      {loading && !data ? <p aria-live="polite">正在加载数据……</p> : null}

      {data && options ? (
        <div className={loading ? 'cockpit-body is-loading' : 'cockpit-body'} aria-busy={loading}>
          <p className="cockpit-muted">
            {data.scope.name} · {data.year} 年 · 全年目标 {data.target} 学时 ·{' '}
            {data.year === today.year ? `按进度今天应达 ${data.expectedHours} 学时` : '已结束的年度按全年目标计'}
          </p>

          <Section id="hours" title="学时">
            <div className="cockpit-kpis">
              <Kpi
                label="党员人数"
                value={fmt(data.study.members)}
                unit="人"
                note="点击查看全部名单"
                onClick={() => showMembers('hours', `${data.scope.name} 全部党员`, {})}
                testId="kpi-members"
              />
              <Kpi
                label="按进度达标"
                value={String(data.study.onPaceShare)}
                unit="%"
                note={`${fmt(data.study.onPace)} 人；点击查看落后名单`}
                onClick={() => showMembers('hours', `学时落后进度的党员（应达 ${data.expectedHours} 学时）`, { behind: true })}
                testId="kpi-on-pace"
              />
              <Kpi
                label={`已达 ${data.target} 学时`}
                value={String(data.study.atTargetShare)}
                unit="%"
                note={`${fmt(data.study.atTarget)} 人`}
                onClick={() => showMembers('hours', `已达 ${data.target} 学时的党员`, { band: 'done' })}
              />
              <Kpi
                label="人均学时"
                value={String(data.study.averageHours)}
                unit="学时"
                note={`完成学习 ${fmt(data.study.completions)} 人次`}
              />
            </div>
            <div className="cockpit-grid">
              <ChartCard title="学时分布" hint="点击柱形查看名单">
                <EChart
                  testId="chart-distribution"
                  label={`学时分布：${data.study.distribution.map((d) => `${d.label} 学时 ${d.members} 人`).join('，')}`}
                  option={options.distribution}
                  onClick={(p: ChartClick) => {
                    const i = clickedIndex(
                      p,
                      data.study.distribution.map((d) => d.label),
                    )
                    const band = data.study.distribution[i]
                    if (band) showMembers('hours', `学时 ${band.label} 的党员`, { band: band.band })
                  }}
                />
              </ChartCard>
              <ChartCard title="月度学时趋势" hint="点击查看当月明细">
                <EChart
                  testId="chart-monthly"
                  label="各月获得学时和完成学习人次"
                  option={options.monthly}
                  onClick={(p) => {
                    const i = clickedIndex(p, MONTHS)
                    if (i < 0) return
                    setDrill({
                      section: 'hours',
                      kind: 'table',
                      title: `${data.year} 年各月学习情况`,
                      highlight: i,
                      columns: [
                        { key: 'monthLabel', label: '月份' },
                        { key: 'hours', label: '获得学时', numeric: true },
                        { key: 'studyHours', label: '学习时长（小时）', numeric: true },
                        { key: 'completions', label: '完成内容（人次）', numeric: true },
                      ],
                      rows: data.study.byMonth.map((m) => ({ ...m, id: m.month, monthLabel: `${m.month} 月` })),
                    })
                  }}
                />
              </ChartCard>
              {options.orgs ? (
                <ChartCard title={data.scope.level === 'university' ? '各学院人均学时' : '各支部人均学时'} hint="点击进入该组织" wide>
                  <EChart
                    testId="chart-orgs"
                    height={Math.max(220, options.orgRows.length * 44 + 60)}
                    label={options.orgRows.map((r) => `${r.name} 人均 ${r.averageHours} 学时，达标 ${r.onPaceShare}%`).join('；')}
                    option={options.orgs}
                    onClick={(p) => {
                      const r =
                        options.orgRows[
                          clickedIndex(
                            p,
                            options.orgRows.map((x) => truncate(x.name, 16)),
                          )
                        ]
                      if (r) narrowTo({ id: r.id, name: r.name })
                    }}
                  />
                </ChartCard>
              ) : null}
            </div>
            {drillPanel('hours')}
          </Section>

          <Section
            id="learning"
            title="学习"
            actions={
              <a href={exportHref('items')} download>
                导出最常学习内容
              </a>
            }
          >
            <div className="cockpit-kpis">
              <Kpi label="完成学习" value={fmt(data.learning.completions)} unit="人次" />
              <Kpi label="学习过的专题" value={fmt(data.learning.themes.length)} unit="个" />
            </div>
            <div className="cockpit-grid">
              <ChartCard title="最常学习的内容" hint="点击查看明细">
                {options.topItems ? (
                  <EChart
                    testId="chart-top-items"
                    height={Math.max(240, data.learning.topItems.length * 32 + 60)}
                    label={data.learning.topItems.map((t) => `${t.title} ${t.completions} 人次`).join('；')}
                    option={options.topItems}
                    onClick={(p) => {
                      const i = clickedIndex(
                        p,
                        data.learning.topItems.map((t) => truncate(t.title, 14)),
                      )
                      if (i < 0) return
                      setDrill({
                        section: 'learning',
                        kind: 'table',
                        title: '最常学习的内容',
                        highlight: i,
                        exportTable: 'items',
                        columns: [
                          { key: 'rank', label: '名次', numeric: true },
                          { key: 'title', label: '内容' },
                          { key: 'kind', label: '类别' },
                          { key: 'completions', label: '完成人次', numeric: true },
                        ],
                        rows: data.learning.topItems.map((t, n) => ({
                          ...t,
                          rank: n + 1,
                          kind: labels.collections[t.collection] ?? t.collection,
                        })),
                      })
                    }}
                  />
                ) : (
                  <p className="cockpit-muted">本年度暂无学习记录。</p>
                )}
              </ChartCard>
              <ChartCard title="学习专题分布" hint="点击查看明细">
                {options.themes ? (
                  <EChart
                    testId="chart-themes"
                    label={data.learning.themes.map((t) => `${t.name} ${t.completions} 人次`).join('；')}
                    option={options.themes}
                    onClick={(p) => {
                      const i = clickedIndex(p, [])
                      if (i < 0) return
                      const total = data.learning.themes.reduce((a, t) => a + t.completions, 0)
                      setDrill({
                        section: 'learning',
                        kind: 'table',
                        title: '各专题学习人次',
                        highlight: i,
                        columns: [
                          { key: 'name', label: '专题' },
                          { key: 'completions', label: '完成人次', numeric: true },
                          { key: 'share', label: '占比', numeric: true },
                        ],
                        rows: data.learning.themes.map((t) => ({
                          ...t,
                          share: total ? `${Math.round((1000 * t.completions) / total) / 10}%` : '0%',
                        })),
                      })
                    }}
                  />
                ) : (
                  <p className="cockpit-muted">本年度暂无专题学习记录。</p>
                )}
              </ChartCard>
            </div>
            {drillPanel('learning')}
          </Section>

          <Section
            id="quizzes"
            title="测验"
            actions={
              <a href={exportHref('questions')} download>
                导出难题表
              </a>
            }
          >
            <div className="cockpit-kpis">
              <Kpi
                label="参与率"
                value={String(data.quizzes.participation)}
                unit="%"
                note={`${fmt(data.quizzes.participants)} 人参加；点击查看未参加名单`}
                onClick={() => showMembers('quizzes', '本年度未参加测验的党员', { noQuiz: true })}
                testId="kpi-quiz-participation"
              />
              <Kpi label="通过率" value={String(data.quizzes.passRate)} unit="%" note={`共 ${fmt(data.quizzes.attempts)} 次答题`} />
              <Kpi label="平均分" value={String(data.quizzes.averageScore)} unit="分" />
            </div>
            <div className="cockpit-grid">
              <ChartCard title="月度答题与通过率" hint="点击查看当月明细">
                <EChart
                  testId="chart-quiz-monthly"
                  label="各月答题次数和通过率"
                  option={options.quizMonthly}
                  onClick={(p) => {
                    const i = clickedIndex(p, MONTHS)
                    if (i < 0) return
                    setDrill({
                      section: 'quizzes',
                      kind: 'table',
                      title: `${data.year} 年各月答题情况`,
                      highlight: i,
                      columns: [
                        { key: 'monthLabel', label: '月份' },
                        { key: 'attempts', label: '答题次数', numeric: true },
                        { key: 'passRate', label: '通过率%', numeric: true },
                        { key: 'averageScore', label: '平均分', numeric: true },
                      ],
                      rows: data.quizzes.byMonth.map((m) => ({ ...m, id: m.month, monthLabel: `${m.month} 月` })),
                    })
                  }}
                />
              </ChartCard>
              <ChartCard title="错误率最高的题目" hint="点击定位到下表">
                {options.hardest ? (
                  <EChart
                    testId="chart-hardest"
                    height={Math.max(240, data.quizzes.hardest.length * 32 + 60)}
                    label={data.quizzes.hardest.map((q) => `${truncate(q.stem, 20)} 错误率 ${q.wrongRate}%`).join('；')}
                    option={options.hardest}
                    onClick={(p) => {
                      const i = clickedIndex(
                        p,
                        data.quizzes.hardest.map((q) => truncate(q.stem, 14)),
                      )
                      if (i < 0) return
                      setHardestRow(i)
                      document
                        .getElementById(`cockpit-question-${data.quizzes.hardest[i].id}`)
                        ?.scrollIntoView({ behavior: 'smooth', block: 'center' })
                    }}
                  />
                ) : (
                  <p className="cockpit-muted">作答满 3 次的题目才计入。</p>
                )}
              </ChartCard>
            </div>
            {data.quizzes.hardest.length ? (
              <DataTable
                caption="错误率最高的题目"
                testId="cockpit-hardest"
                highlight={hardestRow}
                columns={[
                  { key: 'rank', label: '序号', numeric: true },
                  { key: 'stem', label: '题目', render: (r) => <span id={`cockpit-question-${String(r.id)}`}>{String(r.stem)}</span> },
                  { key: 'answers', label: '作答次数', numeric: true },
                  { key: 'wrong', label: '答错次数', numeric: true },
                  { key: 'wrongRate', label: '错误率', numeric: true, render: (r) => `${String(r.wrongRate)}%` },
                ]}
                rows={data.quizzes.hardest.map((q, i) => ({ ...q, rank: i + 1 }))}
              />
            ) : null}
            {drillPanel('quizzes')}
          </Section>

          {content && options.published && options.waiting && options.returns ? (
            <Section id="content" title="内容工作">
              <div className="cockpit-kpis">
                <Kpi label="本年发布" value={fmt(content.publishedByMonth.reduce((a, r) => a + r.items, 0))} unit="条" />
                {content.waiting.map((w) => (
                  <Kpi
                    key={w.state}
                    label={w.label}
                    value={fmt(w.count)}
                    unit="条"
                    note={w.count ? `最久 ${w.oldestDays ?? 0} 天` : '无积压'}
                  />
                ))}
              </div>
              <div className="cockpit-grid">
                <ChartCard title="每月发布（按栏目）" hint="点击查看当月明细" wide>
                  <EChart
                    testId="chart-published"
                    label="各月按栏目发布的内容条数"
                    option={options.published}
                    onClick={(p) => {
                      const i = clickedIndex(p, MONTHS)
                      if (i < 0) return
                      const rows = content.publishedByMonth
                        .filter((r) => r.month === i + 1)
                        .map((r) => ({ id: publishedSeriesOf(r, labels).key, name: publishedSeriesOf(r, labels).name, items: r.items }))
                      setDrill({
                        section: 'content',
                        kind: 'table',
                        title: `${i + 1} 月发布的内容`,
                        columns: [
                          { key: 'name', label: '栏目' },
                          { key: 'items', label: '条数', numeric: true },
                        ],
                        rows,
                      })
                    }}
                  />
                </ChartCard>
                <ChartCard title="各级待审" hint="点击查看待审条目">
                  <EChart
                    testId="chart-waiting"
                    label={content.waiting.map((w) => `${w.label} ${w.count} 条，最久 ${w.oldestDays ?? 0} 天`).join('；')}
                    option={options.waiting}
                    onClick={(p) => {
                      const w =
                        content.waiting[
                          clickedIndex(
                            p,
                            content.waiting.map((x) => x.label),
                          )
                        ]
                      if (!w) return
                      setDrill({
                        section: 'content',
                        kind: 'table',
                        title: `${w.label}的内容（等待最久者在前）`,
                        columns: [
                          { key: 'title', label: '标题' },
                          { key: 'kind', label: '类别' },
                          { key: 'sinceText', label: '进入本级' },
                          { key: 'days', label: '已等天数', numeric: true },
                        ],
                        rows: w.items.map((x) => ({
                          ...x,
                          id: `${x.collection}:${x.id}`,
                          kind: labels.collections[x.collection] ?? x.collection,
                          sinceText: x.since ? formatAdminDate(x.since) : '—',
                          days: x.days ?? '—',
                        })),
                      })
                    }}
                  />
                </ChartCard>
                <ChartCard title="各级退回次数" hint="点击查看明细">
                  <EChart
                    testId="chart-returns"
                    label={content.returnsByLevel.map((r) => `${LEVEL_LABELS[r.level]}退回 ${r.returns} 次`).join('；')}
                    option={options.returns}
                    onClick={(p) => {
                      const levels = content.returnsByLevel
                      const i = clickedIndex(
                        p,
                        levels.map((r) => LEVEL_LABELS[r.level] ?? r.level),
                      )
                      if (i < 0) return
                      setDrill({
                        section: 'content',
                        kind: 'table',
                        title: `${data.year} 年各级退回次数`,
                        highlight: i,
                        columns: [
                          { key: 'levelLabel', label: '审核级别' },
                          { key: 'returns', label: '退回次数', numeric: true },
                          { key: 'waiting', label: '当前待审', numeric: true },
                        ],
                        rows: levels.map((r, n) => ({
                          id: r.level,
                          levelLabel: LEVEL_LABELS[r.level] ?? r.level,
                          returns: r.returns,
                          waiting: content.waiting[n]?.count ?? 0,
                        })),
                      })
                    }}
                  />
                </ChartCard>
              </div>
              {drillPanel('content')}
            </Section>
          ) : null}

          <Section
            id="branches"
            title="支部建设"
            actions={
              <a href={exportHref('branches')} download>
                导出支部表
              </a>
            }
          >
            {data.branches.rows.length ? (
              <>
                <p className="cockpit-muted">
                  共 {data.branches.rows.length} 个支部，
                  {data.branches.needsAction.length ? (
                    <strong className="is-behind">{data.branches.needsAction.length} 个需要处理</strong>
                  ) : (
                    '均无待处理事项'
                  )}
                  。点击支部查看该支部的数据。
                </p>
                <DataTable
                  caption="支部建设情况"
                  testId="cockpit-branches"
                  rowClass={(b) => (b.needsAction ? 'needs-action' : undefined)}
                  onRowClick={(b) => narrowTo({ id: Number(b.id), name: String(b.name) })}
                  columns={[
                    {
                      key: 'name',
                      label: '支部',
                      render: (b) => (
                        <button
                          type="button"
                          className="cockpit-link"
                          onClick={(e) => {
                            e.stopPropagation()
                            narrowTo({ id: Number(b.id), name: String(b.name) })
                          }}
                        >
                          {String(b.name)}
                        </button>
                      ),
                    },
                    { key: 'college', label: '上级党组织', render: (b) => (b.college as { name: string } | null)?.name ?? '' },
                    { key: 'secretary', label: '书记', render: (b) => String(b.secretary ?? '（未设）') },
                    {
                      key: 'members',
                      label: '党员 / 正式',
                      numeric: true,
                      render: (b) => `${String(b.memberCount)} / ${String(b.fullMemberCount)}`,
                    },
                    {
                      key: 'issues',
                      label: '问题',
                      render: (b) => {
                        const issues = (b.issues as string[]).map((i) => labels.issues[i] ?? i)
                        return issues.length ? (
                          <span className="cockpit-badge cockpit-badge--warn">{issues.join('；')}</span>
                        ) : (
                          <span className="cockpit-muted">无</span>
                        )
                      },
                    },
                    {
                      key: 'term',
                      label: '任期届满',
                      render: (b) => {
                        if (!b.termEnd) return <span className="cockpit-muted">未设</span>
                        const days = b.termDaysLeft as number
                        const date = formatAdminDate(String(b.termEnd))
                        // needsAction without a size issue means the term is in the warning window.
                        const warn = days < 0 || (b.needsAction && !(b.issues as string[]).length)
                        const text = days < 0 ? `${date}（已届满）` : `${date}（还有 ${days} 天）`
                        return warn ? <span className="cockpit-badge cockpit-badge--warn">{text}</span> : text
                      },
                    },
                    {
                      key: 'onPace',
                      label: '学时达标率',
                      numeric: true,
                      render: (b) => `${(b.study as { onPaceShare: number }).onPaceShare}%`,
                    },
                    {
                      key: 'state',
                      label: '状态',
                      render: (b) =>
                        b.needsAction ? (
                          <span className="cockpit-badge cockpit-badge--red">需处理</span>
                        ) : (
                          <span className="cockpit-badge cockpit-badge--ok">正常</span>
                        ),
                    },
                  ]}
                  rows={data.branches.rows as unknown as Row[]}
                />
              </>
            ) : (
              <p className="cockpit-muted">范围内没有党支部。</p>
            )}
          </Section>

          <LifeSection apiRoute={apiRoute} org={org} year={year} />
        </div>
      ) : null}
    </div>
  )
}
