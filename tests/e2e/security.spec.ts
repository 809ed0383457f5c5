import { expect, test, type Page } from '@playwright/test'
import * as OTPAuth from 'otpauth'

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
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` }),
    )
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
  // A member page runs no inline script at all (src/site/islands: Next's runtime and payload taken out), only files.
  expect(await page.locator('script:not([src])').count()).toBe(0)
  // 首页 is rendered by the app server itself (src/site/lean), with no inline script to allow: files from here only.
  expect(csp).toMatch(/script-src 'self';/)
  // A page Next renders gets a fresh nonce each time.
  const nonce = scriptNonce((await page.goto('/login'))!.headers()['content-security-policy'])
  expect(nonce).toBeTruthy()
  expect(await page.locator('script:not([src])').count()).toBe(0)
  const second = await page.goto('/login')
  expect(scriptNonce(second!.headers()['content-security-policy'])).not.toBe(nonce)
  // The admin keeps Next's runtime: Next puts the request's nonce on its inline scripts.
  const admin = await page.goto('/admin/login')
  const adminNonce = scriptNonce(admin!.headers()['content-security-policy'])
  expect(adminNonce).toBeTruthy()
  // The browser hides the attribute's value once parsed; the `nonce` property keeps it.
  const nonces = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((s) => (s as HTMLScriptElement).nonce))
  expect(nonces.length).toBeGreaterThan(0)
  expect(new Set(nonces)).toEqual(new Set([adminNonce]))

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
  await csp.expectNone("the editor's dashboard")

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

/** Signs in on the member site's /login and waits until the sign-in answered. */
const siteLogin = async (page: Page, email: string, next = '') => {
  await page.goto(`/login${next}`)
  await page.getByLabel('邮箱').fill(email)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
}

test('F3: after sign-in only a path on this site is followed; odd `next` values are no 500', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin
  // Signed out: the form's `next` comes back as '/'.
  await siteLogin(page, 'member@demo.edu.cn', '?next=/%09/127.0.0.1:3999/pwned')
  await expect(page.getByRole('heading', { name: '首页', level: 1 })).toBeVisible()
  expect(new URL(page.url()).origin).toBe(origin)
  // Signed in: /login redirects at once, to this site only.
  for (const next of [
    '/%09/127.0.0.1:3999/pwned',
    '/%0a/127.0.0.1:3999/pwned',
    '/%0d%0aSet-Cookie:%20x=1',
    '/%5C127.0.0.1:3999',
    '//127.0.0.1:3999/pwned',
    `/search?q=${encodeURIComponent('党史')}`,
    '/%E5%85%9A',
  ]) {
    const res = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 })
    expect(res.status(), next).toBeLessThan(500)
    expect([303, 307, 308], next).toContain(res.status())
    const location = res.headers()['location'] ?? ''
    expect(new URL(location, baseURL).origin, `${next} → ${location}`).toBe(origin)
    expect(location, next).not.toMatch(/[\s\u0080-\uffff]/)
    expect(res.headers()['set-cookie'] ?? '', next).not.toContain('x=1')
  }
  await page.goto('/login?next=/%09/127.0.0.1:3999/pwned')
  expect(new URL(page.url()).origin).toBe(origin)
  // A real path still works.
  await page.goto('/login?next=/courses')
  await expect(page).toHaveURL(/\/courses$/)
})

test('F6: when 安全设置 requires TOTP, an administrator enrols at /login and gets in; a used code is refused', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(150_000)
  const security = await playwright.request.newContext({ baseURL })
  const signedIn = await security.post('/api/users/login', { data: { email: 'security@demo.edu.cn', password: DEMO_PASSWORD } })
  expect(signedIn.status()).toBe(200)
  const auth = { Authorization: `JWT ${(await signedIn.json()).token}` }
  const requireTotp = (on: boolean) => security.post('/api/globals/security-settings', { headers: auth, data: { requireAdminTotp: on } })
  expect((await requireTotp(true)).status()).toBe(200)
  const other = await browser.newContext()
  try {
    // Password first: the page then shows the key to add and the code field.
    await siteLogin(page, 'auditor@demo.edu.cn')
    const codeField = page.getByLabel(/动态口令/)
    await expect(codeField).toBeVisible()
    const secret = ((await page.locator('form code').textContent()) ?? '').trim()
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/)
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' })
    const enrolledAt = Date.now()
    const code = totp.generate({ timestamp: enrolledAt })
    await codeField.fill(code)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await expect(page).not.toHaveURL(/\/login/)
    const me = await page.evaluate(() => fetch('/api/users/me', { credentials: 'include' }).then((r) => r.json()))
    expect(me.user?.email).toBe('auditor@demo.edu.cn')

    // The same code again, from another browser: refused; a fresh code gets in.
    const second = await other.newPage()
    await siteLogin(second, 'auditor@demo.edu.cn')
    const secondCode = second.getByLabel(/动态口令/)
    await expect(secondCode).toBeVisible()
    await secondCode.fill(code)
    await second.getByRole('button', { name: '登录', exact: true }).click()
    await expect(second.locator('form').getByRole('alert')).toBeVisible()
    await expect(second).toHaveURL(/\/login/)
    await secondCode.fill(totp.generate({ timestamp: enrolledAt + 30_000 }))
    await second.getByRole('button', { name: '登录', exact: true }).click()
    await expect(second).not.toHaveURL(/\/login/)

    // Clean up: requirement off, then the auditor removes the second factor with a code of a later step.
    expect((await requireTotp(false)).status()).toBe(200)
    const step = Math.floor(enrolledAt / 30_000)
    while (Math.floor(Date.now() / 30_000) < step + 1) await second.waitForTimeout(1_000)
    const disable = await second.evaluate(
      (c) =>
        fetch('/api/users/totp/disable', {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ code: c }),
        }).then((r) => r.status),
      totp.generate({ timestamp: Date.now() + 30_000 }),
    )
    expect(disable).toBe(200)
  } finally {
    await requireTotp(false)
    await other.close()
    await security.dispose()
  }
})

test('visitors still get the files of published content (a news cover on its page and in the media list)', async ({ page, request }) => {
  // A published news item with a cover, as a visitor: the image loads.
  const list = await request.get('/api/news?where[cover][exists]=true&limit=1&depth=0')
  const item = ((await list.json()) as { docs: Array<{ id: number; cover: number }> }).docs[0]
  expect(item).toBeTruthy()
  await page.goto(`/news/${item.id}`)
  const img = page.locator('article img, figure img').first()
  await expect(img).toBeVisible()
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true)
  // The visitor's media list holds only files of published public content.
  const media = (await (await request.get('/api/media?limit=1000&depth=0')).json()) as { docs: Array<{ id: number }> }
  expect(media.docs.map((d) => d.id)).toContain(item.cover)
})
