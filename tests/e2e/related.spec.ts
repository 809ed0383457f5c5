import { expect, test } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'

test.use({ viewport: { width: 390, height: 844 } })

const SITE_LINK = /^\/(courses|lessons|resources|news)\/\d+$/

test('detail pages end with 相关内容: items sharing a theme, linking to their site pages', async ({ page }, testInfo) => {
  await page.goto('/login')
  await page.getByLabel('邮箱').fill('member@demo.edu.cn')
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByRole('heading', { name: '首页', level: 1 })).toBeVisible()

  await page.goto('/courses')
  // A demo course (other e2e tests add courses of their own, without themes).
  await page.locator('.cards .card--link a').filter({ hasNotText: 'e2e' }).first().click()
  await expect(page).toHaveURL(/\/courses\/\d+$/)
  const coursePath = new URL(page.url()).pathname
  // The demo content reaches the index shortly after the server starts.
  await expect(async () => {
    await page.goto(coursePath)
    await expect(page.getByRole('heading', { name: '相关内容' })).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 60_000 })
  const links = page.locator('.related a')
  const count = await links.count()
  expect(count).toBeGreaterThan(0)
  expect(count).toBeLessThanOrEqual(4)
  for (let i = 0; i < count; i++) {
    const href = await links.nth(i).getAttribute('href')
    expect(href).toMatch(SITE_LINK)
    expect(href).not.toBe(coursePath)
  }
  await page.screenshot({ path: testInfo.outputPath('member-related.png'), fullPage: true })
  await links.first().click()
  await expect(page).toHaveURL(/\/(courses|lessons|resources|news)\/\d+$/)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()

  // A visitor on a news page is offered public items only (news and red resources).
  await page.context().clearCookies()
  await page.goto('/news')
  await page.locator('.list__link').first().click()
  await expect(page).toHaveURL(/\/news\/\d+$/)
  const related = page.locator('.related a')
  for (let i = 0; i < (await related.count()); i++) expect(await related.nth(i).getAttribute('href')).toMatch(/^\/(news|resources)\/\d+$/)
})
