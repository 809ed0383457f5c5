import { expect, test, type Page } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'
import { adminSignIn, siteSignIn } from '../helpers/e2e'

// Seeded members no other spec signs in as: the first test changes this one's password and phone.
const MEMBER = 'p045@demo.edu.cn'
const NEW_PASSWORD = 'Hz8#Qm4$Lw2v'

test.use({ viewport: { width: 390, height: 844 } })

/** A status line of the settings form in `section` (its heading's name). */
const outcomeIn = (page: Page, section: string) => page.getByRole('region', { name: section }).locator('.form__ok, .form__error')

test('我的: a summary on top and one page per section; 账号设置 changes password (current one required), phone, e-mail (pending until confirmed) and 关注专题', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000)
  await siteSignIn(page, MEMBER)

  // 我的: the summary (this year's 学时, points today and in total, certificates) and the menu.
  await page.goto('/me')
  const summary = page.getByRole('list', { name: '概览' })
  await expect(summary).toBeVisible()
  await expect(page.getByTestId('summary-hours')).toHaveText(/\d/)
  await expect(page.getByTestId('summary-points')).toHaveText(/\d+ \/ \d+/)
  await expect(page.getByTestId('summary-certificates')).toHaveText(/^\d+$/)
  // A page of sections, not the former 9,700-pixel page.
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(3_000)
  await page.screenshot({ path: testInfo.outputPath('me-summary.png'), fullPage: true })
  for (const [title, heading] of [
    ['学习记录', '学习记录'],
    ['学习积分', '学习积分'],
    ['账号设置', '账号设置'],
  ] as const) {
    await page.goto('/me')
    await page
      .getByRole('navigation', { name: '我的栏目' })
      .getByRole('link', { name: new RegExp(`^${title}`) })
      .click()
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible()
  }

  // 账号设置 — password: the wrong current password is refused by name, the right one changes it.
  await expect(page).toHaveURL(/\/me\/settings$/)
  const password = page.getByRole('region', { name: '修改密码' })
  await password.getByLabel('当前密码').fill('not-my-password')
  await password.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD)
  await password.getByLabel('再次输入新密码').fill(NEW_PASSWORD)
  await password.getByRole('button', { name: '修改密码' }).click()
  await expect(outcomeIn(page, '修改密码')).toContainText('当前密码')
  await expect(outcomeIn(page, '修改密码')).toHaveClass(/form__error/)
  await password.getByLabel('当前密码').fill(DEMO_PASSWORD)
  await password.getByRole('button', { name: '修改密码' }).click()
  await expect(outcomeIn(page, '修改密码')).toContainText('密码已修改')

  // Phone: a malformed number is refused with a reason; a valid one is saved and shown after a reload.
  const phone = page.getByRole('region', { name: '手机号' })
  await phone.getByLabel('手机号').fill('12345')
  await phone.getByRole('button', { name: '保存手机号' }).click()
  await expect(outcomeIn(page, '手机号')).toHaveClass(/form__error/)
  await phone.getByLabel('手机号').fill('13912345678')
  await phone.getByRole('button', { name: '保存手机号' }).click()
  await expect(outcomeIn(page, '手机号')).toContainText('手机号已保存')

  // E-mail: the new address waits as pending (the old one still signs in) and can be withdrawn.
  const email = page.getByRole('region', { name: '登录邮箱' })
  await email.getByLabel('新邮箱').fill('p045-new@demo.edu.cn')
  await email.getByLabel('当前密码').fill(NEW_PASSWORD)
  await email.getByRole('button', { name: '发送确认链接' }).click()
  await expect(outcomeIn(page, '登录邮箱')).toContainText('确认链接已发往 p045-new@demo.edu.cn')
  await expect(email).toContainText('待确认的新邮箱：p045-new@demo.edu.cn')
  await expect(email.getByTestId('current-email')).toHaveText(MEMBER)

  // 关注专题: two themes followed, kept after a reload.
  const themes = page.getByRole('region', { name: '关注专题' })
  const boxes = themes.getByRole('checkbox')
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).uncheck()
  await boxes.nth(0).check()
  await boxes.nth(1).check()
  await themes.getByRole('button', { name: '保存关注专题' }).click()
  await expect(outcomeIn(page, '关注专题')).toContainText('已关注 2 个专题')

  await page.reload()
  await expect(page.getByRole('region', { name: '手机号' }).getByLabel('手机号')).toHaveValue('13912345678')
  await expect(page.getByRole('region', { name: '关注专题' }).getByRole('checkbox', { checked: true })).toHaveCount(2)
  await page.screenshot({ path: testInfo.outputPath('me-settings.png'), fullPage: true })
  await page.getByRole('region', { name: '登录邮箱' }).getByRole('button', { name: '撤回更换' }).click()
  await expect(outcomeIn(page, '登录邮箱')).toContainText('已撤回')

  // The new password signs in, the old one no longer does.
  await page.context().clearCookies()
  await page.goto('/login')
  await page.getByLabel('邮箱').fill(MEMBER)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.locator('form [role="alert"]')).toContainText('邮箱或密码不正确')
  await siteSignIn(page, MEMBER, NEW_PASSWORD)

  // The demo password cannot be set back here: it is on the common-password list the form enforces.
  // Nothing else signs in as this member, and each e2e run seeds a fresh database.
})

test('意见反馈: a member writes from a course page, the curator who owns courses answers in the admin, the member is told and reads the answer', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(180_000)
  const text = `e2e 建议：课程列表希望能按专题筛选 ${Date.now()}`
  // Another member than the settings test's, whose password that test changes.
  await siteSignIn(page, 'p046@demo.edu.cn')
  await page.goto('/courses')
  // The footer link carries the page it was opened from.
  await page.getByRole('contentinfo').getByRole('link', { name: '意见反馈' }).click()
  await expect(page).toHaveURL(/\/me\/feedback\?page=%2Fcourses/)
  await expect(page.getByLabel('相关页面（可不填）')).toHaveValue('/courses')
  await page.getByLabel('意见或建议').fill(text)
  await page.getByRole('button', { name: /提交/ }).click()
  await expect(page.getByText('已提交：负责的工作人员答复后，你会在“消息”中收到通知')).toBeVisible()
  await page.reload()
  const mine = page.locator('li.feedback-item', { hasText: text })
  await expect(mine).toContainText('待答复')
  await page.screenshot({ path: testInfo.outputPath('feedback-sent.png'), fullPage: true })

  // Routed to the curators (courses are theirs): the curator finds it in the admin and answers.
  const curator = await adminSignIn(browser, 'curator@demo.edu.cn')
  const id = (await mine.getAttribute('id'))!.replace('feedback-', '')
  await curator.goto('/admin/collections/feedback')
  await expect(curator.getByText(text)).toBeVisible()
  await curator.goto(`/admin/collections/feedback/${id}`)
  await expect(curator.locator('#field-reply')).toBeVisible()
  await curator.locator('#field-reply').fill('感谢建议，课程列表已在规划按专题筛选，下月上线。')
  await curator.locator('#action-save').click()
  await expect(curator.getByText(/已答复|成功/).first()).toBeVisible()
  await curator.screenshot({ path: testInfo.outputPath('feedback-answered-admin.png'), fullPage: true })
  // An editor owns news, not courses: it is not routed to them.
  const editor = await adminSignIn(browser, 'editor@demo.edu.cn')
  const editorList = await editor.request.get(`/api/feedback?where[message][equals]=${encodeURIComponent(text)}&depth=0`)
  expect(((await editorList.json()) as { docs: unknown[] }).docs).toEqual([])

  // The member is told in 消息 and reads the answer on 我的 → 意见反馈.
  await page.goto('/notifications')
  await expect(page.getByText(/意见反馈.*已答复|已答复.*意见反馈/).first()).toBeVisible()
  await page.goto('/me/feedback')
  await expect(mine).toContainText('已答复')
  await expect(mine).toContainText('感谢建议，课程列表已在规划按专题筛选，下月上线。')
  await page.screenshot({ path: testInfo.outputPath('feedback-answer-member.png'), fullPage: true })
})
