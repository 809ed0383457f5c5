import { expect, test, type Page } from '@playwright/test'
import ExcelJS from 'exceljs'

import { DEMO_PASSWORD } from '../../seed/people'

const adminLogin = async (page: Page, email: string) => {
  await page.goto('/admin/login')
  await page.locator('#field-email').fill(email)
  await page.locator('#field-password').fill(DEMO_PASSWORD)
  await page.locator('button[type="submit"]').click()
  await expect(page).toHaveURL(/\/admin\/?$/)
}

const siteLogin = async (page: Page, email: string) => {
  await page.goto('/login')
  await page.getByLabel('邮箱').fill(email)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByRole('heading', { name: '首页', level: 1 })).toBeVisible()
}

type Band = { band: string; label: string; members: number }

/** Clicks inside a bar of an ECharts bar chart: just above the x-axis label of its category. */
const clickBar = async (page: Page, chartTestId: string, category: string) => {
  const label = page
    .getByTestId(chartTestId)
    .locator('svg text')
    .filter({ hasText: new RegExp(`^${category.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
  const box = await label.first().boundingBox()
  expect(box, `axis label ${category}`).not.toBeNull()
  await page.mouse.click(box!.x + box!.width / 2, box!.y - 14)
}

test('the Party committee opens 数据驾驶舱: charts, KPIs, and a distribution bar drills down to members', async ({ page }, testInfo) => {
  await adminLogin(page, 'committee@demo.edu.cn')
  const navLink = page.locator('#nav-admin-cockpit')
  await expect(navLink).toHaveText('数据驾驶舱')
  await expect(navLink).toHaveAttribute('href', '/admin/cockpit')

  await page.goto('/admin/cockpit')
  await expect(page.getByRole('heading', { name: '数据驾驶舱', level: 1 })).toBeVisible()
  await expect(page).toHaveTitle(/数据驾驶舱/)
  // KPIs: the university's Party members, as a number.
  await expect(page.getByTestId('kpi-members')).toHaveText(/^[\d,]+人$/)
  const members = Number((await page.getByTestId('kpi-members').innerText()).replace(/[^\d]/g, ''))
  expect(members).toBeGreaterThan(0)
  // Every section is there (内容工作 only at university level), each chart drawn by ECharts.
  for (const name of ['学时', '学习', '测验', '内容工作', '支部建设'])
    await expect(page.getByRole('heading', { name, level: 2, exact: true })).toBeVisible()
  for (const id of [
    'chart-distribution',
    'chart-monthly',
    'chart-orgs',
    'chart-top-items',
    'chart-themes',
    'chart-quiz-monthly',
    'chart-published',
    'chart-waiting',
    'chart-returns',
  ])
    await expect(page.getByTestId(id).locator('svg, canvas').first()).toBeVisible()
  await expect(page.getByTestId('chart-distribution').locator('svg path').first()).toBeAttached()
  // 支部建设: the demo branches that break a rule are highlighted.
  await expect(page.getByTestId('cockpit-branches').locator('tr.needs-action').first()).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('cockpit.png'), fullPage: true })

  // The band with the most members: its bar opens the member list behind it.
  const api = await page.request.get('/api/cockpit')
  expect(api.status()).toBe(200)
  const { study } = (await api.json()) as { study: { distribution: Band[] } }
  const band = [...study.distribution].sort((a, b) => b.members - a.members)[0]
  expect(band.members).toBeGreaterThan(0)
  await clickBar(page, 'chart-distribution', band.label)
  const drill = page.getByTestId('cockpit-drill')
  await expect(drill.getByRole('heading', { name: `学时 ${band.label} 的党员` })).toBeVisible()
  await expect(page.getByTestId('cockpit-members').locator('tbody tr')).toHaveCount(band.members)
  await expect(page.getByTestId('cockpit-members').locator('thead')).toContainText('姓名')
  await expect(drill.getByRole('link', { name: '导出 Excel' })).toHaveAttribute(
    'href',
    new RegExp(`^/api/cockpit/export\\?table=members&year=\\d{4}&band=${band.band}$`),
  )
  await page.screenshot({ path: testInfo.outputPath('cockpit-drill.png'), fullPage: false })

  // A college's bar narrows the cockpit to that college; the breadcrumb leads back.
  const college = page.getByTestId('chart-orgs').locator('svg text').filter({ hasText: /党委$/ }).first()
  const collegeName = (await college.textContent())!.trim()
  await college.click()
  await expect(page.locator('.cockpit-crumbs [aria-current="page"]')).toHaveText(collegeName)
  await expect(page).toHaveURL(/[?&]org=\d+/)
  await expect(page.getByRole('heading', { name: '内容工作', level: 2 })).toHaveCount(0)
  await page.locator('.cockpit-crumbs').getByRole('button', { name: '示范大学党委' }).click()
  await expect(page.locator('.cockpit-crumbs [aria-current="page"]')).toHaveText('示范大学党委')
  await expect(page.getByRole('heading', { name: '内容工作', level: 2 })).toBeVisible()
})

test('a branch secretary sees the members behind pace on /branch, exports them and opens an archive', async ({ page }, testInfo) => {
  await siteLogin(page, 'secretary@demo.edu.cn')
  const tab = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '支部' })
  await expect(tab).toHaveAttribute('href', '/branch')
  await page.goto('/branch')
  await expect(page.getByRole('heading', { name: '支部学习情况', level: 1 })).toBeVisible()
  await expect(page.getByText('信息工程学院本科生第一党支部').first()).toBeVisible()
  await expect(page.getByTestId('branch-distribution').locator('svg').first()).toBeVisible()
  await expect(page.getByTestId('branch-monthly').locator('svg').first()).toBeVisible()
  await expect(page.getByRole('heading', { name: '学时落后进度的党员' })).toBeVisible()
  const rows = page.getByTestId('branch-member-table').locator('tbody tr')
  expect(await rows.count()).toBeGreaterThan(0)
  await page.screenshot({ path: testInfo.outputPath('branch.png'), fullPage: true })

  const exportLink = page.getByRole('link', { name: '导出 Excel' })
  await expect(exportLink).toHaveAttribute('href', '/api/cockpit/export?table=members&behind=1')
  const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()])
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
  const file = testInfo.outputPath('behind.xlsx')
  await download.saveAs(file)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const sheet = workbook.worksheets[0]
  const values: string[][] = []
  sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
  const header = values.findIndex((r) => r.includes('姓名'))
  expect(header, '表头行含“姓名”').toBeGreaterThanOrEqual(0)
  const data = values.slice(header + 1).filter((r) => r.some((v) => v.trim()))
  expect(data.length).toBeGreaterThan(0)
  expect(data.length).toBe(await rows.count())

  // Another member's 学习档案 from the list (the secretary's own row leads to /me/archive): printable, exportable.
  const other = rows.filter({ hasNotText: '陈海燕' }).first()
  const href = await other.getByRole('link', { name: '查看' }).getAttribute('href')
  const id = href?.match(/^\/branch\/members\/(\d+)$/)?.[1]
  expect(id, href ?? '').toBeTruthy()
  await other.getByRole('link', { name: '查看' }).click()
  await expect(page).toHaveURL(new RegExp(`/branch/members/${id}$`))
  await expect(page.getByRole('heading', { name: '学习档案', level: 1 })).toBeVisible()
  await expect(page.getByRole('button', { name: '打印' })).toBeVisible()
  await expect(page.getByRole('link', { name: '导出 Excel' })).toHaveAttribute('href', `/api/archive/${id}?format=xlsx`)
  await expect(page.getByRole('heading', { name: '各年学时' })).toBeVisible()

  // Outside the branch: no archive, and the same 404 as for someone who does not exist (the demo's
  // first account is the system administrator of 机关第一党支部).
  expect((await page.goto('/branch/members/1'))?.status()).toBe(404)
  expect((await page.goto('/branch/members/999999'))?.status()).toBe(404)
  expect((await page.request.get('/api/archive/1')).status()).toBe(404)
})

test('members get a clear message on /branch, no 支部 tab, their own archive, and a 404 for others', async ({ page }) => {
  await siteLogin(page, 'applicant@demo.edu.cn')
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '支部' })).toHaveCount(0)
  await page.goto('/branch')
  await expect(page.getByRole('alert').filter({ hasText: '仅供党支部书记和党委组织员查看' })).toBeVisible()
  const response = await page.goto('/branch/members/1')
  expect(response?.status()).toBe(404)

  await page.goto('/me')
  await page.getByRole('navigation', { name: '我的', exact: true }).getByRole('link', { name: '学习档案' }).click()
  await expect(page).toHaveURL(/\/me\/archive$/)
  await expect(page.getByRole('heading', { name: '学习档案', level: 1 })).toBeVisible()
  await expect(page.getByRole('link', { name: '导出 Excel' })).toHaveAttribute('href', '/api/archive/me?format=xlsx')
})

test('消息: the bell counts unread notifications, which can be marked read one by one or all at once', async ({ page }) => {
  // The seed raises today's warnings as the nightly checks would: the 信息工程学院 committee hears
  // of its two branches that break the size rules.
  await siteLogin(page, 'college@demo.edu.cn')
  const bell = page.getByTestId('notification-bell')
  await page.goto('/notifications')
  await expect(page.getByTestId('notification').first()).toBeVisible()
  await expect(page.getByText(/信息工程学院本科生第二党支部/).first()).toBeVisible()
  const unreadBefore = await page.locator('.notice--unread').count()
  expect(unreadBefore).toBeGreaterThanOrEqual(2)
  await expect(bell).toHaveAttribute('aria-label', `消息，${unreadBefore} 条未读`)

  await page.locator('.notice--unread').first().getByRole('button', { name: '标记已读' }).click()
  await expect(page.locator('.notice--unread')).toHaveCount(unreadBefore - 1)
  await expect(page.getByRole('heading', { name: '已读消息' })).toBeVisible()
  if (unreadBefore > 1) {
    await expect(bell).toHaveAttribute('aria-label', `消息，${unreadBefore - 1} 条未读`)
    await page.getByRole('button', { name: '全部标为已读' }).click()
    await expect(page.locator('.notice--unread')).toHaveCount(0)
  }
  await expect(bell).toHaveAttribute('aria-label', '消息')
  await expect(page.getByText('没有未读消息。')).toBeVisible()
})

test('数据驾驶舱 → 组织生活: the college sees the branch behind, drills down to its meetings and a meeting’s minutes, and exports the record', async ({
  page,
}, testInfo) => {
  await adminLogin(page, 'college@demo.edu.cn')
  await page.goto('/admin/cockpit')
  await expect(page.getByRole('heading', { name: '组织生活', level: 2, exact: true })).toBeVisible()
  const table = page.getByTestId('cockpit-life')
  // 本科生第二党支部 holds a meeting a quarter in the demo: behind, highlighted; the first branch is not.
  const behind = table.locator('tr.needs-action', { hasText: '信息工程学院本科生第二党支部' })
  await expect(behind).toBeVisible()
  await expect(table.locator('tr', { hasText: '信息工程学院本科生第一党支部' })).not.toHaveClass(/needs-action/)
  await expect(page.getByTestId('life-behind')).not.toHaveText('0个')
  await page.getByTestId('cockpit-life').getByRole('button', { name: '信息工程学院本科生第一党支部' }).click()
  const drill = page.getByTestId('life-drill')
  await expect(drill.getByRole('heading', { name: /信息工程学院本科生第一党支部 \d{4}年度组织生活/ })).toBeVisible()
  // 谈心谈话: the demo secretary has not talked with two members yet.
  await expect(drill).toContainText(/委员与党员 \d+\/\d+ 人/)
  const rows = page.getByTestId('life-meetings').locator('tbody tr')
  expect(await rows.count()).toBeGreaterThan(5)
  await rows.first().click()
  const minutes = page.getByTestId('life-minutes')
  await expect(minutes.getByRole('heading', { name: /第 1 版（现行）/ })).toBeVisible()
  await expect(minutes.getByRole('link', { name: '在党员端打开' })).toHaveAttribute('href', /^\/meetings\/\d+$/)
  await page.screenshot({ path: testInfo.outputPath('cockpit-life.png'), fullPage: true })
  // The branch's annual record as Excel, with the 谈心谈话 sheet.
  const href = await drill.getByRole('link', { name: '导出年度记录（Excel）' }).getAttribute('href')
  const res = await page.request.get(href!)
  expect(res.status()).toBe(200)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(new Uint8Array(await res.body()).buffer)
  expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['频次', '会议', '谈心谈话', '出勤']))
})
