import { expect, test } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'

test.use({ viewport: { width: 390, height: 844 } })

test('首页 recommendations: direct links (no /r prefetch, no 400), honest reasons, and 继续学习 without items merely opened', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000)
  await page.goto('/login')
  await page.getByLabel('邮箱').fill('member@demo.edu.cn')
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByRole('heading', { name: '首页', level: 1 })).toBeVisible()

  // Every request 首页 makes from here on, and every failed one.
  const clickRoute: string[] = []
  const failed: string[] = []
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/r') clickRoute.push(`${r.method()} ${r.url()}`)
  })
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`)
  })
  // The demo content reaches the index through the jobs queue shortly after the server starts.
  await expect(async () => {
    await page.goto('/')
    await expect(page.locator('.recommendations .card').first()).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 60_000 })
  await page.waitForLoadState('networkidle')
  // 党建动态 on 首页 with their covers' thumbnails (the seed gives every news item a cover), loaded.
  const thumbs = page.getByRole('region', { name: '党建动态' }).locator('img.thumb')
  await expect(thumbs.first()).toBeVisible()
  await thumbs.first().scrollIntoViewIfNeeded()
  await expect.poll(() => thumbs.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)
  // Let the links come into view: Next prefetches what is visible.
  await page.locator('.recommendations').scrollIntoViewIfNeeded()
  await page.waitForTimeout(1_500)
  expect(clickRoute, 'nothing fetches the click route before a click').toEqual([])
  expect(failed).toEqual([])

  const cards = page.locator('.recommendations .card')
  const n = await cards.count()
  expect(n).toBeGreaterThan(0)
  for (let i = 0; i < n; i++) {
    const link = cards.nth(i).getByRole('link')
    expect(await link.getAttribute('href')).toMatch(/^\/(courses|lessons|resources)\/\d+$/)
    const title = (await cards.nth(i).locator('.card__heading').textContent())!.trim()
    const reason = (await cards.nth(i).locator('.recommendation__reason').textContent())!.trim()
    expect(reason).not.toMatch(/《《|》》/)
    // Never recommended because of itself.
    expect(reason.startsWith('因为你学习了') && reason.includes(title.replace(/^《|》$/g, '')), `${title}: ${reason}`).toBe(false)
  }
  // 继续学习 holds items with some study, not items merely opened.
  await expect(page.locator('#continue').getByText(/已学 0%/)).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('home-recommendations.png'), fullPage: true })

  // A click goes straight to the item and is recorded on the side (a beacon to POST /r).
  const first = cards.first().getByRole('link')
  const href = (await first.getAttribute('href'))!
  const beacon = page.waitForRequest((r) => new URL(r.url()).pathname === '/r' && r.method() === 'POST')
  const t0 = Date.now()
  await first.click()
  await expect(page).toHaveURL(new RegExp(`${href}$`))
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  const ms = Date.now() - t0
  const sent = await beacon
  expect(sent.postData()).toMatch(/c=(courses|micro-lessons|red-resources)&id=\d+&p=1/)
  testInfo.annotations.push({ type: 'measured', description: `recommendation click to the item's heading: ${ms} ms` })
  expect(failed).toEqual([])
})
