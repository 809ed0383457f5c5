import { expect, test, type Page } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'
import { adminSignIn } from '../helpers/e2e'

const signIn = adminSignIn

const stateOf = async (page: Page, id: string) => {
  const res = await page.request.get(`/api/news/${id}?draft=true&depth=0`)
  return ((await res.json()) as { reviewState: string }).reviewState
}

/** Clicks a review button on the item's page (the page reloads after the action). */
const review = async (page: Page, id: string, button: string, reason?: string) => {
  await page.goto(`/admin/collections/news/${id}`)
  await page.waitForLoadState('networkidle')
  // A click that lands before the page hydrates does nothing (CI, a loaded machine): click
  // again until the action's request goes out. Publishing asks first.
  const sent = (r: { url: () => string; request: () => { method: () => string } }) =>
    r.url().includes(`/news/${id}/review`) && r.request().method() === 'POST'
  const confirm = page.getByRole('button', { name: '确认发布' })
  // Once the action's request has been answered, it is done: on a loaded machine the reload after it
  // can outlast a try, and a second try would look for a button the new state no longer offers.
  let done = false
  const answered = (r: { url: () => string; request: () => { method: () => string }; ok: () => boolean }) => {
    if (sent(r) && r.ok()) done = true
  }
  page.on('response', answered)
  await expect(async () => {
    if (done) return
    // Filled each time: a value typed before hydration is not in the component's state.
    if (reason) await page.getByLabel('审核意见').fill(reason)
    const response = page.waitForResponse(sent, { timeout: 20_000 })
    response.catch(() => undefined) // awaited below only when the click went through
    // The desk reloads the page after the action; a goto before that reload is interrupted by it (CI).
    const reloaded = page.waitForEvent('load', { timeout: 30_000 })
    reloaded.catch(() => undefined)
    if (button !== '终审通过并发布') await page.getByRole('button', { name: button }).click({ timeout: 5_000 })
    else {
      if (!(await confirm.isVisible())) await page.getByRole('button', { name: button }).click({ timeout: 5_000 })
      await confirm.click({ timeout: 3_000 })
    }
    await response
    await reloaded
  }).toPass({ timeout: 60_000 })
  page.off('response', answered)
}

/** The session cookie counts for writes from the site's own origin only (CSRF). */
const sameOrigin = (page: Page) => ({ Origin: new URL(page.url()).origin })

/** A news draft written through the editor's REST session (the admin form is covered above). */
const draftNews = async (page: Page, title: string, text: string) => {
  const paragraph = {
    type: 'paragraph',
    version: 1,
    format: '',
    indent: 0,
    direction: 'ltr',
    textFormat: 0,
    children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
  }
  const res = await page.request.post('/api/news?draft=true', {
    headers: sameOrigin(page),
    data: {
      title,
      column: 'grassroots',
      summary: '支部活动简讯。',
      body: { root: { type: 'root', version: 1, format: '', indent: 0, direction: 'ltr', children: [paragraph] } },
    },
  })
  expect(res.status()).toBe(201)
  return String(((await res.json()) as { doc: { id: number } }).doc.id)
}

test('an editor writes news, three reviewers approve it in the admin, a returned revision shows its reason', async ({
  browser,
}, testInfo) => {
  // 1.6 min alone; npm test runs the vitest lanes beside Playwright (at a lower priority), where it took 3.1.
  test.setTimeout(600_000)
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

test('the review desk: status, author, sensitive words marked, preview, confirmed publication and notifications', async ({
  browser,
}, testInfo) => {
  test.setTimeout(480_000)
  const title = `e2e 审核台 ${Date.now()}`
  const editor = await signIn(browser, 'editor@demo.edu.cn')
  const id = await draftNews(editor, title, '支部开展主题党日活动，其中含有测试敏感词，请审核。')

  // Submitting refuses once, listing the word in context and marking it in the body.
  await editor.goto(`/admin/collections/news/${id}`)
  await editor.waitForLoadState('networkidle')
  await expect(editor.locator('.review-status')).toHaveText('审核状态：草稿')
  const alert = editor.locator('.review-actions__panel[role="alert"]')
  // Clicked until answered: a click before hydration does nothing (a refused submission changes nothing).
  await expect(async () => {
    await editor.getByRole('button', { name: '提交审核' }).click({ timeout: 5_000 })
    await expect(alert).toContainText('内容含有 1 处敏感词，不能提交', { timeout: 5_000 })
  }).toPass({ timeout: 45_000 })
  await expect(alert.locator('mark')).toHaveText('测试敏感词')
  // Said once (the list), not again in a sentence above it.
  expect((await alert.innerText()).split('测试敏感词').length - 1).toBe(1)
  expect(await editor.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('sensitive-word'))).toBe(true)
  // The panel stays within the window instead of stretching the toolbar.
  const box = (await alert.boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(editor.viewportSize()!.width)
  await editor.screenshot({ path: testInfo.outputPath('desk-sensitive-words.png'), fullPage: true })

  // A reviewer opening the draft sees the words next to the override, never the button alone.
  const r1 = await signIn(browser, 'reviewer1@demo.edu.cn')
  await r1.goto(`/admin/collections/news/${id}`)
  await r1.waitForLoadState('networkidle')
  await expect(r1.getByTestId('override-words')).toContainText('本稿含 1 处敏感词')
  await expect(r1.getByTestId('override-words').locator('mark')).toHaveText('测试敏感词')
  await expect(r1.getByRole('button', { name: '忽略以上 1 处敏感词并提交' })).toBeVisible()
  await r1.screenshot({ path: testInfo.outputPath('desk-override-with-words.png'), fullPage: true })

  // The editor removes the word and submits; the header now agrees with the sidebar.
  const fixed = await editor.request.patch(`/api/news/${id}?draft=true`, {
    headers: sameOrigin(editor),
    data: {
      body: {
        root: {
          type: 'root',
          version: 1,
          format: '',
          indent: 0,
          direction: 'ltr',
          children: [
            {
              type: 'paragraph',
              version: 1,
              format: '',
              indent: 0,
              direction: 'ltr',
              textFormat: 0,
              children: [{ type: 'text', version: 1, text: '支部全体党员集中学习党章。', format: 0, detail: 0, mode: 'normal', style: '' }],
            },
          ],
        },
      },
    },
  })
  expect(fixed.status()).toBe(200)
  await review(editor, id, '提交审核')
  await expect.poll(() => stateOf(editor, id)).toBe('pendingFirst')

  // The first reviewer: state, author by name, and the page as members will see it.
  await r1.goto(`/admin/collections/news/${id}`)
  await r1.waitForLoadState('networkidle')
  await expect(r1.locator('.review-status')).toHaveText('审核状态：待初审')
  await expect(r1.getByTestId('author-name')).toHaveText('王雪梅（宣传编辑）')
  await expect(r1.getByRole('button', { name: '忽略以上 1 处敏感词并提交' })).toHaveCount(0)
  await r1.screenshot({ path: testInfo.outputPath('desk-reviewer1-pending.png'), fullPage: true })
  const [preview] = await Promise.all([r1.context().waitForEvent('page'), r1.getByRole('link', { name: '以学员视角预览' }).click()])
  await preview.waitForLoadState()
  await expect(preview).toHaveURL(new RegExp(`/news/${id}$`))
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(title)
  await expect(preview.getByTestId('preview-banner')).toContainText('预览模式')
  await preview.screenshot({ path: testInfo.outputPath('desk-preview-as-member.png'), fullPage: true })
  // Members get no draft, preview or not.
  const member = await browser.newContext()
  expect((await member.request.get(`/preview?collection=news&id=${id}`, { maxRedirects: 0 })).status()).toBe(307) // to /login
  expect((await member.request.post('/api/users/login', { data: { email: 'member@demo.edu.cn', password: DEMO_PASSWORD } })).status()).toBe(
    200,
  )
  const refused = await member.request.get(`/preview?collection=news&id=${id}`, { maxRedirects: 0 })
  expect(refused.status()).toBe(403)
  expect(await refused.text()).toBe('只有撰稿人和审核员可以预览未发布的内容')
  expect((await member.request.get(`/news/${id}`)).status()).toBe(404)

  // The reviewer's notifications name the item waiting for them.
  await r1.goto('/notifications')
  await expect(r1.getByTestId('notification').filter({ hasText: `待初审：党建动态「${title}」` })).toBeVisible()
  await r1.screenshot({ path: testInfo.outputPath('desk-reviewer1-notification.png'), fullPage: true })
  await review(r1, id, '初审通过')
  await expect.poll(() => stateOf(r1, id)).toBe('pendingSecond')
  const r2 = await signIn(browser, 'reviewer2@demo.edu.cn')
  await review(r2, id, '复审通过')
  await expect.poll(() => stateOf(r2, id)).toBe('pendingFinal')

  // Final approval asks first, then links to the live page.
  const r3 = await signIn(browser, 'reviewer3@demo.edu.cn')
  await r3.goto(`/admin/collections/news/${id}`)
  await r3.waitForLoadState('networkidle')
  // A click before the page hydrates opens nothing (seen in CI): click until the question shows.
  await expect(async () => {
    if (!(await r3.getByText('确认终审通过').isVisible()))
      await r3.getByRole('button', { name: '终审通过并发布' }).click({ timeout: 5_000 })
    await expect(r3.getByText('确认终审通过')).toBeVisible({ timeout: 3_000 })
  }).toPass({ timeout: 45_000 })
  await r3.screenshot({ path: testInfo.outputPath('desk-confirm-publish.png'), fullPage: true })
  await r3.getByRole('button', { name: '再看看' }).click()
  expect(await stateOf(r3, id)).toBe('pendingFinal')
  await r3.getByRole('button', { name: '终审通过并发布' }).click()
  // The desk reloads the page itself after the action (a goto racing that reload was interrupted in CI).
  const reloaded = r3.waitForEvent('load', { timeout: 30_000 })
  await r3.getByRole('button', { name: '确认发布' }).click()
  await expect.poll(() => stateOf(r3, id)).toBe('published')
  await reloaded
  await expect(r3.locator('.review-status')).toHaveText('审核状态：已发布', { timeout: 15_000 })
  await expect(r3.getByTestId('live-link')).toHaveAttribute('href', `/news/${id}`)
  await r3.screenshot({ path: testInfo.outputPath('desk-published-link.png'), fullPage: true })

  // The editor is told it is live.
  await editor.goto('/notifications')
  await expect(editor.getByTestId('notification').filter({ hasText: `已发布：党建动态「${title}」` })).toBeVisible()
  await editor.screenshot({ path: testInfo.outputPath('desk-editor-published-notification.png'), fullPage: true })
})

test('the curator picks lesson quizzes only and sees the chosen questions in full', async ({ browser }, testInfo) => {
  test.setTimeout(120_000)
  const curator = await signIn(browser, 'curator@demo.edu.cn')
  await curator.goto('/admin/collections/micro-lessons/create')
  await curator.waitForLoadState('networkidle')
  await curator.locator('#field-quiz .rs__control').click()
  const options = curator.locator('.rs__option')
  await expect(options.first()).toBeVisible()
  const labels = await options.allInnerTexts()
  expect(labels.length).toBeGreaterThan(0)
  // Every option is a lesson quiz (随堂测试), whatever it is called; daily quizzes and competitions are not offered.
  const lessonQuizzes = (await (await curator.request.get('/api/quizzes?where[mode][equals]=lesson&limit=0&depth=0')).json()) as {
    docs: Array<{ title: string }>
  }
  const lessonTitles = new Set(lessonQuizzes.docs.map((q) => q.title))
  for (const label of labels)
    expect(
      [...lessonTitles].some((t) => label.includes(t)),
      label,
    ).toBe(true)
  const others = (await (await curator.request.get('/api/quizzes?where[mode][not_equals]=lesson&limit=0&depth=0')).json()) as {
    docs: Array<{ title: string }>
  }
  expect(others.docs.length).toBeGreaterThan(0)
  for (const q of others.docs)
    expect(
      labels.some((l) => l.includes(q.title)),
      q.title,
    ).toBe(false)
  await curator.screenshot({ path: testInfo.outputPath('curator-lesson-quiz-picker.png'), fullPage: true })

  const quiz = (await (await curator.request.get('/api/quizzes?where[mode][equals]=lesson&limit=1&depth=0')).json()) as {
    docs: Array<{ id: number }>
  }
  await curator.goto(`/admin/collections/quizzes/${quiz.docs[0].id}`)
  await curator.waitForLoadState('networkidle')
  const chosen = curator.getByTestId('selected-question')
  await expect(chosen.first()).toContainText('正确答案：')
  await expect(chosen.first()).toContainText(/单选题|多选题|判断题|填空题/)
  await chosen.first().scrollIntoViewIfNeeded()
  await curator.screenshot({ path: testInfo.outputPath('curator-selected-questions.png'), fullPage: true })
})
