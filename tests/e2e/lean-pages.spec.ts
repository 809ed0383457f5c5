import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'

/**
 * The member pages the app server renders itself (src/site/lean) against the same pages rendered by
 * Next (the test server honours `x-render-with-next`): the same document for a visitor, a member and
 * a branch secretary. Compared as the browser builds them, with the islands' scripts held back (no
 * heartbeats, no hydration), so Next's streamed parts are in place; what Next adds for its own runtime
 * (script nonces, inline scripts, its metadata placeholder, Suspense markers) is left out.
 * Recommendations are left out too: each view of 首页 records them as shown, which may change the next.
 */
const NEXT = { 'x-render-with-next': '1' }

const normalise = (html: string) =>
  html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/ nonce="[^"]*"/g, '')
    .replace(/<!--\/?\$[?!~]?-->/g, '')
    .replace(/<div hidden=""><\/div>/g, '')
    .replace(/<ul class="cards recommendations">[\s\S]*?<\/ul>/g, '<ul class="cards recommendations"></ul>')
    // One tag a line: a failure shows the lines that differ.
    .split(/(?=<)/)

/** The document as the browser has it after loading `path`, rendered by the app server or by Next. */
const documentOf = async (page: Page, path: string, next: boolean) => {
  await page.setExtraHTTPHeaders(next ? NEXT : {})
  const res = await page.goto(path)
  expect(res, path).not.toBeNull()
  await page.waitForLoadState('load')
  // Next streams 相关内容 after the page (src/site/RelatedContent.tsx); React moves it in place.
  await page.waitForFunction(() => !document.querySelector('template[id^="B:"], div[hidden][id^="S:"]'))
  return { status: res!.status(), timing: (await res!.allHeaders())['server-timing'] ?? '', html: await page.content() }
}

const signIn = async (request: APIRequestContext, email: string) => {
  const res = await request.post('/api/users/login', { data: { email, password: DEMO_PASSWORD } })
  expect(res.status(), email).toBe(200)
}

const withPage = async (browser: Browser, who: string | null, run: (page: Page) => Promise<void>) => {
  const context = await browser.newContext()
  try {
    if (who) await signIn(context.request, who)
    // The islands stay out: the comparison is of the server's HTML.
    await context.route('**/_islands/**', (route) => route.abort())
    await run(await context.newPage())
  } finally {
    await context.close()
  }
}

for (const who of [null, 'member@demo.edu.cn', 'secretary@demo.edu.cn']) {
  test(`lean pages render what Next renders: ${who ?? 'a visitor'}`, async ({ browser }) => {
    await withPage(browser, who, async (page) => {
      // One of each lean page (src/site/lean/pages.ts), found as a member finds them.
      const first = async (list: string, prefix: string) => {
        const html = await (await page.request.get(list)).text()
        const id = html.match(new RegExp(`href="${prefix}/(\\d+)`))?.[1]
        expect(id, `${list} links to ${prefix}/…`).toBeTruthy()
        return `${prefix}/${id}`
      }
      const paths = ['/', '/news', await first('/news', '/news'), '/resources', await first('/resources', '/resources')]
      if (who) {
        const course = await first('/courses', '/courses')
        const lesson = (await (await page.request.get(course)).text()).match(/href="(\/lessons\/\d+\?course=\d+)"/)?.[1]
        expect(lesson).toBeTruthy()
        paths.push('/courses', course, lesson!.replace(/&amp;/g, '&'), '/quizzes', await first('/quizzes', '/quizzes'))
      }
      for (const path of paths) {
        const lean = await documentOf(page, path, false)
        const next = await documentOf(page, path, true)
        expect([lean.status, next.status], path).toEqual([200, 200])
        // Rendered by the app server, not Next: its Server-Timing says so.
        expect(lean.timing, path).toMatch(/^lean;dur=/)
        expect(next.timing, path).not.toMatch(/lean/)
        expect(normalise(lean.html), path).toEqual(normalise(next.html))
      }

      // A page that ends in notFound() is Next's to answer: the same 404 page both ways.
      for (const path of ['/news/99999999', '/resources/abc']) {
        const lean = await documentOf(page, path, false)
        const next = await documentOf(page, path, true)
        expect([lean.status, next.status], path).toEqual([404, 404])
        expect(normalise(lean.html), path).toEqual(normalise(next.html))
      }
    })
  })
}

test('lean pages send a visitor to sign in as Next does, and leave drafts to Next', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  try {
    for (const path of ['/courses', '/quizzes', '/courses/1', '/lessons/1']) {
      const lean = await request.get(path, { maxRedirects: 0 })
      const next = await request.get(path, { maxRedirects: 0, headers: NEXT })
      expect([lean.status(), next.status()], path).toEqual([307, 307])
      expect(lean.headers().location, path).toBe(`/login?next=${encodeURIComponent(path)}`)
      expect(lean.headers().location, path).toBe(next.headers().location)
    }
    // With Next's draft-mode cookie a page is Next's (src/site/preview.ts reads draftMode()).
    const draft = await request.get('/', { headers: { cookie: '__prerender_bypass=x' } })
    expect(draft.status()).toBe(200)
    expect(draft.headers()['server-timing'] ?? '').not.toMatch(/lean/)
    const lean = await request.get('/')
    expect(lean.headers()['server-timing'] ?? '').toMatch(/^lean;dur=/)
    // The same security headers as Next's page, whose CSP also allows its own inline scripts' nonce.
    const next = await request.get('/', { headers: NEXT })
    const security = (headers: Record<string, string>) => ({
      csp: headers['content-security-policy']?.replace(/ 'nonce-[^']*'/, ''),
      ...Object.fromEntries(
        [
          'x-content-type-options',
          'referrer-policy',
          'x-frame-options',
          'cross-origin-opener-policy',
          'permissions-policy',
          'cache-control',
        ].map((h) => [h, headers[h]]),
      ),
    })
    expect(security(lean.headers())).toEqual(security(next.headers()))
    expect(lean.headers()['content-security-policy']).toMatch(/script-src 'self';/)
  } finally {
    await request.dispose()
  }
})
