import ExcelJS from 'exceljs'

import { POLITICAL_STAGE_LABELS, POLITICAL_STAGES } from '../people/stages'
import { ORG_TYPE_LABELS, ORG_TYPES } from '../organizations/types'
import { DIFFICULTY_OPTIONS, QUESTION_TYPE_LABELS, QUESTION_TYPES } from '../quiz/questionRules'
import { HttpError } from '../http/errors'
import { COLUMNS, EXAMPLE_MARK, KIND_LABELS, type ImportKind } from './columns'
import type { RawRow } from './rules/sheet'

/** A cell as the text a person sees: rich text joined, hyperlinks by their text, formulas by result, dates as YYYY-MM-DD. */
const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) {
    // Excel dates carry no zone: the day shown is the UTC day of the stored value.
    return value.toISOString().slice(0, 10)
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((p) => p.text).join('')
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue)
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('error' in value) return ''
    return ''
  }
  return String(value)
}

/** A file that is not a workbook made from the template: a 400 that says so. */
export class WorkbookError extends HttpError {
  constructor(message: string) {
    super(400, message)
  }
}

/** The first worksheet's header (row 1) and data rows with their Excel row numbers. */
export const readSheet = async (body: Buffer | ArrayBuffer): Promise<{ header: string[]; rows: RawRow[] }> => {
  const wb = new ExcelJS.Workbook()
  try {
    // exceljs types its input as an ArrayBuffer (it reads Node buffers as well).
    await wb.xlsx.load(Buffer.isBuffer(body) ? new Uint8Array(body).buffer : body)
  } catch {
    throw new WorkbookError('无法读取该文件：请上传由模板填写的 Excel 文件（.xlsx）')
  }
  const ws = wb.worksheets[0]
  if (!ws) throw new WorkbookError('文件中没有工作表')
  const header: string[] = []
  const rows: RawRow[] = []
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cellText(cell.value)))
    for (let i = 0; i < cells.length; i++) cells[i] ??= ''
    if (number === 1) header.push(...cells)
    else rows.push({ row: number, cells })
  })
  return { header, rows }
}

const ALLOWED: Record<ImportKind, Array<[string, string[]]>> = {
  people: [['政治面貌', POLITICAL_STAGES.map((s) => POLITICAL_STAGE_LABELS[s].zh)]],
  organizations: [
    ['组织类型', ORG_TYPES.map((t) => ORG_TYPE_LABELS[t].zh)],
    ['已成立支部委员会', ['是', '否']],
  ],
  questions: [
    ['题型', QUESTION_TYPES.map((t) => QUESTION_TYPE_LABELS[t].zh)],
    ['难度', DIFFICULTY_OPTIONS.map((d) => d.label.zh)],
    ['判断题答案', ['正确', '错误']],
  ],
}

/**
 * The template for one kind: the data sheet (Chinese headers, required ones marked *, one example
 * row marked 示例 that is never imported) and a 说明 sheet with each column's rule and the allowed
 * values; `extra` adds lists read from the database (organisation codes, themes).
 */
export const templateWorkbook = async (kind: ImportKind, extra: Array<[string, string[]]> = []): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook()
  wb.creator = '智慧党建学习平台'
  const ws = wb.addWorksheet(`${KIND_LABELS[kind]}导入`)
  const columns = COLUMNS[kind]
  const header = ws.addRow(columns.map((c) => c.header))
  header.font = { bold: true }
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width ?? Math.max(10, c.header.length * 2 + 4)
    // Text cells: Excel would otherwise turn staff numbers into numbers and codes into dates.
    ws.getColumn(i + 1).numFmt = '@'
    if (c.required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFB71C1C' } }
    header.getCell(i + 1).note = c.note
  })
  const example = ws.addRow(columns.map((c, i) => (i === 0 ? `${EXAMPLE_MARK}${c.example}` : c.example)))
  example.font = { italic: true, color: { argb: 'FF888888' } }
  ws.views = [{ state: 'frozen', ySplit: 1 }]

  const help = wb.addWorksheet('说明')
  help.getColumn(1).width = 20
  help.getColumn(2).width = 90
  help.addRow([`${KIND_LABELS[kind]}批量导入说明`]).font = { bold: true, size: 13 }
  help.addRow(['', `在“${ws.name}”工作表第 2 行起每行填写一条；第一格以“${EXAMPLE_MARK}”开头的行是示例，不会导入。红色列为必填。`])
  help.addRow([
    '',
    '先“检查”（不写入任何数据，列出每一行的问题及行号），无问题后再“导入”：全部成功或全部不写入；同一文件再次导入不会重复创建。',
  ])
  help.addRow([])
  help.addRow(['列', '填写要求']).font = { bold: true }
  for (const c of columns) help.addRow([c.header + (c.required ? '（必填）' : ''), c.note])
  for (const [title, values] of [...ALLOWED[kind], ...extra]) {
    help.addRow([])
    help.addRow([`${title}可选值`]).font = { bold: true }
    for (const value of values) help.addRow(['', value])
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
