import { expect, test, type Browser, type Page } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'

/** A signed-in admin page for one demo account, in its own browser context. */
const signIn = async (browser: Browser, email: string): Promise<Page> => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/admin/login')
  await page.locator('#field-email').fill(email)
  await page.locator('#field-password').fill(DEMO_PASSWORD)
  await page.locator('button[type="submit"]').click()
  await expect(page).toHaveURL(/\/admin\/?$/)
  return page
}

const stateOf = async (page: Page, id: string) => {
  const res = await page.request.get(`/api/news/${id}?draft=true&depth=0`)
  return ((await res.json()) as { reviewState: string }).reviewState
}

/** Clicks a review button on the item's page (the page reloads after the action). */
const review = async (page: Page, id: string, button: string, reason?: string) => {
  await page.goto(`/admin/collections/news/${id}`)
  await page.waitForLoadState('networkidle')
  if (reason) await page.getByLabel('审核意见').fill(reason)
  await page.getByRole('button', { name: button }).click()
}

test('an editor writes news, three reviewers approve it in the admin, a returned revision shows its reason', async ({ browser }, testInfo) => {
  test.setTimeout(180_000)
  const title = `e2e 支部主题党日活动 ${Date.now()}`

  // The editor writes the item and saves it as a draft.
  const editor = await signIn(browser, 'editor@demo.edu.cn')
  await editor.goto('/admin/collections/news/create')
  await editor.waitForLoadState('networkidle')
  await editor.locator('#field-title').fill(title)
  await expect(async () => {
    await editor.locator('#field-column .rs__control').click()
    await editor.locator('.rs__option', { hasText: '基层动态' }).click({ timeout: 2_000 })
    await expect(editor.locator('#field-column .rs__single-value')).toHaveText('基层动态', { timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
  await editor.locator('#field-summary').fill('信息工程学院本科生第一党支部开展主题党日活动。')
  const bodyEditor = editor.locator('[data-lexical-editor="true"]').first()
  await bodyEditor.click()
  await editor.keyboard.type('支部全体党员集中学习党章，交流学习体会。')
  // No publish button for an author: publishing is the final reviewer's approval.
  await expect(editor.locator('#action-save')).toHaveCount(0)
  await editor.locator('#action-save-draft').click()
  await expect(editor).toHaveURL(/\/admin\/collections\/news\/\d+/)
  const id = editor.url().match(/news\/(\d+)/)![1]

  // …and submits it.
  await review(editor, id, '提交审核')
  await expect.poll(() => stateOf(editor, id)).toBe('pendingFirst')
  await editor.screenshot({ path: testInfo.outputPath('editor-submitted.png'), fullPage: true })

  // Three different reviewers, each at their level.
  const r1 = await signIn(browser, 'reviewer1@demo.edu.cn')
  await expect(r1.getByRole('heading', { name: /我的审核队列（待初审）/ })).toBeVisible()
  await r1.screenshot({ path: testInfo.outputPath('reviewer1-queue.png'), fullPage: true })
  await review(r1, id, '初审通过')
  await expect.poll(() => stateOf(r1, id)).toBe('pendingSecond')

  const r2 = await signIn(browser, 'reviewer2@demo.edu.cn')
  await review(r2, id, '复审通过')
  await expect.poll(() => stateOf(r2, id)).toBe('pendingFinal')

  const r3 = await signIn(browser, 'reviewer3@demo.edu.cn')
  await review(r3, id, '终审通过并发布')
  await expect.poll(() => stateOf(r3, id)).toBe('published')

  // On the public API, with no session at all.
  const anonymous = await browser.newContext()
  const publicRes = await anonymous.request.get(`/api/news/${id}?depth=0`)
  expect(publicRes.status()).toBe(200)
  expect(((await publicRes.json()) as { title: string }).title).toBe(title)

  // A second revision, returned by the first reviewer with a reason.
  await editor.goto(`/admin/collections/news/${id}`)
  await editor.waitForLoadState('networkidle')
  await editor.locator('#field-title').fill(`${title}（修订）`)
  await editor.locator('#action-save-draft').click()
  await expect(editor.getByText(/成功|已保存/).first()).toBeVisible()
  await review(editor, id, '提交审核')
  await expect.poll(() => stateOf(editor, id)).toBe('pendingFirst')

  const reason = '标题中的“修订”二字请删去，并补充活动时间'
  await review(r1, id, '退回修改', reason)
  await expect.poll(() => stateOf(r1, id)).toBe('returned')

  // The editor sees why it came back; visitors still read the published first version.
  await editor.goto(`/admin/collections/news/${id}`)
  await expect(editor.locator('#field-reviewNote')).toHaveValue(reason)
  await expect(editor.locator('.review-history').getByText(`理由：${reason}`)).toBeVisible()
  await editor.screenshot({ path: testInfo.outputPath('editor-sees-return-reason.png'), fullPage: true })
  const stillLive = await anonymous.request.get(`/api/news/${id}?depth=0`)
  expect(((await stillLive.json()) as { title: string }).title).toBe(title)
})
