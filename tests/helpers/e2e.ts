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

/**
 * A signed-in admin page for one demo account, in a browser context of its own (desktop size), on
 * the admin's dashboard. Signed in through the login API (the session cookie lands in the context):
 * the admin's sign-in form is the subject of admin.spec.ts and security.spec.ts, and rendering it for
 * every account a test needs cost one admin page load each.
 */
export const adminSignIn = async (browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const login = await context.request.post('/api/users/login', { data: { email, password } })
  expect(login.status(), `sign-in of ${email}`).toBe(200)
  const page = await context.newPage()
  await page.goto('/admin')
  await expect(page).toHaveURL(/\/admin\/?$/)
  return page
}
