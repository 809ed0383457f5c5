import { expect, test } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'

const login = async (page: import('@playwright/test').Page, email: string) => {
  await page.goto('/admin/login')
  await page.locator('#field-email').fill(email)
  await page.locator('#field-password').fill(DEMO_PASSWORD)
  await page.locator('button[type="submit"]').click()
}

test('the landing page names the product and links to sign-in', async ({ page }, testInfo) => {
  const response = await page.goto('/')
  expect(response?.status()).toBe(200)
  await expect(page.getByRole('heading', { name: '智慧党建学习平台' })).toBeVisible()
  await expect(page.getByRole('main').getByRole('link', { name: '登录', exact: true })).toHaveAttribute('href', '/login')
  await page.screenshot({ path: testInfo.outputPath('landing.png'), fullPage: true })
})

test('sysAdmin signs in to a Chinese admin and opens the organisations list', async ({ page }, testInfo) => {
  await page.goto('/admin/login')
  // The product's own name on the login screen, not Payload's.
  await expect(page.getByText('智慧党建学习平台').first()).toBeVisible()
  await login(page, 'sysadmin@demo.edu.cn')
  await expect(page).toHaveURL(/\/admin\/?$/)
  await expect(page.getByRole('heading', { name: '组织与人员' }).first()).toBeVisible()
  await expect(page.getByText('党组织').first()).toBeVisible()
  await expect(page).toHaveTitle(/智慧党建学习平台/)
  await page.screenshot({ path: testInfo.outputPath('dashboard.png'), fullPage: true })

  // Relationship cells load only once on screen: a tall window shows the whole first page resolved.
  await page.setViewportSize({ width: 1280, height: 1200 })
  await page.goto('/admin/collections/organizations')
  await expect(page.getByText('马克思主义学院教工党支部').first()).toBeVisible()
  await expect(page.getByText('信息工程学院本科生第二党支部').first()).toBeVisible()
  await expect(page.getByText('需整改').first()).toBeVisible()
  // Parent names load after the table: wait for them so the screenshot shows the tree.
  await expect(page.getByText('马克思主义学院党委').first()).toBeVisible()
  await expect(page.getByText('加载中...')).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('organizations.png'), fullPage: true })
})

test('a member is kept out of the admin and sees only their own record in /api/users', async ({ page }, testInfo) => {
  await login(page, 'member@demo.edu.cn')
  // Payload's access.admin refuses: the member never reaches the dashboard.
  await expect(page.getByText(/未授权|无权|unauthorized/i).first()).toBeVisible()
  await expect(page.getByRole('heading', { name: '组织与人员' })).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('member-refused.png'), fullPage: true })

  const token = await page.request.post('/api/users/login', { data: { email: 'member@demo.edu.cn', password: DEMO_PASSWORD } })
  expect(token.ok()).toBe(true)
  const users = await page.request.get('/api/users?limit=100')
  expect(users.status()).toBe(200)
  const body = (await users.json()) as { docs: Array<{ email: string }> }
  expect(body.docs.map((d) => d.email)).toEqual(['member@demo.edu.cn'])
})

test('securityAdmin grants a role through the admin form, which shows masked contact details', async ({ page }, testInfo) => {
  await login(page, 'security@demo.edu.cn')
  await expect(page).toHaveURL(/\/admin\/?$/)
  const found = await page.request.get('/api/users?where[email][equals]=applicant@demo.edu.cn&depth=0')
  const applicant = ((await found.json()) as { docs: Array<{ id: number; phone: string }> }).docs[0]
  expect(applicant.phone).toBe('139****0011')

  await page.goto(`/admin/collections/users/${applicant.id}`)
  await page.waitForLoadState('networkidle')
  await expect(page.locator('#field-phone')).toHaveValue('139****0011')
  // A click that lands while the form is still hydrating is lost: retry until the chip shows.
  await expect(async () => {
    await page.locator('#field-roles .rs__control').click()
    await page.locator('.rs__option', { hasText: '宣传编辑' }).click({ timeout: 2_000 })
    await expect(page.locator('#field-roles .rs__multi-value', { hasText: '宣传编辑' })).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
  await expect(page.locator('#action-save')).toBeEnabled()
  await page.locator('#action-save').click()
  await expect(page.getByText(/成功/).first()).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('security-admin-roles.png'), fullPage: true })

  const after = await page.request.get(`/api/users/${applicant.id}?depth=0`)
  expect(((await after.json()) as { roles: string[] }).roles).toEqual(['member', 'propagandaEditor'])
})
