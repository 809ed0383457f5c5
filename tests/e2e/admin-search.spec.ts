import { expect, test, type Page } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'

const login = async (page: Page, email: string) => {
  await page.goto('/admin/login')
  await page.locator('#field-email').fill(email)
  await page.locator('#field-password').fill(DEMO_PASSWORD)
  await page.locator('button[type="submit"]').click()
}

test('an editor searches all content in the admin (全文搜索) and opens a result for editing', async ({ page }, testInfo) => {
  await login(page, 'editor@demo.edu.cn')
  await expect(page).toHaveURL(/\/admin\/?$/)
  const navLink = page.locator('#nav-admin-search')
  await expect(navLink).toHaveText('全文搜索')
  await expect(navLink).toHaveAttribute('href', '/admin/search')
  // The nav drawer is closed at this width (its links are inert): follow the link's address.
  await page.goto('/admin/search')
  await expect(page).toHaveURL(/\/admin\/search$/)
  await expect(page.getByRole('heading', { name: '全文搜索', level: 1 })).toBeVisible()
  await expect(page).toHaveTitle(/全文搜索/)

  // The demo content reaches the index through the jobs queue shortly after the server starts.
  await expect(async () => {
    await page.goto('/admin/search?q=党史')
    await expect(page.locator('.admin-search__results li').first()).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 60_000 })
  await expect(page.locator('#admin-search-q')).toHaveValue('党史')
  await expect(page.locator('.admin-search [role="status"]')).toContainText(/共 \d+ 条结果/)
  // Highlights are real <mark> elements, and no escaped tag text leaks into the page.
  await expect(page.locator('.admin-search__results mark').first()).toBeVisible()
  await expect(page.locator('.admin-search__results')).not.toContainText('<mark>')
  await page.screenshot({ path: testInfo.outputPath('admin-search.png'), fullPage: true })

  // An editor edits news and red resources; courses, lessons and quizzes (the curators' work) open
  // on the member site, never at an admin address the editor's admin does not offer.
  for (const slug of ['courses', 'micro-lessons', 'quizzes'])
    await expect(page.locator(`.admin-search__results a[href^="/admin/collections/${slug}/"]`)).toHaveCount(0)
  const first = page.locator('.admin-search__results li a[href^="/admin/collections/"]').first()
  await expect(first).toHaveAttribute('href', /^\/admin\/collections\/(red-resources|news)\/\d+$/)
  await first.click()
  await expect(page).toHaveURL(/\/admin\/collections\/[a-z-]+\/\d+/)
  await expect(page.locator('#field-title')).toBeVisible()
})

test('the admin search is refused to members and offered to content staff only', async ({ page }) => {
  await login(page, 'member@demo.edu.cn')
  await expect(page.getByText(/未授权|无权|unauthorized/i).first()).toBeVisible()
  await page.goto('/admin/search?q=党史')
  await expect(page).toHaveURL(/\/admin\/unauthorized/)
  await expect(page.locator('#admin-search-q')).toHaveCount(0)
  await expect(page.locator('.admin-search__results')).toHaveCount(0)

  // Staff without content duties see no link, and the view itself tells them it is not theirs.
  await page.context().clearCookies()
  await login(page, 'sysadmin@demo.edu.cn')
  await expect(page).toHaveURL(/\/admin\/?$/)
  await expect(page.getByRole('heading', { name: '组织与人员' }).first()).toBeVisible()
  await expect(page.locator('#nav-admin-search')).toHaveCount(0)
  await page.goto('/admin/search?q=党史')
  await expect(page.getByRole('alert').filter({ hasText: '全文搜索仅供' })).toBeVisible()
  await expect(page.locator('.admin-search__results')).toHaveCount(0)
})
