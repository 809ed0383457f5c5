import { expect, test, type Page } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'

// The member site is used on phones first.
test.use({ viewport: { width: 390, height: 844 } })

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true })

const siteLogin = async (page: Page, email: string, password = DEMO_PASSWORD) => {
  await page.getByLabel('邮箱').fill(email)
  await page.getByLabel('密码', { exact: true }).fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
}

test('a visitor tapping 课程 or 答题 is told why they must sign in, and comes back there after signing in', async ({ page }, testInfo) => {
  await page.goto('/')
  await tab(page, '答题').click()
  await expect(page).toHaveURL(/\/login\?next=%2Fquizzes$/)
  await expect(page.getByTestId('login-reason')).toHaveText('参加答题需要先登录。登录后将回到你刚才要去的页面。')

  await page.goto('/')
  await tab(page, '课程').click()
  await expect(page).toHaveURL(/\/login\?next=%2Fcourses$/)
  await expect(page.getByTestId('login-reason')).toContainText('学习课程和微党课需要先登录')
  await page.screenshot({ path: testInfo.outputPath('login-reason.png'), fullPage: true })

  // A member's wrong password: no word of a second factor they do not have.
  await siteLogin(page, 'member@demo.edu.cn', 'Wrong#Pass2026')
  const alert = page.locator('.form__error')
  await expect(alert).toContainText('邮箱或密码不正确')
  await expect(alert).not.toContainText('动态口令')

  await siteLogin(page, 'member@demo.edu.cn')
  await expect(page).toHaveURL(/\/courses$/)
  await expect(page.getByRole('heading', { name: '课程', level: 1 })).toBeVisible()
})
