import type { CockpitData } from './data'
import type { MemberRow } from './lists'

/**
 * The cockpit's tables that show in more than one place — the admin's 数据驾驶舱, the Excel export
 * (/api/cockpit/export) and the member site's 支部 page — defined once: each column's heading, Excel
 * width and cell, and for each place (a layout) which columns in which order. Where the places have
 * always read differently, the column says so in `in`, so that no place's output changed when they
 * came to share the definition. No React and no I/O: the server and both UIs import it.
 */

/** One column. Without `value`, the cell is the row's field of the same key; without `text`, that value as a string. */
export type TableColumn<R, L extends string> = {
  header: string
  /** Excel's column width (characters); without it, the workbook sizes the column by its heading. */
  width?: number
  /** Right-aligned in the admin's tables. */
  numeric?: boolean
  /** The cell's value, for Excel: a number stays a number there. */
  value?: (row: R) => unknown
  /** The cell as text on screen. */
  text?: (row: R) => string
  /** Where one layout reads differently (its own heading or text). */
  in?: Partial<Record<L, { header?: string; text?: (row: R) => string }>>
}

export type TableDef<R, K extends string, L extends string> = {
  columns: Record<K, TableColumn<R, L>>
  layouts: Record<L, K[]>
}

/** A column as one layout shows it. */
export type PlacedColumn<R> = {
  key: string
  header: string
  width?: number
  numeric: boolean
  value: (row: R) => unknown
  text: (row: R) => string
}

/** `defineTable<Row, Layouts>()(columns, layouts)`: a layout naming a column that is not there does not compile. */
const defineTable =
  <R, L extends string>() =>
  <K extends string>(columns: Record<K, TableColumn<R, L>>, layouts: Record<L, NoInfer<K>[]>): TableDef<R, K, L> => ({ columns, layouts })

/** The columns of one layout, in its order. */
export const columnsOf = <R, K extends string, L extends string>(table: TableDef<R, K, L>, layout: L): PlacedColumn<R>[] =>
  table.layouts[layout].map((key) => {
    const c = table.columns[key]
    const own = c.in?.[layout]
    const value = c.value ?? ((row: R) => (row as Record<string, unknown>)[key])
    return {
      key,
      header: own?.header ?? c.header,
      width: c.width,
      numeric: c.numeric ?? false,
      value,
      text: own?.text ?? c.text ?? ((row: R) => String(value(row) ?? '')),
    }
  })

/** An Excel sheet's columns and rows (src/cockpit/excel.ts) from a layout. */
export const sheetOf = <R>(columns: PlacedColumn<R>[], rows: R[]) => ({
  columns: columns.map(({ key, header, width }) => ({ key, header, width })),
  rows: rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, c.value(row)]))),
})

/** Hours as the member site writes them (src/site/content.ts formatHours): two decimals at most. */
export const hoursText = (hours: number | null | undefined) => String(Math.round((hours ?? 0) * 100) / 100)

export type MemberFigures = Pick<
  MemberRow,
  'id' | 'name' | 'branch' | 'stage' | 'hours' | 'expected' | 'completions' | 'quizAttempts' | 'quizPassed'
>

/**
 * 党员学时: the admin's drill-down list, its Excel export, and the 支部 page's list and roster.
 * The Excel heading 完成内容数 and the admin's 完成内容 have always differed; the site writes units in
 * its cells and folds the two quiz figures into one. `archive`, `reminded` and `action` are the
 * site's own, drawn by the page.
 */
export const MEMBER_TABLE = defineTable<MemberFigures, 'admin' | 'excel' | 'site' | 'roster'>()(
  {
    name: { header: '姓名', width: 12 },
    branch: { header: '所在支部', width: 28 },
    stage: { header: '政治面貌', width: 10 },
    hours: { header: '本年学时', width: 10, numeric: true, text: (m) => hoursText(m.hours) },
    expected: { header: '按进度应达', width: 12, numeric: true },
    completions: {
      header: '完成内容',
      width: 12,
      numeric: true,
      in: { excel: { header: '完成内容数' }, site: { text: (m) => `${m.completions} 项` } },
    },
    quizAttempts: { header: '测验次数', width: 10, numeric: true },
    quizPassed: { header: '测验通过', width: 10, numeric: true },
    quiz: { header: '测验', text: (m) => `${m.quizAttempts} 次${m.quizAttempts ? `，通过 ${m.quizPassed}` : ''}` },
    archive: { header: '学习档案' },
    reminded: { header: '上次提醒' },
    action: { header: '操作' },
  },
  {
    admin: ['name', 'branch', 'stage', 'hours', 'expected', 'completions', 'quizAttempts', 'quizPassed'],
    excel: ['name', 'branch', 'stage', 'hours', 'expected', 'completions', 'quizAttempts', 'quizPassed'],
    site: ['name', 'branch', 'stage', 'hours', 'completions', 'quiz', 'archive'],
    roster: ['name', 'branch', 'stage', 'hours', 'reminded', 'action'],
  },
)

export type BranchRow = CockpitData['branches']['rows'][number]

/**
 * 支部: the admin's 支部建设 table, the Excel sheet 支部 and the 支部 page's 各支部. Each place has always
 * shown its own selection (the admin the branch's build, Excel the study figures, the site a short
 * summary); note that Excel's 进度达标 is the number of members on pace while the site's is the share.
 * `issues` and `term` are drawn by the admin (labels, badges).
 */
export const BRANCH_TABLE = defineTable<BranchRow, 'admin' | 'excel' | 'site'>()(
  {
    name: { header: '支部', width: 28 },
    college: { header: '上级党组织', width: 24, value: (b) => b.college?.name ?? null },
    secretary: { header: '书记', text: (b) => String(b.secretary ?? '（未设）') },
    size: { header: '党员 / 正式', numeric: true, text: (b) => `${b.memberCount} / ${b.fullMemberCount}` },
    issues: { header: '问题' },
    term: { header: '任期届满' },
    members: { header: '党员数', value: (b) => b.study.members, in: { site: { header: '党员' } } },
    onPace: { header: '进度达标', value: (b) => b.study.onPace },
    onPaceShare: {
      header: '学时达标率',
      numeric: true,
      value: (b) => b.study.onPaceShare,
      text: (b) => `${b.study.onPaceShare}%`,
      in: { excel: { header: '达标率%' }, site: { header: '进度达标' } },
    },
    averageHours: { header: '人均学时', value: (b) => b.study.averageHours, text: (b) => hoursText(b.study.averageHours) },
    quizParticipation: { header: '测验参与率%', value: (b) => b.study.quizParticipation },
    quizPassRate: { header: '测验通过率%', value: (b) => b.study.quizPassRate },
    state: { header: '状态', text: (b) => (b.needsAction ? '需处理' : '正常'), in: { site: { header: '支部建设' } } },
  },
  {
    admin: ['name', 'college', 'secretary', 'size', 'issues', 'term', 'onPaceShare', 'state'],
    excel: ['name', 'college', 'members', 'onPace', 'onPaceShare', 'averageHours', 'quizParticipation', 'quizPassRate'],
    site: ['name', 'members', 'onPaceShare', 'averageHours', 'state'],
  },
)

/** `rank` and `kind` (the collection's label) are added by the admin, which alone shows them. */
export type ItemRow = CockpitData['learning']['topItems'][number] & { rank?: number; kind?: string }

/** 最常学习的内容: the admin's drill-down and the Excel sheet 最常学习. */
export const ITEM_TABLE = defineTable<ItemRow, 'admin' | 'excel'>()(
  {
    rank: { header: '名次', numeric: true },
    title: { header: '内容', width: 40 },
    kind: { header: '类别' },
    completions: { header: '完成人次', numeric: true },
  },
  {
    admin: ['rank', 'title', 'kind', 'completions'],
    excel: ['title', 'completions'],
  },
)

export type QuestionRow = CockpitData['quizzes']['hardest'][number] & { rank?: number }

/** 错误率最高的题目: the admin's table and the Excel sheet 难题 (a bare number under 错误率% there). */
export const QUESTION_TABLE = defineTable<QuestionRow, 'admin' | 'excel'>()(
  {
    rank: { header: '序号', numeric: true },
    stem: { header: '题目', width: 60 },
    answers: { header: '作答次数', numeric: true },
    wrong: { header: '答错次数', numeric: true },
    wrongRate: { header: '错误率', numeric: true, text: (q) => `${q.wrongRate}%`, in: { excel: { header: '错误率%' } } },
  },
  {
    admin: ['rank', 'stem', 'answers', 'wrong', 'wrongRate'],
    excel: ['stem', 'answers', 'wrong', 'wrongRate'],
  },
)
