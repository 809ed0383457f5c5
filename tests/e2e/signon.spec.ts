import { expect, test } from '@playwright/test'

import { startCasServer } from '../helpers/signon'

/**
 * 统一身份认证 through the production app server in Chromium: the campus CAS server (a CAS 3.0
 * server following the specification, on the port the harness gave the app server) signs a member in
 * as the same session a password gives; 退出 also leaves the campus; the campus's single logout ends the
 * session; an unknown number is refused with whom to ask.
 */
test.use({ viewport: { width: 390, height: 844 } })

let cas: Awaited<ReturnType<typeof startCasServer>>
test.beforeAll(async () => {
  cas = await startCasServer(Number(process.env.E2E_CAS_PORT))
  // 林子涵 (member@demo.edu.cn) is 2023110101 in the demo data; the campus knows her by her own login name.
  cas.accounts.set('linzihan', { employeeNumber: '2023110101', cn: '林子涵' })
  cas.accounts.set('stranger', { employeeNumber: 'S20990001', cn: '新同学' })
})
test.afterAll(async () => {
  await cas?.stop()
})

test('a member signs in through the campus CAS, studies signed in, and 退出 ends both sessions; single logout ends a session', async ({
  page,
  browser,
}, testInfo) => {
  cas.as('linzihan')
  await page.goto('/login?next=%2Fme')
  await page.screenshot({ path: testInfo.outputPath('signon-login.png'), fullPage: true })
  await page.getByTestId('signon').click()
  await expect(page).toHaveURL(/\/me$/)
  await expect(page.getByText('林子涵').first()).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('signon-me.png'), fullPage: true })

  // 退出: the platform session ends and the browser goes on to the campus's logout.
  await page.getByRole('button', { name: '退出', exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`^${cas.url}/logout\\?service=`))
  await page.goto('/me')
  await expect(page).toHaveURL(/\/login\?next=%2Fme$/)

  // Single logout: the campus tells the platform a ticket's session is over (server to server).
  const phone = await browser.newPage()
  let ticket = ''
  phone.on('request', (r) => {
    const t = new URL(r.url()).searchParams.get('ticket')
    if (t) ticket = t
  })
  await phone.goto('/login?next=%2Fme')
  await phone.getByTestId('signon').click()
  await expect(phone).toHaveURL(/\/me$/)
  expect(ticket).toMatch(/^ST-/)
  const slo = await phone.request.post(`/api/users/signon/cas/callback`, {
    form: { logoutRequest: cas.logoutRequest(ticket) },
    headers: { cookie: '' },
  })
  expect(slo.status()).toBe(200)
  await phone.goto('/me')
  await expect(phone).toHaveURL(/\/login\?next=%2Fme$/)
  await phone.close()
})

test('an unknown campus identity is refused with whom to ask, and gets no session', async ({ page }) => {
  cas.as('stranger')
  await page.goto('/login')
  await page.getByTestId('signon').click()
  await expect(page.getByTestId('signon-message')).toContainText('请联系党委组织部开通账号')
  await page.goto('/me')
  await expect(page).toHaveURL(/\/login\?next=%2Fme$/)
})
