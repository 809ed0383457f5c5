import ExcelJS from 'exceljs'

export type Sheet = {
  name: string
  title?: string
  columns: Array<{ header: string; key: string; width?: number }>
  rows: Array<Record<string, unknown>>
}

/** A workbook with one worksheet per table (bold header row, frozen, optional title line above). */
export const workbook = async (sheets: Sheet[]): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook()
  wb.creator = '智慧党建学习平台'
  wb.created = new Date()
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31))
    if (s.title) {
      ws.addRow([s.title]).font = { bold: true, size: 13 }
      ws.addRow([])
    }
    const header = ws.addRow(s.columns.map((c) => c.header))
    header.font = { bold: true }
    s.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width ?? Math.max(10, c.header.length * 2 + 2)))
    for (const r of s.rows) ws.addRow(s.columns.map((c) => r[c.key] ?? ''))
    ws.views = [{ state: 'frozen', ySplit: header.number }]
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export const xlsxResponse = (body: Buffer, filename: string) =>
  new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'Cache-Control': 'no-store',
    },
  })
