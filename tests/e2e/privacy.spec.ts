import { expect, test } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'

test.use({ viewport: { width: 390, height: 844 } })

test('a member signs in on the site and downloads everything held about them from 我的', async ({ page }) => {
  await page.goto('/login?next=/me/privacy')
  await page.getByLabel('邮箱').fill('applicant@demo.edu.cn')
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page).toHaveURL(/\/me\/privacy$/)
  const section = page.getByRole('region', { name: '我的个人信息' })
  await expect(section.getByRole('heading', { name: '我的个人信息' })).toBeVisible()
  const link = section.getByRole('link', { name: /下载我的全部个人信息/ })
  await expect(link).toHaveAttribute('href', '/api/personal-data')
  // The same session cookie the page uses.
  const res = await page.request.get('/api/personal-data')
  expect(res.status()).toBe(200)
  expect(res.headers()['content-disposition']).toMatch(/attachment/)
  const data = (await res.json()) as { 个人资料: { 邮箱: string; 姓名: string }; 学习进度: unknown[] }
  expect(data.个人资料.邮箱).toBe('applicant@demo.edu.cn')
  expect(data.个人资料.姓名).toBe('何雨桐')
  expect(Array.isArray(data.学习进度)).toBe(true)
  await expect(section.getByRole('button', { name: '申请删除我的个人信息' })).toBeVisible()
})

test('a wrong password and an unknown account get the same answer on the login page', async ({ page }) => {
  const messageFor = async (email: string) => {
    await page.goto('/login')
    await page.getByLabel('邮箱').fill(email)
    await page.getByLabel('密码').fill('Wrong#Pass2026')
    await page.getByRole('button', { name: '登录' }).click()
    // The form's own alert (Next's route announcer is an empty alert too).
    const alert = page.locator('.form__error')
    await expect(alert).toBeVisible()
    return alert.textContent()
  }
  const wrong = await messageFor('curator@demo.edu.cn')
  const unknown = await messageFor('nobody-at-all@demo.edu.cn')
  expect(wrong).toBe(unknown)
  expect(wrong).toMatch(/不正确/)
})
