'use client'

import React, { useMemo } from 'react'

import { columnsOf, ITEM_TABLE } from '../../tables'
import { clickedIndex, themesOption, topItemsOption, truncate, type CockpitResponse } from '../charts'
import { EChart } from '../EChart'
import { ChartCard, fmt, Kpi, Section, tableColumns } from '../parts'
import { tableDrill, type Drill } from '../useCockpit'

type Props = {
  learning: CockpitResponse['learning']
  /** Each collection's label (类别). */
  collections: Record<string, string>
  exportHref: string
  openDrill: (drill: Drill) => void
  drill: React.ReactNode
}

/** 学习: the most-studied items and the themes studied, each drilling down to its table. */
export function LearningSection({ learning, collections, exportHref, openDrill, drill }: Props) {
  const topItems = useMemo(() => (learning.topItems.length ? topItemsOption(learning.topItems) : null), [learning.topItems])
  const themes = useMemo(() => (learning.themes.length ? themesOption(learning.themes) : null), [learning.themes])

  return (
    <Section
      id="learning"
      title="学习"
      actions={
        <a href={exportHref} download>
          导出最常学习内容
        </a>
      }
    >
      <div className="cockpit-kpis">
        <Kpi label="完成学习" value={fmt(learning.completions)} unit="人次" />
        <Kpi label="学习过的专题" value={fmt(learning.themes.length)} unit="个" />
      </div>
      <div className="cockpit-grid">
        <ChartCard title="最常学习的内容" hint="点击查看明细">
          {topItems ? (
            <EChart
              testId="chart-top-items"
              height={Math.max(240, learning.topItems.length * 32 + 60)}
              label={learning.topItems.map((t) => `${t.title} ${t.completions} 人次`).join('；')}
              option={topItems}
              onClick={(p) => {
                const i = clickedIndex(
                  p,
                  learning.topItems.map((t) => truncate(t.title, 14)),
                )
                if (i < 0) return
                openDrill(
                  tableDrill({
                    section: 'learning',
                    title: '最常学习的内容',
                    highlight: i,
                    exportTable: 'items',
                    columns: tableColumns(columnsOf(ITEM_TABLE, 'admin')),
                    rows: learning.topItems.map((t, n) => ({ ...t, rank: n + 1, kind: collections[t.collection] ?? t.collection })),
                  }),
                )
              }}
            />
          ) : (
            <p className="cockpit-muted">本年度暂无学习记录。</p>
          )}
        </ChartCard>
        <ChartCard title="学习专题分布" hint="点击查看明细">
          {themes ? (
            <EChart
              testId="chart-themes"
              label={learning.themes.map((t) => `${t.name} ${t.completions} 人次`).join('；')}
              option={themes}
              onClick={(p) => {
                const i = clickedIndex(p, [])
                if (i < 0) return
                const total = learning.themes.reduce((a, t) => a + t.completions, 0)
                openDrill(
                  tableDrill({
                    section: 'learning',
                    title: '各专题学习人次',
                    highlight: i,
                    columns: [
                      { key: 'name', label: '专题' },
                      { key: 'completions', label: '完成人次', numeric: true },
                      { key: 'share', label: '占比', numeric: true },
                    ],
                    rows: learning.themes.map((t) => ({
                      ...t,
                      share: total ? `${Math.round((1000 * t.completions) / total) / 10}%` : '0%',
                    })),
                  }),
                )
              }}
            />
          ) : (
            <p className="cockpit-muted">本年度暂无专题学习记录。</p>
          )}
        </ChartCard>
      </div>
      {drill}
    </Section>
  )
}
