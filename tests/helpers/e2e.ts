import { expect, type Browser, type Page } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'

/** Signs in on the member site's /login; 首页 is shown once signed in. */
export const siteSignIn = async (page: Page, email: string, password = DEMO_PASSWORD) => {
  await page.goto('/login')
  await page.getByLabel('邮箱').fill(email)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByRole('heading', { name: '首页', level: 1 })).toBeVisible()
}

/** A signed-in admin page for one demo account, in a browser context of its own (desktop size). */
export const adminSignIn = async (browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await page.goto('/admin/login')
  await page.locator('#field-email').fill(email)
  await page.locator('#field-password').fill(password)
  await page.locator('button[type="submit"]').click()
  await expect(page).toHaveURL(/\/admin\/?$/)
  return page
}
