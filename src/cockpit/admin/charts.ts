import type { EChartsOption } from 'echarts'

import type { CockpitData, contentWork } from '../data'

/**
 * The cockpit's chart options: small pure functions from the /api/cockpit JSON to ECharts options,
 * shared by the admin's 数据驾驶舱 and the member site's 支部 page. No DOM, no fetching here.
 */

export type ContentWork = Awaited<ReturnType<typeof contentWork>>
export type CockpitResponse = CockpitData & { content: ContentWork | null }

/** What a chart click reports (a bar, a slice, or — with `triggerEvent` — an axis label). */
export type ChartClick = { componentType?: string; dataIndex?: number; name?: string; value?: unknown; seriesName?: string }

export const PALETTE = ['#c62828', '#1565c0', '#ef6c00', '#2e7d32', '#6a1b9a', '#00838f', '#f9a825', '#8d6e63', '#ad1457', '#546e7a']
/** From nothing (red) to the year's target (green). */
export const BAND_COLORS = ['#b71c1c', '#e65100', '#f9a825', '#9e9d24', '#558b2f', '#2e7d32']
export const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`)
export const LEVEL_LABELS: Record<string, string> = { '1': '初审', '2': '复审', '3': '终审' }

export const truncate = (s: string, max = 14) => (s.length > max ? `${s.slice(0, max - 1)}…` : s)

/** The row a click points at: the bar or slice clicked, or the category whose axis label was clicked. */
export const clickedIndex = (params: ChartClick, categories: string[]): number => {
  if (params.componentType === 'series' && typeof params.dataIndex === 'number') return params.dataIndex
  if (params.componentType === 'xAxis' || params.componentType === 'yAxis') return categories.indexOf(String(params.value))
  return -1
}

const base = (): EChartsOption => ({
  backgroundColor: 'transparent',
  color: PALETTE,
  textStyle: { fontFamily: "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif" },
  grid: { left: 16, right: 24, top: 48, bottom: 16 },
  animationDuration: 300,
})

/** 学时分布: members per hour band; a click on a bar (or its label) drills down to the members. */
export const distributionOption = (distribution: CockpitData['study']['distribution']): EChartsOption => ({
  ...base(),
  tooltip: { trigger: 'item', formatter: '{b} 学时：{c} 人<br/>点击查看名单' },
  xAxis: { type: 'category', name: '学时', data: distribution.map((d) => d.label), triggerEvent: true, axisTick: { alignWithLabel: true } },
  yAxis: { type: 'value', name: '人数', minInterval: 1 },
  series: [
    {
      type: 'bar',
      name: '党员人数',
      barMaxWidth: 56,
      barMinHeight: 4,
      cursor: 'pointer',
      label: { show: true, position: 'top', formatter: '{c} 人' },
      data: distribution.map((d, i) => ({ value: d.members, itemStyle: { color: BAND_COLORS[i % BAND_COLORS.length] } })),
    },
  ],
})

/** Months still to come in the current year are no data, not zero (`lastMonth`: the last month with data). */
const upTo = <T>(values: T[], lastMonth: number) => values.map((v, i) => (i < lastMonth ? v : null))

/** 学时月度趋势: hours credited per month (line) and items completed (bars, right axis). */
export const monthlyHoursOption = (byMonth: CockpitData['study']['byMonth'], lastMonth = 12): EChartsOption => ({
  ...base(),
  tooltip: { trigger: 'axis' },
  legend: { top: 0 },
  xAxis: { type: 'category', data: MONTHS, triggerEvent: true },
  yAxis: [
    { type: 'value', name: '学时' },
    { type: 'value', name: '人次', minInterval: 1, splitLine: { show: false } },
  ],
  series: [
    {
      type: 'bar',
      name: '完成内容（人次）',
      yAxisIndex: 1,
      data: upTo(
        byMonth.map((m) => m.completions),
        lastMonth,
      ),
      itemStyle: { color: '#ffcdd2' },
      barMaxWidth: 28,
      cursor: 'pointer',
    },
    {
      type: 'line',
      name: '获得学时',
      smooth: true,
      smoothMonotone: 'x',
      symbolSize: 8,
      data: upTo(
        byMonth.map((m) => m.hours),
        lastMonth,
      ),
      itemStyle: { color: '#c62828' },
      areaStyle: { opacity: 0.08 },
      cursor: 'pointer',
    },
  ],
})

type OrgRow = { id: number; name: string; members: number; averageHours: number; onPaceShare: number }

/** 各学院 / 各支部: average hours per organisation (bars), pace line marked; a click narrows the cockpit. */
export const orgBarsOption = (rows: OrgRow[], expectedHours: number): EChartsOption => ({
  ...base(),
  grid: { left: 16, right: 72, top: 40, bottom: 16 },
  tooltip: {
    trigger: 'item',
    formatter: (p: unknown) => {
      const r = rows[(p as { dataIndex: number }).dataIndex]
      return r
        ? `${r.name}<br/>党员 ${r.members} 人<br/>人均 ${r.averageHours} 学时<br/>按进度达标 ${r.onPaceShare}%<br/>点击查看该组织`
        : ''
    },
  },
  // Room for the pace line even when every organisation is below it.
  xAxis: {
    type: 'value',
    name: '人均学时',
    max: Math.max(5, Math.ceil((Math.max(expectedHours, ...rows.map((r) => r.averageHours)) * 1.05) / 5) * 5),
  },
  yAxis: { type: 'category', inverse: true, data: rows.map((r) => truncate(r.name, 16)), triggerEvent: true },
  series: [
    {
      type: 'bar',
      name: '人均学时',
      barMaxWidth: 28,
      barMinHeight: 4,
      cursor: 'pointer',
      label: {
        show: true,
        position: 'right',
        formatter: (p: unknown) => `${rows[(p as { dataIndex: number }).dataIndex]?.onPaceShare ?? 0}% 达标`,
      },
      data: rows.map((r) => ({ value: r.averageHours, itemStyle: { color: r.averageHours >= expectedHours ? '#2e7d32' : '#c62828' } })),
      markLine: {
        symbol: 'none',
        silent: true,
        lineStyle: { type: 'dashed', color: '#8a4b00' },
        label: { position: 'start', formatter: `按进度应达 ${expectedHours}` },
        data: [{ xAxis: expectedHours }],
      },
    },
  ],
})

/** 最常学习的内容: completions per item. */
export const topItemsOption = (items: CockpitData['learning']['topItems']): EChartsOption => ({
  ...base(),
  tooltip: {
    trigger: 'item',
    formatter: (p: unknown) =>
      `${items[(p as { dataIndex: number }).dataIndex]?.title ?? ''}<br/>完成 ${(p as { value: number }).value} 人次`,
  },
  xAxis: { type: 'value', name: '人次', minInterval: 1 },
  yAxis: { type: 'category', inverse: true, data: items.map((i) => truncate(i.title, 14)), triggerEvent: true },
  series: [
    {
      type: 'bar',
      name: '完成人次',
      barMaxWidth: 22,
      cursor: 'pointer',
      label: { show: true, position: 'right' },
      data: items.map((i) => i.completions),
      itemStyle: { color: '#c62828' },
    },
  ],
})

/** 学习专题: completions per theme (a ring). */
export const themesOption = (themes: CockpitData['learning']['themes']): EChartsOption => ({
  ...base(),
  tooltip: { trigger: 'item', formatter: '{b}：{c} 人次（{d}%）' },
  legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
  series: [
    {
      type: 'pie',
      name: '学习专题',
      radius: ['38%', '68%'],
      center: ['36%', '52%'],
      cursor: 'pointer',
      label: { show: false },
      data: themes.map((t) => ({ name: t.name, value: t.completions })),
    },
  ],
})

/** 测验月度: attempts (bars) and pass rate (line, right axis). */
export const quizMonthlyOption = (byMonth: CockpitData['quizzes']['byMonth'], lastMonth = 12): EChartsOption => ({
  ...base(),
  tooltip: { trigger: 'axis' },
  legend: { top: 0 },
  xAxis: { type: 'category', data: MONTHS, triggerEvent: true },
  yAxis: [
    { type: 'value', name: '次数', minInterval: 1 },
    { type: 'value', name: '通过率%', min: 0, max: 100, splitLine: { show: false } },
  ],
  series: [
    {
      type: 'bar',
      name: '答题次数',
      data: upTo(
        byMonth.map((m) => m.attempts),
        lastMonth,
      ),
      itemStyle: { color: '#1565c0' },
      barMaxWidth: 28,
      cursor: 'pointer',
    },
    {
      type: 'line',
      name: '通过率%',
      yAxisIndex: 1,
      smooth: true,
      smoothMonotone: 'x',
      symbolSize: 8,
      connectNulls: true,
      data: byMonth.map((m) => (m.attempts ? m.passRate : null)),
      itemStyle: { color: '#2e7d32' },
      cursor: 'pointer',
    },
  ],
})

/** 错误率最高的题目. */
export const hardestOption = (hardest: CockpitData['quizzes']['hardest']): EChartsOption => ({
  ...base(),
  grid: { left: 16, right: 48, top: 32, bottom: 16 },
  tooltip: {
    trigger: 'item',
    formatter: (p: unknown) => {
      const q = hardest[(p as { dataIndex: number }).dataIndex]
      return q ? `${truncate(q.stem, 40)}<br/>作答 ${q.answers} 次，答错 ${q.wrong} 次` : ''
    },
  },
  xAxis: { type: 'value', name: '错误率%', min: 0, max: 100 },
  yAxis: { type: 'category', inverse: true, data: hardest.map((q) => truncate(q.stem, 14)), triggerEvent: true },
  series: [
    {
      type: 'bar',
      name: '错误率%',
      barMaxWidth: 22,
      cursor: 'pointer',
      label: { show: true, position: 'right', formatter: '{c}%' },
      data: hardest.map((q) => q.wrongRate),
      itemStyle: { color: '#ef6c00' },
    },
  ],
})

/** The series key and name of a published-content row: news by column, the rest by collection. */
export const publishedSeriesOf = (
  row: { collection: string; column: string | null },
  labels: { collections: Record<string, string>; columns: Record<string, string> },
) => ({
  key: row.column ? `${row.collection}:${row.column}` : row.collection,
  name: row.column
    ? `${labels.collections[row.collection] ?? row.collection}·${labels.columns[row.column] ?? row.column}`
    : (labels.collections[row.collection] ?? row.collection),
})

/** 内容发布: items published per month, stacked by collection (news by column). */
export const publishedOption = (
  rows: ContentWork['publishedByMonth'],
  labels: { collections: Record<string, string>; columns: Record<string, string> },
): EChartsOption => {
  const series = new Map<string, { name: string; data: number[] }>()
  for (const r of rows) {
    const { key, name } = publishedSeriesOf(r, labels)
    const s = series.get(key) ?? { name, data: Array<number>(12).fill(0) }
    if (r.month >= 1 && r.month <= 12) s.data[r.month - 1] += r.items
    series.set(key, s)
  }
  return {
    ...base(),
    grid: { left: 16, right: 24, top: 72, bottom: 16 },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    xAxis: { type: 'category', data: MONTHS, triggerEvent: true },
    yAxis: { type: 'value', name: '条', minInterval: 1 },
    series: [...series.values()].map((s) => ({
      type: 'bar' as const,
      name: s.name,
      stack: 'published',
      barMaxWidth: 32,
      cursor: 'pointer',
      data: s.data,
    })),
  }
}

/** 待审内容: items waiting at each review level, the oldest's age on the label. */
export const waitingOption = (waiting: ContentWork['waiting']): EChartsOption => ({
  ...base(),
  tooltip: {
    trigger: 'item',
    formatter: (p: unknown) => {
      const w = waiting[(p as { dataIndex: number }).dataIndex]
      return w ? `${w.label}：${w.count} 条<br/>最久已等 ${w.oldestDays ?? 0} 天，平均 ${w.averageDays ?? 0} 天` : ''
    },
  },
  xAxis: { type: 'category', data: waiting.map((w) => w.label), triggerEvent: true },
  yAxis: { type: 'value', name: '条', minInterval: 1 },
  series: [
    {
      type: 'bar',
      name: '待审',
      barMaxWidth: 56,
      barMinHeight: 4,
      cursor: 'pointer',
      label: {
        show: true,
        position: 'top',
        formatter: (p: unknown) => {
          const w = waiting[(p as { dataIndex: number }).dataIndex]
          return w?.count ? `${w.count} 条 · 最久 ${w.oldestDays ?? 0} 天` : '0 条'
        },
      },
      data: waiting.map((w) => ({ value: w.count, itemStyle: { color: (w.oldestDays ?? 0) > 7 ? '#c62828' : '#ef6c00' } })),
    },
  ],
})

/** 退回: returns per review level this year. */
export const returnsOption = (returns: ContentWork['returnsByLevel']): EChartsOption => ({
  ...base(),
  tooltip: { trigger: 'item', formatter: '{b}退回：{c} 次' },
  xAxis: { type: 'category', data: returns.map((r) => LEVEL_LABELS[r.level] ?? r.level), triggerEvent: true },
  yAxis: { type: 'value', name: '次', minInterval: 1 },
  series: [
    {
      type: 'bar',
      name: '退回次数',
      barMaxWidth: 56,
      barMinHeight: 4,
      cursor: 'pointer',
      label: { show: true, position: 'top' },
      data: returns.map((r) => r.returns),
      itemStyle: { color: '#6a1b9a' },
    },
  ],
})
