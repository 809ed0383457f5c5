import { expect, test, type Page } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'

/** Issue 14 §4 and §7 on a phone: the header search, forgiving queries, styled results, covers. */
test.use({ viewport: { width: 390, height: 844 } })

const signIn = async (page: Page) => {
  await page.goto('/login')
  await page.getByLabel('邮箱').fill('member@demo.edu.cn')
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByRole('heading', { name: '首页', level: 1 })).toBeVisible()
}

test('a member searches from the header of any page, with a typo, pinyin and traditional characters', async ({ page }, testInfo) => {
  test.setTimeout(180_000)
  await signIn(page)
  // Not only 首页: the header of 课程 has the search too (a magnifier on phones).
  await page.goto('/courses')
  await page.locator('.site-header').getByRole('link', { name: '搜索' }).click()
  await expect(page).toHaveURL(/\/search/)
  await expect(page.locator('#site-search')).toBeFocused()

  // A homophone typo: 井岗山 finds 井冈山, with 你是不是要找. The demo content reaches the index
  // through the jobs queue shortly after the server starts.
  await expect(async () => {
    await page.goto('/search?q=井岗山')
    await expect(page.locator('.search-results .result__link').first()).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 60_000 })
  await expect(page.locator('.search-suggest')).toContainText('你是不是要找：井冈山')
  await expect(page.locator('.search-results')).toContainText('井冈山革命博物馆')
  // Styled cards: no list numbers, the kind badge as wide as its text, the snippet inside the card.
  const first = page.locator('.search-results .result').first()
  expect(await page.locator('.search-results').evaluate((el) => getComputedStyle(el).listStyleType)).toBe('none')
  const badge = await first.locator('.result__kind').boundingBox()
  const card = await first.boundingBox()
  expect(badge!.width).toBeLessThan(card!.width / 3)
  const snippet = await first.locator('.result__snippet').boundingBox()
  if (snippet) expect(snippet.x).toBeGreaterThanOrEqual(card!.x + 8)
  await page.screenshot({ path: testInfo.outputPath('search-typo-suggestion.png'), fullPage: true })

  // Pinyin and traditional characters, typed into the page's box.
  await page.locator('#site-search').fill('jiaoyulu')
  await page.locator('#site-search').press('Enter')
  await expect(page.locator('.search-results')).toContainText('焦裕禄')
  await page.locator('#site-search').fill('黨的二十大')
  await page.locator('#site-search').press('Enter')
  await expect(page.locator('.search-results')).toContainText('党的二十大')
  await page.screenshot({ path: testInfo.outputPath('search-traditional.png'), fullPage: true })

  // Nothing at all: the nearest theme is offered.
  await page.goto('/search?q=廉正教肓')
  await expect(page.locator('.search-suggest')).toContainText('你是不是要找：廉政教育')
})

test('lists show cover thumbnails, item pages their cover, and 图片/视频 resources their media', async ({ page, request }, testInfo) => {
  test.setTimeout(180_000)
  await signIn(page)
  const loaded = async (selector: string) => {
    const img = page.locator(selector).first()
    await img.scrollIntoViewIfNeeded()
    await expect(img).toBeVisible()
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0)
    return img
  }

  await page.goto('/courses')
  await loaded('.cards .thumb--card')
  await page.screenshot({ path: testInfo.outputPath('courses-thumbnails.png'), fullPage: true })
  await page.goto('/news')
  const thumb = await loaded('.list__link--thumb .thumb')
  const thumbSrc = await thumb.getAttribute('src')
  expect(thumbSrc).toMatch(/\.webp$/) // the media library's 320×240 WebP size
  await page.screenshot({ path: testInfo.outputPath('news-thumbnails.png'), fullPage: true })
  await page.goto('/resources')
  await loaded('.cards .thumb--card')
  await page.screenshot({ path: testInfo.outputPath('resources-thumbnails.png'), fullPage: true })

  await page.goto('/courses')
  // A seeded course (courses made by earlier tests have no cover): its cover, and each lesson with its thumbnail.
  await page.locator('.cards a:has(.thumb--card)').first().click()
  await loaded('.figure.cover img')
  await loaded('.lessons__link--thumb .thumb')

  // An 图片 resource shows its generated picture, marked as not the original.
  await page.goto('/resources?kind=image')
  await page.locator('.cards a').first().click()
  const picture = await loaded('.attachments img')
  expect(await picture.getAttribute('alt')).toContain('非原作')
  await page.screenshot({ path: testInfo.outputPath('resource-image.png'), fullPage: true })

  // A 视频 resource plays a clip of its stated length, named a placeholder.
  await page.goto('/resources?kind=video')
  await page.locator('.cards a').first().click()
  const video = page.locator('.attachments video')
  await expect(video).toBeVisible()
  await expect(page.locator('.attachments figcaption')).toContainText('占位视频')
  await expect.poll(() => video.evaluate((el: HTMLVideoElement) => Math.round(el.duration || 0)), { timeout: 20_000 }).toBe(120)
  await page.screenshot({ path: testInfo.outputPath('resource-video.png'), fullPage: true })

  // A news cover is a file of published content: a visitor (no session) gets it too.
  const file = await request.get(thumbSrc!)
  expect(file.status()).toBe(200)
  expect(file.headers()['content-type']).toContain('image/webp')
})
