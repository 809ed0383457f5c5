import { expect, test, type Page } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'

/**
 * The Content-Security-Policy and the other security headers in a real browser: the Payload admin
 * (dashboard, 数据驾驶舱 with its ECharts charts) and the member site (home, a video lesson, search
 * with highlights) must work under them with not a single CSP violation.
 */

type Violation = { directive: string; blocked: string; source: string }

/** Records every CSP violation in the page (the event fires for blocked and report-only alike). */
const watchCsp = async (page: Page) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: Violation[] }
    w.__csp = []
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` }))
  })
  const console: string[] = []
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) console.push(m.text())
  })
  return {
    expectNone: async (where: string) => {
      const violations = await page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp)
      expect(violations, `CSP violations on ${where}`).toEqual([])
      expect(console, `CSP console errors on ${where}`).toEqual([])
    },
  }
}

const scriptNonce = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1]

test('pages carry the security headers and a fresh script nonce; API and static files the headers too', async ({ page, request }) => {
  const first = await page.goto('/')
  const headers = first!.headers()
  const csp = headers['content-security-policy']
  expect(csp).toContain("default-src 'self'")
  expect(csp).toContain("object-src 'none'")
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(headers['x-powered-by']).toBeUndefined()
  // Served over plain HTTP here: no HSTS.
  expect(headers['strict-transport-security']).toBeUndefined()
  const nonce = scriptNonce(csp)
  expect(nonce).toBeTruthy()
  // Next put that nonce on its own inline scripts.
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0)
  const second = await page.goto('/')
  expect(scriptNonce(second!.headers()['content-security-policy'])).not.toBe(nonce)

  for (const path of ['/api/health', '/api/search?q=党史', '/favicon.svg', '/admin/login']) {
    const res = await request.get(path)
    expect(res.headers()['x-content-type-options'], path).toBe('nosniff')
    expect(res.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'")
  }
  // Behind a TLS proxy: HSTS.
  const https = await request.get('/api/health', { headers: { 'X-Forwarded-Proto': 'https' } })
  expect(https.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
})

const adminLogin = async (page: Page, email: string) => {
  await page.goto('/admin/login')
  await page.locator('#field-email').fill(email)
  await page.locator('#field-password').fill(DEMO_PASSWORD)
  await page.locator('button[type="submit"]').click()
  await expect(page).toHaveURL(/\/admin\/?$/)
}

test('the admin dashboard and 数据驾驶舱 render with no CSP violation', async ({ page }) => {
  const csp = await watchCsp(page)
  await adminLogin(page, 'committee@demo.edu.cn')
  await page.waitForLoadState('networkidle')
  await csp.expectNone('the admin dashboard')

  await page.goto('/admin/cockpit')
  await expect(page.getByRole('heading', { name: '数据驾驶舱', level: 1 })).toBeVisible()
  await expect(page.getByTestId('chart-distribution').locator('svg path').first()).toBeAttached()
  await page.waitForLoadState('networkidle')
  await csp.expectNone('数据驾驶舱')
})

test('an editor works in the admin (search, a news item in Lexical) with no CSP violation', async ({ page }) => {
  const csp = await watchCsp(page)
  await adminLogin(page, 'editor@demo.edu.cn')
  await page.waitForLoadState('networkidle')
  await csp.expectNone('the editor\'s dashboard')

  // The index may still be filling right after the server started.
  await expect(async () => {
    await page.goto(`/admin/search?q=${encodeURIComponent('党史')}`)
    await expect(page.locator('.admin-search__results mark').first()).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
  await csp.expectNone('全文搜索')

  // A document in the editor (Lexical, upload and relationship fields), opened by a client-side
  // navigation from the list: the chunks it loads run under the policy too.
  await page.goto('/admin/collections/news')
  const first = page.locator('table tbody tr td a').first()
  await expect(first).toBeVisible()
  await first.click()
  await expect(page).toHaveURL(/\/admin\/collections\/news\/\d+/)
  await expect(page.locator('[data-lexical-editor="true"]').first()).toBeVisible()
  await page.waitForLoadState('networkidle')
  await csp.expectNone('a news item in the editor')
})

test('the member site, a video lesson and search render with no CSP violation', async ({ page }) => {
  const csp = await watchCsp(page)
  await page.goto('/login')
  await page.getByLabel('邮箱').fill('member@demo.edu.cn')
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page.getByRole('heading', { name: '首页', level: 1 })).toBeVisible()
  await page.waitForLoadState('networkidle')
  await csp.expectNone('首页')

  const lessons = await page.request.get('/api/micro-lessons?where[kind][equals]=video&limit=1&depth=0')
  const lesson = ((await lessons.json()) as { docs: Array<{ id: number }> }).docs[0]
  expect(lesson).toBeTruthy()
  await page.goto(`/lessons/${lesson.id}`)
  const video = page.locator('video')
  await expect(video).toBeVisible()
  // The native player fetched the file from /api/media/file/… (media-src 'self'): it has metadata,
  // or (a browser without the codec) a decoding error; a CSP block would be a violation below.
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState > 0 || v.error !== null), { timeout: 15_000 }).toBe(true)
  await csp.expectNone('a video lesson')

  await page.goto(`/search?q=${encodeURIComponent('党史')}`)
  await expect(page.locator('.search-results mark').first()).toBeVisible()
  await csp.expectNone('search')
})
