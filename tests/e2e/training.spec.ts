import { expect, test, type APIRequestContext } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'
import { adminSignIn, siteSignIn } from '../helpers/e2e'

/**
 * 培训登记 → 学时台账 through the production app server and the browser: the secretary records an
 * external course for a member, cannot confirm it, the college committee confirms it in the admin,
 * and the member's 年度学时 on the member site grow by exactly its hours, shown as offline 学时.
 */
const tokenOf = async (request: APIRequestContext, email: string) => {
  const res = await request.post('/api/users/login', { data: { email, password: DEMO_PASSWORD } })
  return ((await res.json()) as { token: string }).token
}

test('a training the college confirms in the admin credits the member, as the member site shows', async ({
  browser,
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000)
  const secretary = { Authorization: `JWT ${await tokenOf(request, 'secretary@demo.edu.cn')}` }
  const found = await request.get('/api/users?where[email][equals]=member@demo.edu.cn&depth=0', { headers: secretary })
  const memberId = ((await found.json()) as { docs: Array<{ id: number }> }).docs[0].id

  await siteSignIn(page, 'member@demo.edu.cn')
  await page.goto('/me')
  const hours = async () => Number(await page.locator('.hours__figures strong').getAttribute('data-hours'))
  const before = await hours()

  const title = `“学习强国”专题课程结业 ${Date.now().toString(36)}`
  const created = await request.post('/api/trainings', {
    headers: secretary,
    data: {
      title,
      kind: 'external',
      organiser: '学习强国学习平台',
      date: new Date(Date.now() - 60_000).toISOString(),
      hours: 2.5,
      attendees: [memberId],
      status: 'submitted',
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const id = ((await created.json()) as { doc: { id: number } }).doc.id
  // The branch cannot confirm its own record.
  const selfConfirm = await request.patch(`/api/trainings/${id}`, { headers: secretary, data: { status: 'confirmed' } })
  expect(selfConfirm.status()).toBe(403)
  expect(await selfConfirm.text()).toContain('院级党委确认')
  await page.reload()
  expect(await hours()).toBeCloseTo(before, 5)

  const college = await adminSignIn(browser, 'college@demo.edu.cn')
  await college.goto(`/admin/collections/trainings/${id}`)
  await college.waitForLoadState('networkidle')
  await expect(college.locator('#field-title')).toHaveValue(title)
  // The college may not read the branch's people, yet sees whom the record credits.
  await expect(college.locator('#field-attendeeNames')).toHaveValue(/林子涵/)
  await expect(async () => {
    await college.locator('#field-status .rs__control').click()
    await college.locator('.rs__option', { hasText: '已确认' }).click({ timeout: 2_000 })
    await expect(college.locator('#field-status .rs__single-value')).toContainText('已确认', { timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
  await college.locator('#action-save').click()
  await expect(college.locator('.payload-toast-container')).toContainText(/成功/)
  await college.screenshot({ path: testInfo.outputPath('training-confirmed.png'), fullPage: true })

  await page.reload()
  await expect.poll(hours).toBeCloseTo(before + 2.5, 5)
  await expect(page.getByTestId('hours-sources')).toContainText('线下')
  await page.goto('/me/archive')
  await expect(page.getByRole('heading', { name: /线下学时/ })).toBeVisible()
  await expect(page.locator('table', { hasText: title })).toContainText('外部学习证明')
  await page.screenshot({ path: testInfo.outputPath('training-archive.png'), fullPage: true })
  await college.context().close()
})
