import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'
import { heldForCompetitions, type BankQuestion, type CompetitionScope } from '../../src/quiz/reveal'

// Members answer on phones.
test.use({ viewport: { width: 390, height: 844 } })

/** A member of the demo university no other spec signs in as: today's daily quiz is still open to them. */
const MEMBER = 'p031@demo.edu.cn'

type Key = {
  id: number
  type: 'single' | 'multiple' | 'trueFalse' | 'fillIn'
  stem: string
  options?: Array<{ text: string; isCorrect?: boolean }>
  trueFalseAnswer?: 'correct' | 'wrong'
  fillInAnswers?: Array<{ answer: string }>
  themes?: number[]
  difficulty?: string
}

const tokenOf = async (request: APIRequestContext, email: string) => {
  const res = await request.post('/api/users/login', { data: { email, password: DEMO_PASSWORD } })
  return ((await res.json()) as { token: string }).token
}

/**
 * The answer keys, read as the course curator (members never can), and which of the questions an
 * open knowledge competition holds back (their keys are not shown anywhere until it closes).
 */
const keysOf = async (request: APIRequestContext, ids: number[]) => {
  const headers = { Authorization: `JWT ${await tokenOf(request, 'curator@demo.edu.cn')}` }
  const res = await request.get(`/api/questions?where[id][in]=${ids.join(',')}&depth=0&limit=50`, { headers })
  const keys = new Map(((await res.json()) as { docs: Key[] }).docs.map((d) => [d.id, d]))
  const comps = (
    (await (await request.get('/api/quizzes?where[mode][equals]=competition&depth=0&limit=50', { headers })).json()) as {
      docs: CompetitionScope[]
    }
  ).docs
  return { keys, held: heldForCompetitions([...keys.values()] as BankQuestion[], comps, new Date()) }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Answers one question shown in `scope` right or wrong, by the option texts of its key. */
const answer = async (page: Page, scope: Locator, key: Key, right: boolean) => {
  if (key.type === 'fillIn') {
    await scope.getByRole('textbox').fill(right ? key.fillInAnswers![0].answer : '不知道')
    return
  }
  if (key.type === 'trueFalse') {
    const say = (key.trueFalseAnswer === 'correct') === right ? '正确' : '错误'
    await scope
      .locator('label.option')
      .filter({ has: page.locator('span', { hasText: new RegExp(`^${say}$`) }) })
      .click()
    return
  }
  const texts = (key.options ?? []).filter((o) => Boolean(o.isCorrect) === right).map((o) => o.text)
  for (const text of right ? texts : texts.slice(0, 1)) {
    await scope
      .locator('label.option')
      .filter({ has: page.locator('span', { hasText: new RegExp(`^[A-Z]\\. ${escape(text)}$`) }) })
      .click()
  }
}

test('the daily quiz once done: result, score and next opening stay; 首页 and the list say so; 错题本 shows the key and practice takes a question out', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000)
  await page.goto('/login')
  await page.getByLabel('邮箱').fill(MEMBER)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByRole('heading', { name: '首页', level: 1 })).toBeVisible()
  await expect(page.getByRole('link', { name: '开始今日答题' })).toBeVisible()

  // The list says the daily quiz is not done yet.
  await page.goto('/quizzes')
  const dailyCard = page.getByRole('region', { name: '每日答题' }).locator('.card').first()
  await expect(dailyCard).toContainText('今日未作答')
  await dailyCard.getByRole('link').click()
  await expect(page.getByText('每天可作答 1 次')).toBeVisible()

  // Take it: the first question wrong, the others right.
  const started = page.waitForResponse((r) => r.url().endsWith('/api/quiz-attempts/start') && r.request().method() === 'POST')
  await page.getByRole('button', { name: '开始答题' }).click()
  const paper = (await (await started).json()) as { questions: Array<{ id: number; stem: string }> }
  const { keys, held } = await keysOf(
    request,
    paper.questions.map((q) => q.id),
  )
  // The one answered wrong: a question no open competition holds, so 错题本 may show its key.
  const wrongAt = paper.questions.findIndex((q) => !held.has(q.id))
  expect(wrongAt, 'every question of the paper is held by an open competition').toBeGreaterThanOrEqual(0)
  for (const [i, q] of paper.questions.entries()) {
    const item = page.locator('.questions .question').nth(i)
    await expect(item).toContainText(q.stem)
    await answer(page, item, keys.get(q.id)!, i !== wrongAt)
  }
  // A mark on the document: a full reload would lose it (the page refreshes around the quiz instead).
  await page.evaluate(() => ((window as { stayed?: number }).stayed = 1))
  await page.getByRole('button', { name: '交卷' }).click()
  const total = paper.questions.length
  const score = Math.round((100 * (total - 1)) / total)
  await expect(page.getByText(`得分 ${score} 分`)).toBeVisible()
  // The server-rendered counts around the quiz follow the new attempt, and the result stays (src/site/islands/mount.tsx).
  await expect(page.getByText(/今天已作答 1 次/)).toBeVisible()
  expect(await page.evaluate(() => (window as { stayed?: number }).stayed)).toBe(1)
  // No second attempt today: no 再答一次 (it used to wipe the result and show a 409), but when the next opens.
  await expect(page.getByRole('button', { name: '再答一次' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: '开始答题' })).toHaveCount(0)
  await expect(page.getByText(/今日答题已完成，下一次每日答题将于 \d{4}年\d{1,2}月\d{1,2}日 00:00 开放/)).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('daily-quiz-result.png'), fullPage: true })

  // Reloaded, the page still shows today's result, and counts today's attempts only.
  await page.reload()
  await expect(page.getByText(`得分 ${score} 分`)).toBeVisible()
  await expect(page.getByText('回答错误')).toHaveCount(1)
  await expect(page.getByText(/今天已作答 1 次/)).toBeVisible()
  await expect(page.getByRole('button', { name: '开始答题' })).toHaveCount(0)
  await expect(page.getByText(/今日答题已完成，下一次每日答题将于/)).toBeVisible()

  // 首页: done, the score, the next opening; no 开始今日答题.
  await page.goto('/')
  const card = page.locator('section.daily')
  await expect(card).toContainText(`今日答题已完成 · 得分 ${score} 分`)
  await expect(card).toContainText(/下一次每日答题将于 \d{4}年\d{1,2}月\d{1,2}日 00:00 开放/)
  await expect(page.getByRole('link', { name: '开始今日答题' })).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('daily-quiz-home-done.png'), fullPage: true })

  // The list: done today with the score.
  await page.goto('/quizzes')
  await expect(page.getByRole('region', { name: '每日答题' }).locator('.card').first()).toContainText(`今日已完成 · ${score} 分`)
  await page.screenshot({ path: testInfo.outputPath('quiz-list-states.png'), fullPage: true })

  // 错题本: the question answered wrong, with its correct answer and explanation.
  const wrongKey = keys.get(paper.questions[wrongAt].id)!
  await page.goto('/quizzes/wrong')
  const entry = page.locator('.wrong-book__item').filter({ hasText: wrongKey.stem })
  await expect(entry).toHaveCount(1)
  await entry.getByText('查看正确答案和解析').click()
  await expect(entry.locator('.wrong-book__key')).toContainText('正确答案：')
  await page.screenshot({ path: testInfo.outputPath('wrong-book.png'), fullPage: true })

  // Practice: right once (one to go), right again: out of the book. No attempt is counted.
  const memberToken = await tokenOf(request, MEMBER)
  const attemptCount = async () =>
    (
      (await (await request.get('/api/quiz-attempts?limit=1&depth=0', { headers: { Authorization: `JWT ${memberToken}` } })).json()) as {
        totalDocs: number
      }
    ).totalDocs
  const attemptsBefore = await attemptCount()
  await answer(page, entry, wrongKey, true)
  await entry.getByRole('button', { name: '提交练习' }).click()
  await expect(entry).toContainText('已连续答对 1 次，再答对 1 次即移出错题本')
  await entry.getByRole('button', { name: '再练一次' }).click()
  await answer(page, entry, wrongKey, true)
  await entry.getByRole('button', { name: '提交练习' }).click()
  await expect(entry).toContainText('本题已移出错题本')
  await page.screenshot({ path: testInfo.outputPath('wrong-book-practised.png'), fullPage: true })
  await page.reload()
  await expect(page.locator('.wrong-book__item').filter({ hasText: wrongKey.stem })).toHaveCount(0)

  // Practice counted no attempt: the member's attempts are as many as before it.
  expect(await attemptCount()).toBe(attemptsBefore)
  await page.goto('/quizzes')
  await expect(page.getByRole('region', { name: '每日答题' }).locator('.card').first()).toContainText(`今日已完成 · ${score} 分`)
})
