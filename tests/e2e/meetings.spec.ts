import { expect, test, type Browser, type Page } from '@playwright/test'
import jsQR from 'jsqr'
import sharp from 'sharp'

import { siteSignIn } from '../helpers/e2e'

/**
 * 组织生活 on a phone, through the production app server: the secretary plans a 主题党日, the
 * college approves it, a member asks for leave and the secretary grants it, three members sign in by
 * scanning the code the recorder shows (the test reads the QR image itself), the recorder writes the
 * minutes, the secretary confirms them, and a member's 学时 show the credit (90 minutes at 45 a 学时 =
 * 2). Screenshots of each step. Signers are the generated members of 信息工程学院本科生第一党支部
 * (seed/people.ts: p036–p039), whom no other test uses.
 */
test.use({ viewport: { width: 390, height: 844 } })

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 }
const phone = async (browser: Browser, email: string) => {
  const page = await (await browser.newContext(PHONE)).newPage()
  await siteSignIn(page, email)
  return page
}
/** Wall-clock parts in Asia/Shanghai. */
const shanghai = (d: Date) => {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString()
  return { day: s.slice(0, 10), time: s.slice(11, 16) }
}
const hoursOn = async (page: Page) => {
  await page.goto('/me')
  return Number(await page.locator('.hours__figures strong').getAttribute('data-hours'))
}
/** The URL in the QR code on the page, read from a screenshot of it. */
const readQr = async (page: Page) => {
  const png = await page.getByTestId('sign-in-qr').screenshot()
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)
  expect(found, 'the QR image decodes').not.toBeNull()
  return found!.data
}

test('a 主题党日 from plan to minutes on phones: approve, leave, QR sign-in, minutes, 学时', async ({ browser, page }, testInfo) => {
  test.setTimeout(600_000)
  const shot = (p: Page, name: string) => p.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true })
  const topic = `主题党日：学习贯彻全会精神 ${Date.now().toString(36)}`
  // It starts at the next whole minute but one (the form takes minutes), so leave can still be asked
  // for; sign-in opens half an hour before the start.
  const start = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000)
  const end = new Date(start.getTime() + 90 * 60_000)

  // 1. The secretary plans it on the member site and submits it.
  await siteSignIn(page, 'secretary@demo.edu.cn')
  await page.goto('/meetings/new')
  await expect(page.getByRole('checkbox', { name: '主题党日' })).toBeChecked()
  await page.getByLabel('会议主题').fill(topic)
  await page.getByLabel('日期').fill(shanghai(start).day)
  await page.getByLabel('开始', { exact: true }).fill(shanghai(start).time)
  await page.getByLabel(/^结束/).fill(shanghai(end).time)
  await page.getByLabel('地点').fill('信息楼 301 会议室')
  await page.getByLabel('记录人').selectOption({ label: '林子涵' })
  await shot(page, '1-plan')
  await page.getByRole('button', { name: '报院级党委审核' }).click()
  await expect(page).toHaveURL(/\/meetings\/\d+$/)
  const meetingUrl = page.url()
  const meetingId = Number(meetingUrl.split('/').pop())
  await expect(page.getByText('待院级党委审核')).toBeVisible()

  // 2. The college committee approves it from its list.
  const college = await phone(browser, 'college@demo.edu.cn')
  await college.goto('/meetings')
  const item = college.getByTestId('plan-to-review').filter({ hasText: topic })
  await expect(item).toBeVisible()
  await shot(college, '2-review')
  await item.getByRole('button', { name: '批准', exact: true }).click()
  // The page refreshes: the approved plan leaves the list, and its 已批准 does not pass to another plan's buttons.
  await expect(item).toHaveCount(0)
  await expect(college.getByTestId('plan-to-review').getByRole('status').filter({ hasText: '已批准' })).toHaveCount(0)

  // 3. A member asks for leave before the start; the secretary grants it.
  const away = await phone(browser, 'p039@demo.edu.cn')
  await away.goto(meetingUrl)
  await away.getByLabel('请假理由').fill('赴外地参加学科竞赛')
  await away.getByRole('button', { name: '提交请假' }).click()
  await expect(away.getByTestId('my-attendance')).toContainText('请假待批')
  await shot(away, '3-leave')
  await page.reload()
  const request = page.getByTestId('attendance-row').filter({ hasText: '请假待批' })
  await request.getByRole('button', { name: '批准', exact: true }).click()
  await expect(page.getByTestId('attendance-row').filter({ hasText: '请假（已批准）' })).toBeVisible()

  // 4. The recorder shows the code; three members scan it (the first is not signed in yet: the code survives the login).
  const recorder = await phone(browser, 'member@demo.edu.cn')
  await recorder.goto(`/meetings/${meetingId}/code`)
  await expect(recorder.getByTestId('sign-in-qr').locator('svg')).toBeVisible()
  await shot(recorder, '4-code')
  const url = new URL(await readQr(recorder))
  expect(url.pathname).toBe('/meetings/sign-in')
  const target = `${url.pathname}${url.search}`
  const before = await hoursOn(await phone(browser, 'p036@demo.edu.cn'))

  const first = await (await browser.newContext(PHONE)).newPage()
  await first.goto(target)
  await expect(first).toHaveURL(/\/login\?next=/)
  await first.getByLabel('邮箱').fill('p036@demo.edu.cn')
  await first.getByLabel('密码').fill((await import('../../seed/people')).DEMO_PASSWORD)
  await first.getByRole('button', { name: '登录', exact: true }).click()
  await expect(first.getByRole('heading', { name: '会议签到' })).toBeVisible()
  await first.getByRole('button', { name: '确认签到' }).click()
  await expect(first.getByRole('status')).toContainText('签到成功')
  await shot(first, '5-signed-in')
  for (const email of ['p037@demo.edu.cn', 'p038@demo.edu.cn']) {
    const m = await phone(browser, email)
    await m.goto(target)
    await m.getByRole('button', { name: '确认签到' }).click()
    await expect(m.getByRole('status')).toContainText('签到成功')
    // Scanning again is refused with the time of the first sign-in.
    await m.reload()
    await m.getByRole('button', { name: '确认签到' }).click()
    await expect(m.getByText(/已于 \d\d:\d\d 签到，无需重复签到/)).toBeVisible()
  }
  await recorder.reload()
  await expect(recorder.getByTestId('present-count')).toHaveText('3')

  // 5. After the start, the recorder drafts the minutes; the secretary confirms them.
  await expect.poll(() => Date.now() >= start.getTime(), { timeout: 150_000, intervals: [5_000] }).toBe(true)
  await recorder.goto(meetingUrl)
  await recorder.getByLabel(/会议内容和发言摘要/).fill('集体学习全会公报；三名党员交流学习体会；书记作总结。')
  await recorder.getByRole('button', { name: '保存草稿' }).click()
  await expect(recorder.getByRole('status')).toContainText('草稿已保存')
  await expect(recorder.getByRole('button', { name: '确认纪要并归档' })).toHaveCount(0)
  await shot(recorder, '6-minutes-draft')
  await page.reload()
  await expect(page.getByLabel(/会议内容和发言摘要/)).toHaveValue(/集体学习全会公报/)
  await page.getByRole('button', { name: '确认纪要并归档' }).click()
  await expect(page.getByTestId('tally')).toContainText('/ 3 / 1')
  await expect(page.getByTestId('minutes-current')).toContainText('集体学习全会公报')
  await shot(page, '7-confirmed')

  // 6. The members' 学时 show the credit; the one on leave gets none.
  expect(await hoursOn(first)).toBeCloseTo(before + 2, 5)
  await expect(first.getByTestId('hours-sources')).toContainText('线下')
  await shot(first, '8-hours')
  await away.goto(meetingUrl)
  await expect(away.getByTestId('my-attendance')).toContainText('请假（已批准）')
  await expect(away.getByTestId('minutes-current')).toContainText('集体学习全会公报')
})

test('谈心谈话 on a phone: the secretary sees who has not been talked with this year, records a talk, and the list shrinks', async ({
  page,
}, testInfo) => {
  await siteSignIn(page, 'secretary@demo.edu.cn')
  await page.goto('/meetings')
  await page.getByRole('link', { name: '谈心谈话' }).click()
  await expect(page.getByRole('heading', { name: '谈心谈话', level: 1 })).toBeVisible()
  // The demo secretary (a branch without a committee) has not talked with two members yet.
  await expect(page.getByTestId('talk-coverage')).toContainText(/书记与党员 \d+\/\d+ 人/)
  const missing = page.getByTestId('talk-unreached')
  await expect(missing).toBeVisible()
  const names = (await missing.innerText()).replace(/^尚未与支部委员谈话的党员：/, '').split('、')
  expect(names.length).toBeGreaterThan(0)
  await page.screenshot({ path: testInfo.outputPath('talks-1.png'), fullPage: true })
  const form = page.getByTestId('talk-form')
  await form.getByRole('checkbox', { name: names[0], exact: true }).check()
  await form.getByLabel('谈话要点（可不填）').fill('学习、实习与思想情况交流')
  await form.getByRole('button', { name: '记录' }).click()
  await expect(form.getByRole('status')).toHaveText('已记录谈心谈话')
  await expect(page.getByTestId('talks')).toContainText(names[0])
  if (names.length > 1) await expect(missing).not.toContainText(names[0])
  else await expect(missing).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('talks-2.png'), fullPage: true })
})
