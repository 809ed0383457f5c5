'use client'

import React, { useMemo } from 'react'

import { formatAdminDate } from '../../../dates'
import {
  clickedIndex,
  LEVEL_LABELS,
  MONTHS,
  publishedOption,
  publishedSeriesOf,
  returnsOption,
  waitingOption,
  type ContentWork,
} from '../charts'
import type { CockpitLabels } from '../Cockpit'
import { EChart } from '../EChart'
import { ChartCard, fmt, Kpi, Section } from '../parts'
import { tableDrill, type Drill } from '../useCockpit'

type Props = {
  content: ContentWork
  year: number
  labels: CockpitLabels
  openDrill: (drill: Drill) => void
  drill: React.ReactNode
}

/** 内容工作 (university level): what was published per column and month, what waits at each review level, and returns. */
export function ContentSection({ content, year, labels, openDrill, drill }: Props) {
  const published = useMemo(() => publishedOption(content.publishedByMonth, labels), [content.publishedByMonth, labels])
  const waiting = useMemo(() => waitingOption(content.waiting), [content.waiting])
  const returns = useMemo(() => returnsOption(content.returnsByLevel), [content.returnsByLevel])

  return (
    <Section id="content" title="内容工作">
      <div className="cockpit-kpis">
        <Kpi label="本年发布" value={fmt(content.publishedByMonth.reduce((a, r) => a + r.items, 0))} unit="条" />
        {content.waiting.map((w) => (
          <Kpi key={w.state} label={w.label} value={fmt(w.count)} unit="条" note={w.count ? `最久 ${w.oldestDays ?? 0} 天` : '无积压'} />
        ))}
      </div>
      <div className="cockpit-grid">
        <ChartCard title="每月发布（按栏目）" hint="点击查看当月明细" wide>
          <EChart
            testId="chart-published"
            label="各月按栏目发布的内容条数"
            option={published}
            onClick={(p) => {
              const i = clickedIndex(p, MONTHS)
              if (i < 0) return
              const rows = content.publishedByMonth
                .filter((r) => r.month === i + 1)
                .map((r) => ({ id: publishedSeriesOf(r, labels).key, name: publishedSeriesOf(r, labels).name, items: r.items }))
              openDrill(
                tableDrill({
                  section: 'content',
                  title: `${i + 1} 月发布的内容`,
                  columns: [
                    { key: 'name', label: '栏目' },
                    { key: 'items', label: '条数', numeric: true },
                  ],
                  rows,
                }),
              )
            }}
          />
        </ChartCard>
        <ChartCard title="各级待审" hint="点击查看待审条目">
          <EChart
            testId="chart-waiting"
            label={content.waiting.map((w) => `${w.label} ${w.count} 条，最久 ${w.oldestDays ?? 0} 天`).join('；')}
            option={waiting}
            onClick={(p) => {
              const w =
                content.waiting[
                  clickedIndex(
                    p,
                    content.waiting.map((x) => x.label),
                  )
                ]
              if (!w) return
              openDrill(
                tableDrill({
                  section: 'content',
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
                }),
              )
            }}
          />
        </ChartCard>
        <ChartCard title="各级退回次数" hint="点击查看明细">
          <EChart
            testId="chart-returns"
            label={content.returnsByLevel.map((r) => `${LEVEL_LABELS[r.level]}退回 ${r.returns} 次`).join('；')}
            option={returns}
            onClick={(p) => {
              const levels = content.returnsByLevel
              const i = clickedIndex(
                p,
                levels.map((r) => LEVEL_LABELS[r.level] ?? r.level),
              )
              if (i < 0) return
              openDrill(
                tableDrill({
                  section: 'content',
                  title: `${year} 年各级退回次数`,
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
                }),
              )
            }}
          />
        </ChartCard>
      </div>
      {drill}
    </Section>
  )
}
