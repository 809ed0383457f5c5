import { expect, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import { mkdtempSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'

import { adminSignIn } from '../helpers/e2e'

/**
 * 批量导入 in the admin through the production app server: the system administrator checks a file
 * (a row's problem shown with its row number, nothing written, 导入 unavailable), fixes it, imports
 * it with the progress bar to the end, and importing the same file again changes nothing.
 */
const sheet = async (rows: string[][]) => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('人员导入')
  ws.addRow(['姓名', '工号/学号', '所在组织编码', '政治面貌', '邮箱', '手机号'])
  for (const r of rows) ws.addRow(r)
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'e2e-import-')), 'people.xlsx')
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
  return file
}

test('sysAdmin checks a people file, sees the bad row, fixes it, imports with progress; the same file again changes nothing', async ({
  browser,
}, testInfo) => {
  const stamp = Date.now().toString(36)
  const good = [`导入甲${stamp}`, `E2E${stamp}1`, 'B-INFO-UG1', '入党积极分子', `import-a-${stamp}@test.edu.cn`, '13812345678']
  const other = [`导入乙${stamp}`, `E2E${stamp}2`, 'B-INFO-UG1', '群众', `import-b-${stamp}@test.edu.cn`, '']
  const page = await adminSignIn(browser, 'sysadmin@demo.edu.cn')
  await page.goto('/admin/import')
  await page.getByLabel('导入内容').selectOption({ label: '人员' })

  // Row 3 names an organisation that does not exist and a phone that is not one.
  await page
    .getByLabel('选择 Excel 文件')
    .setInputFiles(await sheet([good, [other[0], other[1], 'NO-SUCH-ORG', other[3], other[4], '12345']]))
  await page.getByRole('button', { name: '检查', exact: true }).click()
  const problems = page.getByTestId('import-problems')
  await expect(problems).toContainText('第 3 行')
  await expect(problems).toContainText('NO-SUCH-ORG')
  await expect(page.getByRole('button', { name: '导入', exact: true })).toBeDisabled()
  await page.screenshot({ path: testInfo.outputPath('import-problems.png'), fullPage: true })

  const fixed = await sheet([good, other])
  await page.getByLabel('选择 Excel 文件').setInputFiles(fixed)
  await page.getByRole('button', { name: '检查', exact: true }).click()
  await expect(page.getByText('新增 2')).toBeVisible()
  await page.getByRole('button', { name: '导入', exact: true }).click()
  await expect(page.getByText('导入完成')).toBeVisible()
  await expect(page.getByText('已导入：新增 2，更新 0，未变 0。已记入审计日志。')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('import-done.png'), fullPage: true })

  // The people are there, as the admin's own API reads them.
  const found = await page.request.get(`/api/users?depth=0&where[staffNumber][equals]=E2E${stamp}1`)
  expect(((await found.json()) as { totalDocs: number }).totalDocs).toBe(1)

  // Again: nothing to write.
  await page.reload()
  await page.getByLabel('导入内容').selectOption({ label: '人员' })
  await page.getByLabel('选择 Excel 文件').setInputFiles(fixed)
  await page.getByRole('button', { name: '检查', exact: true }).click()
  await expect(page.getByText(/新增\s*0，更新\s*0，未变\s*2/)).toBeVisible()
  await page.context().close()
})
