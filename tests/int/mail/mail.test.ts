import { REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import { MailDev } from 'maildev'
import { mkdtempSync, rmSync } from 'fs'
import net from 'net'
import { tmpdir } from 'os'
import path from 'path'
import type { Payload } from 'payload'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { resetRateLimits } from '../../../src/auth/rateLimit'
import { closePayload } from '../../../src/db/migrate'
import { poolOf } from '../../../src/db/pool'
import { sendDigests } from '../../../src/mail/notifications'
import { MAIL_QUEUE, openQueuedMail } from '../../../src/mail/queue'
import { notify } from '../../../src/warnings/checks'
import { demoUser, personData, testPayload, tokenFor, unique, type TestUser } from '../../helpers/payload'
import { restBody } from '../../helpers/rest'
import { shanghaiDay } from '../../../src/dates'

/**
 * Mail that arrives (issue 18): every mail goes through the `sendMail` job to a real SMTP server
 * (MailDev, started here) and is read back through MailDev's HTTP API. Properties:
 *  - invitation, forgot-password and e-mail change mails arrive at the right address with links
 *    that work (absolute, from PUBLIC_URL);
 *  - a rolled-back request queues nothing, so sends nothing;
 *  - a mail server that is down delays a mail (retried with backoff) and it arrives exactly once;
 *  - 通知邮件: 即时 (one mail per notification), 每日汇总 (one mail with all, nothing on a second
 *    run), 不发送 (nothing); only the person changes their own choice.
 */
const PUBLIC = 'https://dangjian.example.edu.cn'
const PASSWORD = 'Vq7#Lm2$Xr9'
const ENV = ['SMTP_HOST', 'SMTP_PORT', 'SMTP_SECURE', 'SMTP_USER', 'SMTP_PASS', 'MAIL_FROM', 'PUBLIC_URL', 'JOBS_IN_APP'] as const
const savedEnv: Record<string, string | undefined> = {}

let payload: Payload
let maildev: MailDev | null = null
let smtpPort = 0
let webPort = 0
let mailDir = ''
let sysAdmin: TestUser
let sysToken: string

type Received = { id: string; subject: string; html?: string; text?: string; to: Array<{ address: string }> }

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

const startMailDev = async () => {
  maildev = new MailDev({ smtp: smtpPort, web: webPort, ip: '127.0.0.1', webIp: '127.0.0.1', mailDirectory: mailDir, silent: true })
  await maildev.start()
}
const stopMailDev = async () => {
  await maildev?.stop()
  maildev = null
}

/** What the SMTP server received for this address (through MailDev's REST API). */
const inbox = async (address: string): Promise<Received[]> => {
  const res = await fetch(`http://127.0.0.1:${webPort}/api/email`)
  expect(res.status).toBe(200)
  const all = (await res.json()) as Received[]
  return all.filter((m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()))
}

/** The queued mail jobs for these addresses (the message is stored encrypted). */
const mailJobs = async (addresses: string[]) => {
  const { rows } = await poolOf(payload).query<{
    id: number
    input: { message: string }
    total_tried: number
    wait_until: Date | null
    has_error: boolean
  }>(`SELECT id, input, total_tried, wait_until, has_error FROM payload_jobs WHERE queue = $1 AND completed_at IS NULL`, [MAIL_QUEUE])
  const wanted = new Set(addresses.map((a) => a.toLowerCase()))
  return rows.filter((r) => wanted.has(openQueuedMail(r.input).to.toLowerCase()))
}

/** Runs the mail queue for these addresses only (other files' leftover jobs stay where they are). */
const deliver = async (...addresses: string[]) => {
  const ids = (await mailJobs(addresses)).map((j) => j.id)
  if (ids.length) await payload.jobs.run({ queue: MAIL_QUEUE, where: { id: { in: ids } }, limit: 100 })
  return ids.length
}

const call = async (method: 'GET' | 'PATCH' | 'POST', pathname: string, token: string | null, body?: unknown) => {
  const handler = { GET: REST_GET, PATCH: REST_PATCH, POST: REST_POST }[method](config)
  const url = new URL(`http://localhost/api/${pathname}`)
  const res = await handler(
    new Request(url, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }),
    { params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/') }) },
  )
  const text = await res.text()
  const json = restBody(text)
  return { status: res.status, json, text }
}

const person = async (label: string, extra: Record<string, unknown> = {}) => {
  const data = personData(unique(label), extra)
  const doc = await payload.create({ collection: 'users', data: data, depth: 0 })
  return { id: doc.id as number, email: data.email, name: data.name }
}
const notificationFor = (recipient: number, title: string) =>
  payload.create({
    collection: 'notifications',
    data: {
      recipient,
      kind: 'studyBehind',
      title,
      body: `${title}：请按计划学习`,
      link: '/me/history',
      conditionKey: unique('mail-test'),
      day: shanghaiDay(new Date()),
    },
    depth: 0,
  })

beforeAll(async () => {
  ;[smtpPort, webPort] = [await freePort(), await freePort()]
  mailDir = mkdtempSync(path.join(tmpdir(), 'maildev-'))
  await startMailDev()
  for (const name of ENV) savedEnv[name] = process.env[name]
  for (const name of ENV) delete process.env[name]
  // The adapter is built from these when Payload starts (src/mail/adapter.ts).
  // JOBS_IN_APP=false: the REST handlers start Payload's queue crons in this process; the mail queue
  // is run here, by the test, only (two runners could claim one job in Payload 3.90).
  Object.assign(process.env, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    MAIL_FROM: '智慧党建学习平台 <noreply@dangjian.example.edu.cn>',
    PUBLIC_URL: PUBLIC,
    JOBS_IN_APP: 'false',
  })
  payload = await testPayload()
  sysAdmin = await demoUser('sysadmin@demo.edu.cn')
  sysToken = await tokenFor('sysadmin@demo.edu.cn')
})

afterAll(async () => {
  for (const name of ENV) {
    if (savedEnv[name] === undefined) delete process.env[name]
    else process.env[name] = savedEnv[name]
  }
  await stopMailDev()
  if (mailDir) rmSync(mailDir, { recursive: true, force: true })
  if (payload) await closePayload(payload)
})

beforeEach(() => resetRateLimits())

describe('account mail arrives through the queue at a real SMTP server', () => {
  it('sends the invitation with a set-password link that sets the password and signs in', async () => {
    const email = `${unique('invite')}@test.edu.cn`
    const created = await call('POST', 'users', sysToken, { email, name: '受邀者', roles: ['member'], politicalStage: 'masses' })
    expect(created.status, JSON.stringify(created.json)).toBe(201)
    // Queued, not sent, by the request.
    expect(await inbox(email)).toHaveLength(0)
    expect(await deliver(email)).toBe(1)
    const [mail] = await inbox(email)
    expect(mail.subject).toMatch(/邀请您加入智慧党建学习平台/)
    const link = new RegExp(`${PUBLIC}/reset-password/([0-9a-f]+)`).exec(mail.text ?? '')
    expect(link, mail.text).toBeTruthy()
    expect(mail.html).toContain(link![0])
    const set = await call('POST', 'users/reset-password', null, { token: link![1], password: 'Inv1te#Set!Pw' })
    expect(set.status, JSON.stringify(set.json)).toBe(200)
    const login = await call('POST', 'users/login', null, { email, password: 'Inv1te#Set!Pw' })
    expect(login.status).toBe(200)
    expect(login.json.token).toBeTruthy()
  })

  it('sends the forgot-password mail (Payload’s own request) through the queue, with a working link', async () => {
    const p = await person('忘记密码')
    const res = await call('POST', 'users/forgot-password', null, { email: p.email })
    expect(res.status).toBe(200)
    expect(await deliver(p.email)).toBe(1)
    const mails = await inbox(p.email)
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toMatch(/重置/)
    const token = new RegExp(`${PUBLIC}/reset-password/([0-9a-f]+)`).exec(mails[0].text ?? '')![1]
    expect((await call('POST', 'users/reset-password', null, { token, password: 'Fg7#reset!Pw' })).status).toBe(200)
    expect((await call('POST', 'users/login', null, { email: p.email, password: 'Fg7#reset!Pw' })).status).toBe(200)
    // An unknown address: the same answer, and no mail to anyone.
    const nobody = `${unique('nobody')}@test.edu.cn`
    expect((await call('POST', 'users/forgot-password', null, { email: nobody })).status).toBe(200)
    expect(await mailJobs([nobody])).toHaveLength(0)
  })

  it('sends the e-mail change confirmation to the NEW address, and only a notice to the old one', async () => {
    const p = await person('换邮箱')
    const token = await tokenFor(p.email, PASSWORD)
    const next = `${unique('new')}@test.edu.cn`
    const res = await call('PATCH', `users/${p.id}`, token, { email: next, currentPassword: PASSWORD })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    await deliver(next, p.email)
    const [confirm] = await inbox(next)
    expect(confirm.subject).toMatch(/确认您的新登录邮箱/)
    const link = new RegExp(`${PUBLIC}/api/users/confirm-email\\?token=([A-Za-z0-9_-]+)`).exec(confirm.text ?? '')
    expect(link).toBeTruthy()
    const old = await inbox(p.email)
    expect(old).toHaveLength(1)
    expect(old[0].text).not.toMatch(/token=/)
    const opened = await call('GET', `users/confirm-email?token=${link![1]}`, null)
    expect(opened.status).toBe(200)
    expect((await payload.findByID({ collection: 'users', id: p.id, depth: 0 })).email).toBe(next)
  })

  it('sends nothing for a request that rolls back', async () => {
    const email = `${unique('rolled-back')}@test.edu.cn`
    const req = await createLocalReq({ user: sysAdmin }, payload)
    await initTransaction(req)
    await payload.create({
      collection: 'users',
      data: { email, name: '未完成的邀请', roles: ['member'], politicalStage: 'masses' },
      req,
      user: sysAdmin,
      overrideAccess: false,
      depth: 0,
    })
    // Inside the transaction the invitation is queued…
    expect(
      (
        await payload.find({
          collection: 'payload-jobs',
          where: { taskSlug: { equals: 'sendMail' } },
          req,
          limit: 0,
          pagination: false,
          depth: 0,
        })
      ).docs.some((j) => openQueuedMail(j.input).to === email),
    ).toBe(true)
    // …and a later failure of the same request takes it back with the account.
    await killTransaction(req)
    expect((await payload.find({ collection: 'users', where: { email: { equals: email } }, depth: 0 })).totalDocs).toBe(0)
    expect(await mailJobs([email])).toHaveLength(0)
    await payload.jobs.run({ queue: MAIL_QUEUE, limit: 500 })
    expect(await inbox(email)).toHaveLength(0)
    // The same request committed: one mail.
    const email2 = `${unique('committed')}@test.edu.cn`
    const req2 = await createLocalReq({ user: sysAdmin }, payload)
    await initTransaction(req2)
    await payload.create({
      collection: 'users',
      data: { email: email2, name: '完成的邀请', roles: ['member'], politicalStage: 'masses' },
      req: req2,
      user: sysAdmin,
      overrideAccess: false,
      depth: 0,
    })
    await commitTransaction(req2)
    expect(await deliver(email2)).toBe(1)
    expect(await inbox(email2)).toHaveLength(1)
  })

  it('retries a mail while the SMTP server is down, and delivers it exactly once when it is back', async () => {
    const p = await person('服务器故障')
    expect((await call('POST', 'users/forgot-password', null, { email: p.email })).status).toBe(200)
    await stopMailDev()
    try {
      await deliver(p.email)
      const [job] = await mailJobs([p.email])
      expect(job, 'the job stays queued after the failed attempt').toBeTruthy()
      expect(Number(job.total_tried)).toBe(1)
      expect(job.has_error).toBe(false)
      // Backoff: not retried before a minute has passed.
      expect(new Date(job.wait_until!).getTime()).toBeGreaterThan(Date.now() + 30_000)
      await deliver(p.email)
      expect(Number((await mailJobs([p.email]))[0].total_tried)).toBe(1)
    } finally {
      await startMailDev()
    }
    // The wait is over (skipped here by moving it back).
    await poolOf(payload).query(`UPDATE payload_jobs SET wait_until = now() - interval '1 second' WHERE id = ANY($1::int[])`, [
      (await mailJobs([p.email])).map((j) => j.id),
    ])
    expect(await deliver(p.email)).toBe(1)
    expect(await inbox(p.email)).toHaveLength(1)
    // Done and gone: running again sends nothing more.
    expect(await mailJobs([p.email])).toHaveLength(0)
    await payload.jobs.run({ queue: MAIL_QUEUE, limit: 500 })
    expect(await inbox(p.email)).toHaveLength(1)
  })
})

describe('通知邮件: at once, daily digest or none, chosen by the person alone', () => {
  it('即时: each new notification is mailed at once, including those written by the nightly checks', async () => {
    const p = await person('即时')
    const token = await tokenFor(p.email, PASSWORD)
    const set = await call('PATCH', `users/${p.id}`, token, { notificationEmail: 'instant' })
    expect(set.status, JSON.stringify(set.json)).toBe(200)
    const n = await notificationFor(p.id, unique('学时预警'))
    expect((await payload.findByID({ collection: 'notifications', id: n.id, depth: 0 })).emailedAt).toBeTruthy()
    // Written with raw SQL by the nightly checks: mailed too.
    const title = unique('支部建设预警')
    expect(
      await notify(
        payload,
        [{ recipient: p.id, kind: 'studyBehind', title, body: '正文', link: '/', organization: null, conditionKey: unique('k') }],
        shanghaiDay(new Date()),
      ),
    ).toBe(1)
    expect(await deliver(p.email)).toBe(2)
    const mails = await inbox(p.email)
    expect(mails.map((m) => m.subject).sort()).toEqual([`智慧党建学习平台：${n.title}`, `智慧党建学习平台：${title}`].sort())
    expect(mails[0].text).toContain(PUBLIC)
    // Already mailed: the digest leaves them alone.
    await sendDigests(payload)
    expect(await mailJobs([p.email])).toHaveLength(0)
  })

  it('每日汇总 (the default): one mail with both notifications; a second run sends nothing', async () => {
    const p = await person('汇总')
    expect((await payload.findByID({ collection: 'users', id: p.id, depth: 0 })).notificationEmail).toBe('digest')
    const [a, b] = [await notificationFor(p.id, unique('待审核')), await notificationFor(p.id, unique('会议通知'))]
    // Nothing at once.
    expect(await mailJobs([p.email])).toHaveLength(0)
    // The scheduled task, through the queue as the scheduler runs it.
    const job = await payload.jobs.queue({ task: 'notificationDigest', input: { period: shanghaiDay(new Date()) } })
    await payload.jobs.run({ where: { id: { equals: job.id } } })
    expect(await deliver(p.email)).toBe(1)
    const mails = await inbox(p.email)
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toMatch(/2 条新通知/)
    expect(mails[0].text).toContain(a.title)
    expect(mails[0].text).toContain(b.title)
    // Twice the same day (a retry, a second instance): nothing more.
    await sendDigests(payload)
    expect(await deliver(p.email)).toBe(0)
    expect(await inbox(p.email)).toHaveLength(1)
  })

  it('不发送: nothing, at once or in the digest', async () => {
    const p = await person('不发送')
    const token = await tokenFor(p.email, PASSWORD)
    expect((await call('PATCH', `users/${p.id}`, token, { notificationEmail: 'none' })).status).toBe(200)
    await notificationFor(p.id, unique('换届提醒'))
    await sendDigests(payload)
    expect(await mailJobs([p.email])).toHaveLength(0)
    await payload.jobs.run({ queue: MAIL_QUEUE, limit: 500 })
    expect(await inbox(p.email)).toHaveLength(0)
  })

  it('refuses anyone but the person changing their choice, sysAdmin included, through REST', async () => {
    const p = await person('偏好')
    const other = await person('他人')
    const otherToken = await tokenFor(other.email, PASSWORD)
    const bySys = await call('PATCH', `users/${p.id}`, sysToken, { notificationEmail: 'none' })
    expect(bySys.status).toBe(403)
    expect(JSON.stringify(bySys.json)).toMatch(/通知邮件/)
    const byOther = await call('PATCH', `users/${p.id}`, otherToken, { notificationEmail: 'none' })
    expect([403, 404]).toContain(byOther.status)
    expect((await payload.findByID({ collection: 'users', id: p.id, depth: 0 })).notificationEmail).toBe('digest')
    // A value outside the three is refused too.
    const own = await call('PATCH', `users/${p.id}`, await tokenFor(p.email, PASSWORD), { notificationEmail: 'hourly' })
    expect(own.status).toBe(400)
  })
})
