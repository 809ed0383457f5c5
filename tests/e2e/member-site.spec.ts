import { expect, test, type Page } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'

// The member site is used on phones first.
test.use({ viewport: { width: 390, height: 844 } })

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true })

test('a member signs in on /login and studies: home, courses, an article lesson, news, red resources', async ({ page }, testInfo) => {
  await page.goto('/login')
  await expect(page.getByRole('heading', { name: '登录', level: 1 })).toBeVisible()

  // A wrong password shows the server's message in Chinese and keeps the form.
  await page.getByLabel('邮箱').fill('member@demo.edu.cn')
  await page.getByLabel('密码').fill('not-the-password')
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.locator('form').getByRole('alert')).toContainText(/[\u4e00-\u9fff]/)
  await expect(page).toHaveURL(/\/login/)

  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()

  // 首页: the year's hours against the target, and the member's name in the header.
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { name: '首页', level: 1 })).toBeVisible()
  await expect(page.getByRole('progressbar', { name: '年度学时' })).toBeVisible()
  await expect(page.getByRole('heading', { name: '今日答题' })).toBeVisible()
  await expect(page.getByRole('banner')).toContainText('林子涵')
  // The tab bar sits at the bottom of a phone screen.
  const bar = await page.getByRole('navigation', { name: '主导航' }).boundingBox()
  expect(bar && bar.y + bar.height).toBeGreaterThan(844 - 4)
  await page.screenshot({ path: testInfo.outputPath('member-home.png'), fullPage: true })
  // No Next client runtime on a member page (issue 18 §5): only the islands' scripts.
  const scripts = await page.evaluate(() =>
    [...document.querySelectorAll('script[src]')].map((s) => new URL((s as HTMLScriptElement).src).pathname),
  )
  expect(scripts.filter((s) => !s.startsWith('/_islands/'))).toEqual([])
  expect(scripts.length).toBeGreaterThan(0)
  await expect(page.locator('party-island[data-name="SiteChrome.NavLinks"]')).toHaveCount(1)

  // 课程 → a course → an article lesson.
  await tab(page, '课程').click()
  await expect(page).toHaveURL(/\/courses$/)
  await expect(page.getByRole('heading', { name: '课程', level: 1 })).toBeVisible()
  await expect(tab(page, '课程')).toHaveAttribute('aria-current', 'page')
  await page.locator('.cards .card--link a').first().click()
  await expect(page).toHaveURL(/\/courses\/\d+$/)
  await expect(page.getByRole('heading', { name: '课程目录' })).toBeVisible()
  await expect(page.getByText(/总学时/).first()).toBeVisible()

  await page.locator('.lessons__link', { hasText: '图文' }).first().click()
  await expect(page).toHaveURL(/\/lessons\/\d+\?course=\d+$/)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.getByText(/学习进度 \d+%/)).toBeVisible()
  await expect(page.locator('.prose').first()).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('member-lesson.png'), fullPage: true })

  // 党建动态: by column, then one item.
  await page.getByRole('banner').getByRole('link', { name: '智慧党建学习平台' }).click()
  await expect(page.getByRole('heading', { name: '首页', level: 1 })).toBeVisible()
  await page.getByRole('link', { name: '查看全部党建动态' }).click()
  await expect(page).toHaveURL(/\/news$/)
  await expect(page.getByRole('heading', { name: '党建动态', level: 1 })).toBeVisible()
  await page.getByRole('navigation', { name: '栏目' }).getByRole('link', { name: '要闻' }).click()
  await expect(page).toHaveURL(/\/news\?column=headlines$/)
  await expect(page.getByRole('heading', { name: '党建动态 · 要闻', level: 1 })).toBeVisible()
  await page.locator('.list__link').first().click()
  await expect(page).toHaveURL(/\/news\/\d+$/)
  await expect(page.getByRole('navigation', { name: '面包屑' }).getByRole('link', { name: '要闻' })).toBeVisible()
  await expect(page.locator('.prose').first()).toBeVisible()

  // 红色资源库: education bases show their address.
  await tab(page, '资源').click()
  await expect(page.getByRole('heading', { name: '红色资源库', level: 1 })).toBeVisible()
  await page.getByRole('navigation', { name: '类别' }).getByRole('link', { name: '红色教育基地' }).click()
  await expect(page).toHaveURL(/kind=educationBase/)
  await expect(page.getByText(/地址：/).first()).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('member-resources.png'), fullPage: true })

  // 知识竞赛: standings by college and branch, not by person.
  const competitions = await page.request.get('/api/quizzes?where[mode][equals]=competition&limit=1&depth=0')
  const competition = ((await competitions.json()) as { docs: Array<{ id: number }> }).docs[0]
  await page.goto(`/quizzes/${competition.id}`)
  await expect(page.getByRole('heading', { name: '竞赛排行' })).toBeVisible()
  await expect(page.getByRole('table', { name: '支部排行' })).toContainText('信息工程学院本科生第一党支部')
  await page.screenshot({ path: testInfo.outputPath('member-competition.png'), fullPage: true })
})

test('a visitor reads news but is sent to /login for courses', async ({ page }) => {
  const news = await page.goto('/news')
  expect(news?.status()).toBe(200)
  await expect(page.getByRole('heading', { name: '党建动态', level: 1 })).toBeVisible()
  await expect(page.locator('.list__link').first()).toBeVisible()

  await page.goto('/courses')
  await expect(page).toHaveURL(/\/login\?next=%2Fcourses$/)
  await expect(page.getByRole('heading', { name: '登录', level: 1 })).toBeVisible()
})

test('a path no page answers gets a Chinese 404 page, styled like the site, that leads home', async ({ page }) => {
  for (const path of ['/no-such-page', '/courses/1/no-such-part']) {
    const res = await page.goto(path)
    expect(res?.status()).toBe(404)
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
    await expect(page.getByRole('heading', { name: '页面不存在', level: 1 })).toBeVisible()
    await expect(page).toHaveTitle(/页面不存在/)
    await expect(page.locator('body')).not.toContainText(/could not be found|404: This page/i)
    // The site's stylesheet applies: the header gets its own background, not the browser's transparent default.
    const header = await page.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(header).not.toBe('rgba(0, 0, 0, 0)')
  }
  await page.getByRole('link', { name: '返回首页' }).click()
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible()
})

test('a member searches 党史 and opens a result', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('邮箱').fill('member@demo.edu.cn')
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByRole('heading', { name: '首页', level: 1 })).toBeVisible()
  // The demo content reaches the index through the jobs queue shortly after the server starts.
  await expect(async () => {
    await page.goto('/search?q=党史')
    await expect(page.locator('.search-results .result__link').first()).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 60_000 })
  await expect(page.locator('.search-results mark').first()).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('member-search.png'), fullPage: true })
  await page.locator('.search-results .result__link').first().click()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page).not.toHaveURL(/\/search/)

  // 为你推荐 on the home page: items from the index, each with its reason; a click opens the item.
  await page.goto('/')
  const reasons = page.locator('.recommendations .recommendation__reason')
  await expect(reasons.first()).toBeVisible()
  await expect(reasons.first()).toHaveText(/因为你学习了|本支部必修|必修课程|你的专题：|本周热门|错题相关/)
  await page.screenshot({ path: test.info().outputPath('member-recommendations.png'), fullPage: true })
  await page.locator('.recommendations a').first().click()
  await expect(page).toHaveURL(/\/(courses|lessons|resources)\/\d+/)
})
