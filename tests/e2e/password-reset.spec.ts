import { expect, test } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'
import { siteSignIn } from '../helpers/e2e'

/**
 * 找回密码 on the member site, through the mail that really arrives: `npm test` starts an SMTP server
 * (MailDev) for the app server and gives its HTTP API in E2E_MAIL_URL. Properties: the page answers
 * the same for an unknown address (and nothing is sent there); the link in the mail sets a password
 * that obeys the password rules, signs the member in, and works once; the old password stops working.
 */
const MEMBER = 'p048@demo.edu.cn'
const NEW_PASSWORD = 'Vq7#Lk2$Tr9m'
const MAIL = process.env.E2E_MAIL_URL

type Received = { subject: string; text?: string; to: Array<{ address: string }> }
const inbox = async (address: string): Promise<Received[]> => {
  const all = (await (await fetch(`${MAIL}/api/email`)).json()) as Received[]
  return all.filter((m) => m.to.some((t) => t.address.toLowerCase() === address))
}

test.use({ viewport: { width: 390, height: 844 } })

test('a member who forgot the password gets a link by e-mail, sets a new one that obeys the rules, and is signed in; the link works once', async ({
  page,
}, testInfo) => {
  test.skip(!MAIL, 'E2E_MAIL_URL is set by npm test (MailDev)')
  test.setTimeout(120_000)
  const unknown = `nobody-${Date.now().toString(36)}@demo.edu.cn`

  await page.goto('/login')
  await page.getByTestId('forgot-password').click()
  await expect(page.getByRole('heading', { name: '找回密码', level: 1 })).toBeVisible()
  // An address with no account gets the same answer as one with an account.
  await page.getByLabel('登录邮箱').fill(unknown)
  await page.getByRole('button', { name: '发送重置链接' }).click()
  await expect(page.getByRole('status')).toContainText(`如果 ${unknown} 是平台账号的登录邮箱`)
  await page.getByLabel('登录邮箱').fill(MEMBER)
  await page.getByRole('button', { name: '发送重置链接' }).click()
  await expect(page.getByRole('status')).toContainText(`如果 ${MEMBER} 是平台账号的登录邮箱`)
  await page.screenshot({ path: testInfo.outputPath('forgot.png'), fullPage: true })

  // The mail queue runs every 10 s on the app server.
  let link = ''
  await expect
    .poll(
      async () => {
        const mail = (await inbox(MEMBER)).find((m) => m.subject.includes('重置您的登录密码'))
        link = /https?:\/\/\S+\/reset-password\/[0-9a-f]+/.exec(mail?.text ?? '')?.[0] ?? ''
        return link
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .not.toBe('')
  expect(await inbox(unknown)).toEqual([])

  await page.goto(new URL(link).pathname)
  await expect(page.getByRole('heading', { name: '设置密码', level: 1 })).toBeVisible()
  await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD)
  await page.getByLabel('再次输入新密码').fill(`${NEW_PASSWORD}x`)
  await page.getByRole('button', { name: '设置密码并登录' }).click()
  await expect(page.locator('.form__error')).toHaveText('两次输入的密码不一致')
  // The password rules hold here as everywhere a password is set (the server's own words).
  await page.getByLabel('新密码', { exact: true }).fill('password1')
  await page.getByLabel('再次输入新密码').fill('password1')
  await page.getByRole('button', { name: '设置密码并登录' }).click()
  await expect(page.locator('.form__error')).toContainText('密码')
  await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD)
  await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: '设置密码并登录' }).click()
  await expect(page).toHaveURL(/\/me$/)

  // The link is spent.
  const again = await page.context().browser()!.newPage()
  await again.goto(new URL(link).pathname)
  await again.getByLabel('新密码', { exact: true }).fill('Zx8#another!Pw')
  await again.getByLabel('再次输入新密码').fill('Zx8#another!Pw')
  await again.getByRole('button', { name: '设置密码并登录' }).click()
  await expect(again.locator('.form__error')).toBeVisible()
  await expect(again).toHaveURL(/\/reset-password\//)
  await again.close()

  // The new password signs in; the demo password no longer does.
  const fresh = await (await page.context().browser()!.newContext()).newPage()
  await fresh.goto('/login')
  await fresh.getByLabel('邮箱').fill(MEMBER)
  await fresh.getByLabel('密码').fill(DEMO_PASSWORD)
  await fresh.getByRole('button', { name: '登录', exact: true }).click()
  await expect(fresh.locator('.form__error')).toBeVisible()
  await siteSignIn(fresh, MEMBER, NEW_PASSWORD)
})
