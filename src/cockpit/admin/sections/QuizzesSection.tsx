'use client'

import React, { useMemo } from 'react'

import { columnsOf, QUESTION_TABLE } from '../../tables'
import { clickedIndex, hardestOption, MONTHS, quizMonthlyOption, truncate, type CockpitResponse } from '../charts'
import { EChart } from '../EChart'
import { ChartCard, DataTable, fmt, Kpi, Section, tableColumns } from '../parts'
import { tableDrill, type Drill, type MemberFilter } from '../useCockpit'

type Props = {
  quizzes: CockpitResponse['quizzes']
  year: number
  lastMonth: number
  exportHref: string
  /** The hardest question picked on the chart, highlighted in the table. */
  hardestRow?: number
  onHardestRow: (row: number) => void
  showMembers: (section: string, title: string, filter: MemberFilter) => void
  openDrill: (drill: Drill) => void
  drill: React.ReactNode
}

/** 测验: participation, pass rate and scores, the months, and the questions answered wrong most often. */
export function QuizzesSection({ quizzes, year, lastMonth, exportHref, hardestRow, onHardestRow, showMembers, openDrill, drill }: Props) {
  const monthly = useMemo(() => quizMonthlyOption(quizzes.byMonth, lastMonth), [quizzes.byMonth, lastMonth])
  const hardest = useMemo(() => (quizzes.hardest.length ? hardestOption(quizzes.hardest) : null), [quizzes.hardest])
  const hardestColumns = tableColumns(columnsOf(QUESTION_TABLE, 'admin'), {
    stem: (q, text) => <span id={`cockpit-question-${q.id}`}>{text}</span>,
  })

  return (
    <Section
      id="quizzes"
      title="测验"
      actions={
        <a href={exportHref} download>
          导出难题表
        </a>
      }
    >
      <div className="cockpit-kpis">
        <Kpi
          label="参与率"
          value={String(quizzes.participation)}
          unit="%"
          note={`${fmt(quizzes.participants)} 人参加；点击查看未参加名单`}
          onClick={() => showMembers('quizzes', '本年度未参加测验的党员', { noQuiz: true })}
          testId="kpi-quiz-participation"
        />
        <Kpi label="通过率" value={String(quizzes.passRate)} unit="%" note={`共 ${fmt(quizzes.attempts)} 次答题`} />
        <Kpi label="平均分" value={String(quizzes.averageScore)} unit="分" />
      </div>
      <div className="cockpit-grid">
        <ChartCard title="月度答题与通过率" hint="点击查看当月明细">
          <EChart
            testId="chart-quiz-monthly"
            label="各月答题次数和通过率"
            option={monthly}
            onClick={(p) => {
              const i = clickedIndex(p, MONTHS)
              if (i < 0) return
              openDrill(
                tableDrill({
                  section: 'quizzes',
                  title: `${year} 年各月答题情况`,
                  highlight: i,
                  columns: [
                    { key: 'monthLabel', label: '月份' },
                    { key: 'attempts', label: '答题次数', numeric: true },
                    { key: 'passRate', label: '通过率%', numeric: true },
                    { key: 'averageScore', label: '平均分', numeric: true },
                  ],
                  rows: quizzes.byMonth.map((m) => ({ ...m, id: m.month, monthLabel: `${m.month} 月` })),
                }),
              )
            }}
          />
        </ChartCard>
        <ChartCard title="错误率最高的题目" hint="点击定位到下表">
          {hardest ? (
            <EChart
              testId="chart-hardest"
              height={Math.max(240, quizzes.hardest.length * 32 + 60)}
              label={quizzes.hardest.map((q) => `${truncate(q.stem, 20)} 错误率 ${q.wrongRate}%`).join('；')}
              option={hardest}
              onClick={(p) => {
                const i = clickedIndex(
                  p,
                  quizzes.hardest.map((q) => truncate(q.stem, 14)),
                )
                if (i < 0) return
                onHardestRow(i)
                document
                  .getElementById(`cockpit-question-${quizzes.hardest[i].id}`)
                  ?.scrollIntoView({ behavior: 'smooth', block: 'center' })
              }}
            />
          ) : (
            <p className="cockpit-muted">作答满 3 次的题目才计入。</p>
          )}
        </ChartCard>
      </div>
      {quizzes.hardest.length ? (
        <DataTable
          caption="错误率最高的题目"
          testId="cockpit-hardest"
          highlight={hardestRow}
          columns={hardestColumns}
          rows={quizzes.hardest.map((q, i) => ({ ...q, rank: i + 1 }))}
        />
      ) : null}
      {drill}
    </Section>
  )
}
