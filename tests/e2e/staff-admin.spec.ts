import { expect as baseExpect, test, type APIRequestContext, type Page } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'

/** Staff in the desktop admin (issue 14, items 14–17): dates, header, navigation by role, organisation tree, audit log, 支部提醒. */
// Several sign-ins and admin pages per test: room for a busy machine.
test.describe.configure({ timeout: 300_000 })
test.use({ navigationTimeout: 120_000 })
const expect = baseExpect.configure({ timeout: 45_000 })

/** A JWT for API calls (cookie sessions need the browser's Origin header for writes). */
const tokenOf = async (request: APIRequestContext, email: string) => {
  const res = await request.post('/api/users/login', { data: { email, password: DEMO_PASSWORD } })
  expect(res.ok()).toBe(true)
  return { Authorization: `JWT ${(await res.json()).token as string}` }
}
const login = async (page: Page, email: string) => {
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
const CHINESE_DATE_TIME = /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/
const navHrefs = async (page: Page) =>
  page
    .locator('nav a[href^="/admin/collections/"], nav a[href^="/admin/globals/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')))

test('each role is offered what it works on', async ({ page }, testInfo) => {
  const cases: Array<[string, string[], string[]]> = [
    [
      'editor@demo.edu.cn',
      ['/admin/collections/news', '/admin/collections/red-resources'],
      [
        '/admin/collections/courses',
        '/admin/collections/questions',
        '/admin/collections/users',
        '/admin/globals/platform-settings',
        '/admin/collections/trainings',
        '/admin/collections/study-hours',
        '/admin/collections/meetings',
      ],
    ],
    [
      'reviewer1@demo.edu.cn',
      ['/admin/collections/news', '/admin/collections/courses'],
      ['/admin/collections/study-progress', '/admin/collections/users', '/admin/globals/platform-settings'],
    ],
    [
      'auditor@demo.edu.cn',
      ['/admin/collections/audit-logs'],
      ['/admin/collections/questions', '/admin/collections/quiz-attempts', '/admin/collections/users', '/admin/globals/platform-settings'],
    ],
    [
      'secretary@demo.edu.cn',
      [
        '/admin/collections/users',
        '/admin/collections/study-progress',
        '/admin/collections/trainings',
        '/admin/collections/study-hours',
        '/admin/collections/meetings',
        '/admin/collections/meeting-minutes',
      ],
      ['/admin/collections/news', '/admin/collections/questions', '/admin/globals/platform-settings'],
    ],
  ]
  for (const [email, offered, notOffered] of cases) {
    await page.context().clearCookies()
    await login(page, email)
    const hrefs = await navHrefs(page)
    for (const h of offered) expect(hrefs, `${email} ${h}`).toContain(h)
    for (const h of notOffered) expect(hrefs, `${email} ${h}`).not.toContain(h)
    await page.screenshot({ path: testInfo.outputPath(`nav-${email.split('@')[0]}.png`), fullPage: true })
  }
  // The auditor's question-bank read is refused, not just hidden.
  await page.context().clearCookies()
  await login(page, 'auditor@demo.edu.cn')
  expect((await page.request.get('/api/questions?limit=1')).status()).toBe(403)
})

test('the header mark is whole, the dashboard table styled, dates in one Chinese format', async ({ page }, testInfo) => {
  await login(page, 'curator@demo.edu.cn')
  // Payload gives the header mark an 18-px box with overflow hidden: the mark must fit it, not overflow it.
  const home = page.locator('.step-nav__home')
  const box = (await home.boundingBox())!
  const svg = (await home.locator('svg').boundingBox())!
  expect(svg.width).toBeLessThanOrEqual(box.width + 0.5)
  expect(svg.height).toBeLessThanOrEqual(box.height + 0.5)
  expect(svg.width).toBeGreaterThan(box.width - 2)

  const table = page.locator('.review-queue__mine table')
  await expect(table).toBeVisible()
  await expect(table.locator('thead th').first()).toHaveText('类型')
  // Styled: a full-width table with padded cells (an unstyled one shrinks to its text).
  const tableBox = (await table.boundingBox())!
  expect(tableBox.width).toBeGreaterThan(600)
  expect(
    await table
      .locator('tbody th')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).paddingLeft)),
  ).toBeGreaterThan(4)
  await page.screenshot({ path: testInfo.outputPath('dashboard-mine.png'), fullPage: true })

  // A list's dates and a date-and-time picker (测验 开放时间) in 2026年12月3日 21:25.
  await page.goto('/admin/collections/questions')
  const updated = page.locator('td.cell-updatedAt').first()
  await expect(updated).toHaveText(CHINESE_DATE_TIME)
  await page.goto('/admin/collections/quizzes/create')
  const opens = page.locator('#field-opensAt input')
  await opens.click()
  await page.locator('.react-datepicker__day--015').first().click()
  await page
    .locator('.react-datepicker__time-list-item')
    .filter({ hasText: /^09:00$/ })
    .click()
  await expect(opens).toHaveValue(/^\d{4}年\d{1,2}月15日 09:00$/)
  await page.screenshot({ path: testInfo.outputPath('date-picker.png'), fullPage: true })
})

test('the organisations are a tree with counts and compliance', async ({ page }, testInfo) => {
  await login(page, 'sysadmin@demo.edu.cn')
  await page.goto('/admin/collections/organizations')
  const tree = page.getByTestId('org-tree')
  await expect(tree).toBeVisible()
  // A branch sits inside its college, inside the university committee, each with its counts.
  const branch = tree.locator('[data-org-code="B-INFO-UG1"]')
  await expect(branch).toContainText(/党员 \d+ 人（正式 \d+）/)
  await expect(tree.locator('li:has([data-org-code="C-INFO"]) [data-org-code="B-INFO-UG1"]')).toHaveCount(1)
  await expect(tree.locator('li:has([data-org-code="UC"]) [data-org-code="C-INFO"]')).toHaveCount(1)
  await expect(tree.getByText(/需整改：/).first()).toBeVisible()
  await expect(page.getByText(/共 \d+ 个组织、\d+ 个党支部/)).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('organization-tree.png'), fullPage: true })
})

test('the audit log names what was changed in Chinese and has one filter bar', async ({ page }, testInfo) => {
  await login(page, 'auditor@demo.edu.cn')
  await page.goto('/admin/collections/audit-logs?limit=50')
  const targets = page.locator('td.cell-targetCollection')
  await expect(targets.first()).toBeVisible()
  const texts = await targets.allInnerTexts()
  expect(texts.some((t) => t === 'users' || t === 'courses')).toBe(false)
  await expect(page.locator('td.cell-createdAt').first()).toHaveText(CHINESE_DATE_TIME)
  // One filter bar (Payload's search and 筛选); the export takes what it shows.
  await expect(page.locator('input[type="date"]')).toHaveCount(0)
  await page.goto('/admin/collections/audit-logs?search=登录')
  await expect(page.getByRole('link', { name: '导出 Excel' })).toHaveAttribute('href', '/api/audit-logs/export?search=%E7%99%BB%E5%BD%95')
  await page.screenshot({ path: testInfo.outputPath('audit-log.png'), fullPage: true })
})

test('a branch secretary sees the whole roster and reminds a member once a week', async ({ page }, testInfo) => {
  await siteLogin(page, 'secretary@demo.edu.cn')
  await page.goto('/branch')
  const roster = page.getByTestId('branch-roster')
  await expect(roster).toBeVisible()
  // Everyone in the branch, not only those behind: the applicant too.
  await expect(roster.getByRole('rowheader', { name: '何雨桐' })).toBeVisible()
  await expect(roster.getByRole('rowheader', { name: '林子涵' })).toBeVisible()
  const row = roster.locator('tr', { has: page.getByRole('rowheader', { name: '何雨桐' }) })
  await row.getByRole('button', { name: '提醒何雨桐' }).click()
  await expect(row.getByRole('status')).toHaveText(/已提醒何雨桐/)
  await page.screenshot({ path: testInfo.outputPath('branch-roster.png'), fullPage: true })
  await page.reload()
  const again = page.getByTestId('branch-roster').locator('tr', { has: page.getByRole('rowheader', { name: '何雨桐' }) })
  await expect(again.getByRole('button', { name: '提醒何雨桐' })).toBeDisabled()
  await expect(again.getByRole('status')).toHaveText(/本周已提醒，\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 后可再次提醒/)
  // The server refuses a second one whatever the page shows.
  const secretary = await tokenOf(page.request, 'secretary@demo.edu.cn')
  const direct = await page.request.post('/api/branch/remind', {
    headers: secretary,
    data: { member: Number(await again.getAttribute('data-member-id')) },
  })
  expect(direct.status()).toBe(429)
  expect((await direct.json()).errors[0].message).toMatch(/每位党员每周最多提醒一次/)

  await page.context().clearCookies()
  await siteLogin(page, 'applicant@demo.edu.cn')
  await page.goto('/notifications')
  await expect(page.getByText('支部书记提醒你按计划学习')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('member-reminded.png'), fullPage: true })
})

test('a person’s form shows 政治面貌 and 发展历程, and sysAdmin records a logged correction there', async ({ page, request }, testInfo) => {
  // A probationary member found through the stage filter (which a secretary's roster and the API use).
  // The API on its own context: page.request would sign the browser in and skip the login form.
  const admin = await tokenOf(request, 'sysadmin@demo.edu.cn')
  // A stage changes through a development case; a person without one in progress is corrected by hand (issue 17).
  const withCases = (
    (await (await request.get('/api/organizations?where[code][in]=B-INFO-UG1,B-MARX-UG&depth=0', { headers: admin })).json())
      .docs as Array<{ id: number }>
  ).map((o) => o.id)
  const found = await request.get('/api/users?where[politicalStage][equals]=probationary&sort=-staffNumber&limit=50&depth=0', {
    headers: admin,
  })
  expect(found.status()).toBe(200)
  const people = (await found.json()).docs as Array<{
    id: number
    name: string
    email: string
    politicalStage: string
    organization: number
    stageHistory: unknown[]
  }>
  const person = people.find((p) => p.email !== 'p045@demo.edu.cn' && !withCases.includes(p.organization))!
  expect(person.politicalStage).toBe('probationary')
  const rowsBefore = person.stageHistory.length
  expect(rowsBefore).toBeGreaterThan(0)

  await login(page, 'sysadmin@demo.edu.cn')
  await page.goto(`/admin/collections/users/${person.id}`)
  await expect(page.locator('#field-politicalStage')).toContainText('预备党员')
  // The history is there, one row per stage so far (not "no record").
  const rows = page.locator('#field-stageHistory .array-field__row')
  await expect(rows).toHaveCount(rowsBefore)
  // Each row is named by what it records, not "记录 01".
  await expect(rows.last().locator('.array-field__row-header')).toContainText(/预备党员 · \d{4}年\d{1,2}月\d{1,2}日/)
  await page.screenshot({ path: testInfo.outputPath('person-before-full.png'), fullPage: true })

  await expect(async () => {
    await page.locator('#field-politicalStage .rs__control').click()
    await page.locator('.rs__option', { hasText: '正式党员' }).click({ timeout: 2_000 })
    await expect(page.locator('#field-politicalStage .rs__single-value')).toHaveText('正式党员', { timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
  await page.locator('#field-stageChangeNote').fill('经支部大会讨论通过，党委审批，按期转为正式党员')
  await page.locator('#action-save').click()
  await expect(page.locator('.payload-toast-container')).toContainText(/成功/)

  const after = await (await request.get(`/api/users/${person.id}?depth=0`, { headers: admin })).json()
  expect(after.politicalStage).toBe('full')
  expect(after.stageHistory).toHaveLength(rowsBefore + 1)
  const last = after.stageHistory.at(-1)
  expect(last).toMatchObject({ stage: 'full', note: '经支部大会讨论通过，党委审批，按期转为正式党员', source: 'correction' })
  // It is dated the day it was recorded, not the probationary stage's start carried over by the form.
  expect(Math.abs(new Date(last.date).getTime() - Date.now())).toBeLessThan(86_400_000 * 2)
  await page.reload()
  await expect(page.locator('#field-politicalStage')).toContainText('正式党员')
  await expect(rows.last().locator('.array-field__row-header')).toContainText('正式党员')
  await expect(rows.last().locator('.array-field__row-header')).toContainText('按期转为正式党员')
  await page.screenshot({ path: testInfo.outputPath('person-recorded-full.png'), fullPage: true })
})
