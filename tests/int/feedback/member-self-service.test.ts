import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { LOGIN_FAILED, LOGIN_FAILED_WITH_CODE } from '../../../src/auth/loginErrors'
import { resetRateLimits } from '../../../src/auth/rateLimit'
import { currentCode } from '../../../src/auth/totp'
import { certificateIssuer } from '../../../src/site/certificate'
import { poolOf } from '../../../src/db/pool'
import { guardedREST } from '../../../src/validation/restGuard'
import { DEMO_PASSWORD } from '../../../seed/people'
import { demoUser, personData, releasePayload, testPayload, type TestUser, unique } from '../../helpers/payload'
import { restBody, type RestBody } from '../../helpers/rest'

/**
 * Issue 14, the member's own corner: 意见反馈 (routing, access on both sides, answers told in 消息),
 * the wrong-password message (动态口令 only for accounts that use one) and the certificate's issuer.
 * Requests go through the same guarded REST handlers as /api/* in Next.
 */

const rest = guardedREST(config)
type Answer = { status: number; json: RestBody }
const call = async (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  opts: { token?: string; body?: unknown; ip?: string } = {},
): Promise<Answer> => {
  const url = new URL(`http://localhost/api/${path}`)
  const headers: Record<string, string> = { 'x-real-ip': opts.ip ?? '10.14.0.1', 'Accept-Language': 'zh' }
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  if (opts.token) headers.Authorization = `JWT ${opts.token}`
  const res = await rest[method](
    new Request(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }),
    {
      params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/').map(decodeURIComponent) }),
    },
  )
  const text = await res.text()
  const json = restBody(text)
  return { status: res.status, json }
}
const messageOf = (a: Answer) =>
  String(a.json.errors?.[0]?.data?.errors?.[0]?.message ?? a.json.errors?.[0]?.message ?? a.json.message ?? '')
const login = async (email: string, password = DEMO_PASSWORD) => {
  const res = await call('POST', 'users/login', {
    body: { email, password },
    ip: `10.14.${Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 200)}`,
  })
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${messageOf(res)}`)
  return res.json.token as string
}

let payload: Payload
const tokens: Record<string, string> = {}
const users: Record<string, TestUser> = {}
const created: number[] = []
const createdPeople: number[] = []

beforeAll(async () => {
  payload = await testPayload()
  for (const who of ['member', 'applicant', 'secretary', 'editor', 'reviewer1', 'curator', 'sysadmin']) {
    users[who] = await demoUser(`${who}@demo.edu.cn`)
    tokens[who] = await login(`${who}@demo.edu.cn`)
  }
  // A secretary of another branch: sees none of this branch's organisation matters.
  const other = await poolOf(payload).query<{ email: string }>(
    `SELECT u.email FROM organizations o JOIN users u ON u.id = o.secretary_id WHERE o.type = 'branch' AND o.secretary_id <> $1 ORDER BY o.id LIMIT 1`,
    [users.secretary.id],
  )
  tokens.otherSecretary = await login(other.rows[0].email)
})
afterAll(async () => {
  const pool = poolOf(payload)
  if (created.length) {
    await pool.query(
      `DELETE FROM notifications WHERE condition_key LIKE 'feedback:%' AND split_part(condition_key, ':', 2)::int = ANY($1)`,
      [created],
    )
    await pool.query(`DELETE FROM feedback WHERE id = ANY($1)`, [created])
  }
  // The audit trail (append-only) keeps the account's sign-ins, so it cannot be deleted: disabled.
  for (const id of createdPeople) await payload.update({ collection: 'users', id, data: { active: false }, overrideAccess: true, depth: 0 })
  await releasePayload(payload)
})
beforeEach(() => resetRateLimits())

const submit = async (token: string, body: Record<string, unknown>) => {
  const res = await call('POST', 'feedback', { token, body })
  if (res.status === 201) created.push(res.json.doc.id)
  return res
}
const notificationsOf = async (userId: number | string, feedbackId: number) =>
  (
    await poolOf(payload).query<{ kind: string; title: string; link: string }>(
      `SELECT kind::text, title, link FROM notifications WHERE recipient_id = $1 AND condition_key LIKE $2 ORDER BY id`,
      [userId, `feedback:${feedbackId}:%`],
    )
  ).rows

describe('意见反馈', () => {
  it('routes a message about a news page to propaganda editors and reviewers, who answer it; the writer is told', async () => {
    const sent = await submit(tokens.member, {
      kind: 'complaint',
      message: `  新闻页面的图片加载很慢 ${unique('f')}  `,
      pageLink: 'http://localhost/news/3?x=1',
    })
    expect(sent.status, messageOf(sent)).toBe(201)
    const doc = sent.json.doc
    // Set by the server: the writer, the area from the page, the state; the text trimmed, the link a path.
    expect(doc.author).toBe(users.member.id)
    expect(doc.authorName).toBe('林子涵')
    expect(doc.area).toBe('content')
    expect(doc.status).toBe('open')
    expect(doc.pageLink).toBe('/news/3?x=1')
    expect(doc.message).toMatch(/^新闻页面/)

    // The staff it is routed to are told in 消息; the curator is not.
    expect((await notificationsOf(users.editor.id, doc.id)).map((n) => n.kind)).toEqual(['feedbackReceived'])
    expect((await notificationsOf(users.reviewer1.id, doc.id)).map((n) => n.kind)).toEqual(['feedbackReceived'])
    expect(await notificationsOf(users.curator.id, doc.id)).toEqual([])

    // Reading: the writer and the routed staff; not another member, the curator or another secretary.
    expect((await call('GET', `feedback/${doc.id}`, { token: tokens.member })).status).toBe(200)
    expect((await call('GET', `feedback/${doc.id}`, { token: tokens.editor })).status).toBe(200)
    for (const who of ['applicant', 'curator', 'otherSecretary', 'secretary']) {
      expect((await call('GET', `feedback/${doc.id}`, { token: tokens[who] })).status, who).toBe(404)
      const list = await call('GET', `feedback?limit=100&depth=0`, { token: tokens[who] })
      expect(
        list.json.docs.map((d: { id: number }) => d.id),
        who,
      ).not.toContain(doc.id)
    }
    expect((await call('GET', 'feedback')).status).toBe(403)

    // Nobody edits the message: not its writer, not the staff answering it, not another member.
    const ownEdit = await call('PATCH', `feedback/${doc.id}`, { token: tokens.member, body: { message: '改过的内容' } })
    expect(ownEdit.status).toBe(403)
    const staffEdit = await call('PATCH', `feedback/${doc.id}`, { token: tokens.editor, body: { message: '改过的内容' } })
    expect(staffEdit.status).toBe(403)
    expect(messageOf(staffEdit)).toMatch(/内容/)
    expect((await call('PATCH', `feedback/${doc.id}`, { token: tokens.applicant, body: { reply: '冒充答复' } })).status).toBe(403)
    expect((await call('PATCH', `feedback/${doc.id}`, { token: tokens.curator, body: { reply: '不归我管' } })).status).toBe(403)
    expect((await call('DELETE', `feedback/${doc.id}`, { token: tokens.editor })).status).toBe(403)
    const stored = await payload.findByID({ collection: 'feedback', id: doc.id, depth: 0 })
    expect(stored.message).toBe(doc.message)
    expect(stored.reply ?? null).toBeNull()

    // The editor answers: stamped, answered, and the writer is told with a link to read it.
    const answered = await call('PATCH', `feedback/${doc.id}`, { token: tokens.editor, body: { reply: '已压缩图片，谢谢反馈。' } })
    expect(answered.status, messageOf(answered)).toBe(200)
    expect(answered.json.doc.status).toBe('answered')
    expect(answered.json.doc.repliedBy).toBe(users.editor.id)
    expect(answered.json.doc.repliedAt).toBeTruthy()
    const told = await notificationsOf(users.member.id, doc.id)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ kind: 'feedbackAnswered', title: '您的意见反馈已答复', link: `/me/feedback#feedback-${doc.id}` })
    const read = await call('GET', `feedback/${doc.id}`, { token: tokens.member })
    expect(read.json.reply).toBe('已压缩图片，谢谢反馈。')
    // A bulk update would answer unread messages with one text.
    const bulk = await call('PATCH', `feedback?where[id][equals]=${doc.id}`, { token: tokens.editor, body: { reply: '批量' } })
    expect(bulk.status).toBe(400)
    expect(messageOf(bulk)).toMatch(/逐条答复/)
  })

  it('sends an organisation matter to the writer’s own branch secretary only, and anything else to sysAdmin', async () => {
    const org = await submit(tokens.member, { area: 'organisation', message: `支部组织生活的学时没有登记 ${unique('f')}` })
    expect(org.status, messageOf(org)).toBe(201)
    expect(org.json.doc.organization).toBe(Number(users.member.organization))
    expect((await notificationsOf(users.secretary.id, org.json.doc.id)).map((n) => n.kind)).toEqual(['feedbackReceived'])
    expect((await call('GET', `feedback/${org.json.doc.id}`, { token: tokens.secretary })).status).toBe(200)
    expect((await call('GET', `feedback/${org.json.doc.id}`, { token: tokens.otherSecretary })).status).toBe(404)
    expect((await call('GET', `feedback/${org.json.doc.id}`, { token: tokens.sysadmin })).status).toBe(404)
    expect(
      (await call('PATCH', `feedback/${org.json.doc.id}`, { token: tokens.otherSecretary, body: { reply: '不是我的支部' } })).status,
    ).toBe(403)
    const reply = await call('PATCH', `feedback/${org.json.doc.id}`, {
      token: tokens.secretary,
      body: { reply: '已补登，请查看学习档案。' },
    })
    expect(reply.status, messageOf(reply)).toBe(200)

    const other = await submit(tokens.applicant, { message: `希望增加夜间模式 ${unique('f')}`, pageLink: '/me' })
    expect(other.json.doc.area).toBe('other')
    expect((await call('GET', `feedback/${other.json.doc.id}`, { token: tokens.sysadmin })).status).toBe(200)
    expect((await call('GET', `feedback/${other.json.doc.id}`, { token: tokens.editor })).status).toBe(404)
    expect((await notificationsOf(users.sysadmin.id, other.json.doc.id)).map((n) => n.kind)).toEqual(['feedbackReceived'])

    const learning = await submit(tokens.applicant, { message: `第三课的视频没有字幕 ${unique('f')}`, pageLink: '/lessons/5' })
    expect(learning.json.doc.area).toBe('learning')
    expect((await call('GET', `feedback/${learning.json.doc.id}`, { token: tokens.curator })).status).toBe(200)
    // The writer sees only their own.
    const mine = await call('GET', 'feedback?limit=100&depth=0', { token: tokens.applicant })
    expect(mine.json.docs.length).toBeGreaterThanOrEqual(2)
    for (const d of mine.json.docs) expect(d.author).toBe(users.applicant.id)
  })

  it('refuses what the server sets, a foreign link and an empty message, in Chinese', async () => {
    const asOther = await call('POST', 'feedback', { token: tokens.member, body: { message: '冒名', author: users.applicant.id } })
    expect(asOther.status).toBe(403)
    expect(messageOf(asOther)).toMatch(/提出人/)
    const answeredAlready = await call('POST', 'feedback', {
      token: tokens.member,
      body: { message: '自问自答', reply: '好', status: 'answered' },
    })
    expect(answeredAlready.status).toBe(403)
    for (const link of ['https://evil.example/x', '//evil.example/x', 'javascript:alert(1)']) {
      const res = await call('POST', 'feedback', { token: tokens.member, body: { message: '链接', pageLink: link } })
      expect(res.status, link).toBe(400)
      expect(messageOf(res)).toMatch(/本平台的页面/)
    }
    const empty = await call('POST', 'feedback', { token: tokens.member, body: { message: '   ' } })
    expect(empty.status).toBe(400)
    expect(messageOf(empty)).toMatch(/[\u4e00-\u9fff]/)
    expect((await call('POST', 'feedback', { body: { message: '匿名' } })).status).toBe(403)
  })
})

describe('the wrong-password message', () => {
  it('says 动态口令 only to a sign-in that sent a code, and tells nothing about which accounts exist or use one', async () => {
    const wrong = (email: string, extra: Record<string, unknown> = {}) =>
      call('POST', 'users/login', { body: { email, password: 'Wrong#Pass2026', ...extra }, ip: '10.14.250.1' })
    const member = await wrong('member@demo.edu.cn')
    const unknown = await wrong(`${unique('nobody')}@demo.edu.cn`)
    expect(member.status).toBe(401)
    expect(messageOf(member)).toBe(LOGIN_FAILED)
    expect(messageOf(unknown)).toBe(messageOf(member))
    expect(messageOf(member)).not.toMatch(/动态口令/)

    // Staff with a bound second factor: without a code, the answer everyone gets; with one, the
    // code may be what is wrong — and an unknown address sent with a code is answered the same.
    const staff = (await payload.create({
      collection: 'users',
      data: personData(unique('口令'), { roles: ['propagandaEditor'] }),
      depth: 0,
    })) as unknown as {
      id: number
      email: string
    }
    createdPeople.push(staff.id)
    const token = await login(staff.email, 'Vq7#Lm2$Xr9')
    const setup = await call('POST', 'users/totp/setup', { token })
    expect((await call('POST', 'users/totp/enable', { token, body: { code: currentCode(setup.json.secret) } })).status).toBe(200)
    expect(messageOf(await wrong(staff.email))).toBe(LOGIN_FAILED)
    const withCode = await wrong(staff.email, { totp: '123456' })
    expect(withCode.status).toBe(401)
    expect(messageOf(withCode)).toBe(LOGIN_FAILED_WITH_CODE)
    expect(messageOf(await wrong(`${unique('nobody')}@demo.edu.cn`, { totp: '123456' }))).toBe(LOGIN_FAILED_WITH_CODE)
  })
})

describe('the course certificate', () => {
  it('is issued by the member’s Party committee, naming the branch', async () => {
    expect(await certificateIssuer(payload, users.member.organization)).toEqual({
      issuer: '信息工程学院党委',
      branch: '信息工程学院本科生第一党支部',
    })
    expect((await certificateIssuer(payload, null)).issuer).toBe('示范大学党委')
  })
})
