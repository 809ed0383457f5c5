'use client'

import React, { useMemo } from 'react'

import { clickedIndex, distributionOption, MONTHS, monthlyHoursOption, orgBarsOption, truncate, type CockpitResponse } from '../charts'
import { EChart } from '../EChart'
import { ChartCard, fmt, Kpi, Section } from '../parts'
import { tableDrill, type Crumb, type Drill, type MemberFilter } from '../useCockpit'

type Props = {
  scope: CockpitResponse['scope']
  study: CockpitResponse['study']
  year: number
  target: number
  expectedHours: number
  /** The last month with data (months to come are no data, not zero). */
  lastMonth: number
  showMembers: (section: string, title: string, filter: MemberFilter) => void
  openDrill: (drill: Drill) => void
  narrowTo: (org: Crumb) => void
  /** This section's open drill-down, if any. */
  drill: React.ReactNode
}

/** 学时: members, pace and target KPIs, the hour distribution, the monthly trend and the organisations' averages. */
export function StudySection({ scope, study, year, target, expectedHours, lastMonth, showMembers, openDrill, narrowTo, drill }: Props) {
  const orgRows = scope.level === 'university' ? study.byCollege : study.byBranch
  // Chart options only change with the data (a new option object would redraw the chart).
  const distribution = useMemo(() => distributionOption(study.distribution), [study.distribution])
  const monthly = useMemo(() => monthlyHoursOption(study.byMonth, lastMonth), [study.byMonth, lastMonth])
  const orgs = useMemo(() => (orgRows.length > 1 ? orgBarsOption(orgRows, expectedHours) : null), [orgRows, expectedHours])

  return (
    <Section id="hours" title="学时">
      <div className="cockpit-kpis">
        <Kpi
          label="党员人数"
          value={fmt(study.members)}
          unit="人"
          note="点击查看全部名单"
          onClick={() => showMembers('hours', `${scope.name} 全部党员`, {})}
          testId="kpi-members"
        />
        <Kpi
          label="按进度达标"
          value={String(study.onPaceShare)}
          unit="%"
          note={`${fmt(study.onPace)} 人；点击查看落后名单`}
          onClick={() => showMembers('hours', `学时落后进度的党员（应达 ${expectedHours} 学时）`, { behind: true })}
          testId="kpi-on-pace"
        />
        <Kpi
          label={`已达 ${target} 学时`}
          value={String(study.atTargetShare)}
          unit="%"
          note={`${fmt(study.atTarget)} 人`}
          onClick={() => showMembers('hours', `已达 ${target} 学时的党员`, { band: 'done' })}
        />
        <Kpi label="人均学时" value={String(study.averageHours)} unit="学时" note={`完成学习 ${fmt(study.completions)} 人次`} />
      </div>
      <div className="cockpit-grid">
        <ChartCard title="学时分布" hint="点击柱形查看名单">
          <EChart
            testId="chart-distribution"
            label={`学时分布：${study.distribution.map((d) => `${d.label} 学时 ${d.members} 人`).join('，')}`}
            option={distribution}
            onClick={(p) => {
              const i = clickedIndex(
                p,
                study.distribution.map((d) => d.label),
              )
              const band = study.distribution[i]
              if (band) showMembers('hours', `学时 ${band.label} 的党员`, { band: band.band })
            }}
          />
        </ChartCard>
        <ChartCard title="月度学时趋势" hint="点击查看当月明细">
          <EChart
            testId="chart-monthly"
            label="各月获得学时和完成学习人次"
            option={monthly}
            onClick={(p) => {
              const i = clickedIndex(p, MONTHS)
              if (i < 0) return
              openDrill(
                tableDrill({
                  section: 'hours',
                  title: `${year} 年各月学习情况`,
                  highlight: i,
                  columns: [
                    { key: 'monthLabel', label: '月份' },
                    { key: 'hours', label: '获得学时', numeric: true },
                    { key: 'studyHours', label: '学习时长（小时）', numeric: true },
                    { key: 'completions', label: '完成内容（人次）', numeric: true },
                  ],
                  rows: study.byMonth.map((m) => ({ ...m, id: m.month, monthLabel: `${m.month} 月` })),
                }),
              )
            }}
          />
        </ChartCard>
        {orgs ? (
          <ChartCard title={scope.level === 'university' ? '各学院人均学时' : '各支部人均学时'} hint="点击进入该组织" wide>
            <EChart
              testId="chart-orgs"
              height={Math.max(220, orgRows.length * 44 + 60)}
              label={orgRows.map((r) => `${r.name} 人均 ${r.averageHours} 学时，达标 ${r.onPaceShare}%`).join('；')}
              option={orgs}
              onClick={(p) => {
                const r =
                  orgRows[
                    clickedIndex(
                      p,
                      orgRows.map((x) => truncate(x.name, 16)),
                    )
                  ]
                if (r) narrowTo({ id: r.id, name: r.name })
              }}
            />
          </ChartCard>
        ) : null}
      </div>
      {drill}
    </Section>
  )
}
