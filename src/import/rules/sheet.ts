import { COLUMNS, EXAMPLE_MARK, type ImportKind } from '../columns'

/** One data row as read from the sheet: its Excel row number and each cell as text. */
export type RawRow = { row: number; cells: string[] }
/** A problem with the row it is on (1 is the header row); the column's header when it is one cell's. */
export type Problem = { row: number; column?: string; message: string }
export type Record_ = { row: number; values: Record<string, string> }

/** Cell text the way a person typed it: trimmed, full-width spaces and line breaks folded. */
export const cleanCell = (v: string) => v.replace(/[\u3000\s]+/g, ' ').trim()

/**
 * The sheet's rows as records keyed by the template's column keys. Columns are found by their
 * header (extra columns are ignored, order does not matter); a missing required column or a column
 * given twice is a problem of the header row. Blank rows and the template's example rows are skipped.
 */
export const recordsOf = (
  kind: ImportKind,
  header: string[],
  rows: RawRow[],
  headerRow = 1,
): { records: Record_[]; problems: Problem[] } => {
  const problems: Problem[] = []
  const positions = new Map<string, number>()
  const names = header.map((h) => cleanCell(h).replace(/[*＊]$/, ''))
  for (const column of COLUMNS[kind]) {
    const at = names.flatMap((n, i) => (n === column.header ? [i] : []))
    if (at.length > 1) problems.push({ row: headerRow, column: column.header, message: `列“${column.header}”出现了 ${at.length} 次` })
    if (at.length === 0 && column.required)
      problems.push({ row: headerRow, column: column.header, message: `缺少必填列“${column.header}”` })
    if (at.length) positions.set(column.key, at[0]!)
  }
  const records: Record_[] = []
  for (const r of rows) {
    const cells = r.cells.map((c) => cleanCell(c ?? ''))
    if (cells.every((c) => c === '')) continue
    if (cells.find((c) => c !== '')?.startsWith(EXAMPLE_MARK)) continue
    const values: Record<string, string> = {}
    for (const [key, i] of positions) values[key] = cells[i] ?? ''
    records.push({ row: r.row, values })
  }
  return { records, problems }
}

/** Problems for the required cells left empty in a record. */
export const missingCells = (kind: ImportKind, record: Record_): Problem[] =>
  COLUMNS[kind]
    .filter((c) => c.required && !record.values[c.key])
    .map((c) => ({ row: record.row, column: c.header, message: `“${c.header}”不能为空` }))

/** A YYYY-MM-DD (or YYYY/MM/DD, YYYY年M月D日) date as an ISO string at Beijing midnight; null if not a date. */
export const parseDate = (text: string): string | null => {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim())
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return new Date(Date.UTC(y, mo - 1, d) - 8 * 3600_000).toISOString()
}

/** 是/否 (also 1/0, true/false, Y/N); null for anything else. */
export const parseYesNo = (text: string): boolean | null => {
  const t = text.trim().toLowerCase()
  if (['是', '1', 'true', 'y', 'yes', '有'].includes(t)) return true
  if (['否', '0', 'false', 'n', 'no', '无', ''].includes(t)) return false
  return null
}

/** Each value seen more than once in the file: later rows are reported against the first. */
export const duplicatesIn = <T>(
  records: T[],
  keyOf: (r: T) => string,
  rowOf: (r: T) => number,
  column: string,
  what: string,
): Problem[] => {
  const first = new Map<string, number>()
  const problems: Problem[] = []
  for (const r of records) {
    const key = keyOf(r)
    if (!key) continue
    const seen = first.get(key)
    if (seen === undefined) first.set(key, rowOf(r))
    else problems.push({ row: rowOf(r), column, message: `${what}“${key}”与第 ${seen} 行重复` })
  }
  return problems
}

/** Problems grouped by row, so a row's own checks can start from them. */
export const byRow = (problems: Problem[]) => {
  const map = new Map<number, Problem[]>()
  for (const p of problems) map.set(p.row, [...(map.get(p.row) ?? []), p])
  return (row: number) => map.get(row) ?? []
}

export type Counts = { new: number; changed: number; unchanged: number }
/** One row's effect, for the report's table (the first rows of each kind). */
export type Change = { row: number; action: 'new' | 'changed'; label: string; fields: string[] }

export type Plan<C, U> = { problems: Problem[]; creates: C[]; updates: U[]; unchanged: number; changes: Change[] }

/** Problems sorted by row, header first; at most `limit` kept (the count says how many there were). */
export const sortProblems = (problems: Problem[]) => [...problems].sort((a, b) => a.row - b.row)
