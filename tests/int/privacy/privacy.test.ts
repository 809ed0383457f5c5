import { REST_GET, REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { cockpitData } from '../../../src/cockpit/data'
import { INDEX_UID, meiliErrorCode, searchClient } from '../../../src/search/client'
import { poolOf } from '../../../src/db/pool'
import { idOf } from '../../../src/access/roles'
import { scopeOf } from '../../../src/cockpit/scope'
import { demoUser, personData, releasePayload, testPayload, type TestUser, tokenFor, unique } from '../../helpers/payload'
import { after, beat, publishedLesson } from '../../helpers/study'
import { restBody, type RestBody } from '../../helpers/rest'

const PASSWORD = 'Vq7#Lm2$Xr9'

/** The personal-data download (sections of rows, in Chinese) and a deletion request, as the tests read them. */
type Row = Record<string, unknown>
type PrivacyBody = RestBody & {
  个人资料: Row
  发展历程: Row[]
  学习进度: Row[]
  学习积分: Row[]
  答题记录: Row[]
  消息通知: Row[]
  [section: string]: unknown
  request: { id: number }
}
const call = async (method: 'GET' | 'POST', path: string, token?: string, body?: unknown) => {
  const handler = (method === 'GET' ? REST_GET : REST_POST)(config)
  const url = new URL(`http://localhost/api/${path}`)
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-real-ip': '10.9.0.1' }
  if (token) headers.Authorization = `JWT ${token}`
  const res = await handler(new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), {
    params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/') }),
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, json: restBody<PrivacyBody>(text) }
}

let payload: Payload
let sysAdmin: TestUser
let sysAdminToken: string

beforeAll(async () => {
  payload = await testPayload()
  sysAdmin = await demoUser('sysadmin@demo.edu.cn')
  sysAdminToken = await tokenFor('sysadmin@demo.edu.cn')
})
afterAll(async () => {
  await releasePayload(payload)
})

/** A member of the demo branch who studied a lesson (through the real heartbeat path) and has a notification. */
const studiedMember = async () => {
  // Not the demo member's branch: other test files count its full members.
  const branch = idOf((await demoUser('reviewer2@demo.edu.cn')).organization)
  const name = unique('隐私')
  const person = (await payload.create({
    collection: 'users',
    data: personData(name, {
      password: PASSWORD,
      organization: branch,
      politicalStage: 'full',
      phone: '13611112222',
      staffNumber: unique('S'),
    }),
    depth: 0,
  })) as unknown as { id: number; email: string; name: string; staffNumber: string }
  const member = { ...person, collection: 'users' } as unknown as TestUser
  const lesson = await publishedLesson(payload)
  const start = new Date(Date.now() - 10 * 60_000)
  await beat(payload, member, { id: lesson.id as number }, 'start', start)
  for (let i = 1; i <= 10; i++)
    await beat(payload, member, { id: lesson.id as number }, 'heartbeat', after(i * 20, start), { position: i * 20 })
  await poolOf(payload).query(
    `INSERT INTO notifications (recipient_id, kind, title, body, condition_key, day, created_at, updated_at) VALUES ($1, 'studyBehind', '学时预警', $2, $3, to_char(now(), 'YYYY-MM-DD'), now(), now())`,
    [person.id, `${name}的学时落后`, unique('k')],
  )
  return person
}

describe('personal data (PIPL)', () => {
  it('a member downloads everything held about them, and the download is audited', async () => {
    const person = await studiedMember()
    const token = await tokenFor(person.email, PASSWORD)
    const res = await call('GET', 'personal-data', token)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/attachment/)
    const data = res.json
    expect(data.个人资料.姓名).toBe(person.name)
    expect(data.个人资料.邮箱).toBe(person.email)
    expect(data.个人资料.手机号).toBe('13611112222')
    expect(data.个人资料.政治面貌).toBe('正式党员')
    expect(Array.isArray(data.发展历程)).toBe(true)
    for (const key of ['学习进度', '学习日志', '答题记录', '学习积分', '消息通知', '个人信息删除申请', '意见反馈'])
      expect(Array.isArray(data[key])).toBe(true)
    expect(data.学习进度.length).toBeGreaterThan(0)
    expect(data.消息通知[0].类型).toBe('学时预警')
    // Nobody else's records: every study/points row is the person's own.
    for (const row of [...data.学习进度, ...data.学习积分, ...data.答题记录]) expect(row.学员).toBe(person.id)
    // Every key, however deep, is Chinese (issue 14: the download mixed Chinese and English keys).
    const englishKeys: string[] = []
    const walk = (v: unknown, path: string) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`))
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (!/[\u4e00-\u9fff]/.test(k)) englishKeys.push(`${path}.${k}`)
          walk(x, `${path}.${k}`)
        }
    }
    walk(data, '')
    expect(englishKeys).toEqual([])
    const audit = await poolOf(payload).query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'export' AND actor_id = $1`, [
      person.id,
    ])
    expect(audit.rows[0].n).toBe(1)
    expect((await call('GET', 'personal-data')).status).toBe(401)
  })

  it('deletion: the member asks, only sysAdmin decides, and the person disappears while statistics stay', async () => {
    const person = await studiedMember()
    const token = await tokenFor(person.email, PASSWORD)
    const year = new Date().getFullYear()
    const committee = await demoUser('committee@demo.edu.cn')
    const scope = await scopeOf({ user: committee, payload })
    // What the organisation did: hours by month, completions, most studied items, quiz attempts.
    // (Head counts, and per-member totals, drop by the person: they have left.)
    const figures = async () => {
      const d = await cockpitData(payload, scope, new Date(), year)
      return {
        hoursByMonth: d.study.byMonth,
        topItems: d.learning.topItems,
        themes: d.learning.themes,
        attempts: d.quizzes.attempts,
        quizByMonth: d.quizzes.byMonth,
      }
    }
    const before = await figures()
    const hoursBefore = (
      await poolOf(payload).query('SELECT coalesce(sum(hours_credited), 0)::float AS h, count(*)::int AS n FROM study_progress')
    ).rows[0]

    const asked = await call('POST', 'deletion-requests/request', token, { reason: '毕业离校' })
    expect(asked.status).toBe(201)
    const requestId = asked.json.request.id
    expect((await call('POST', 'deletion-requests/request', token, {})).status).toBe(409)
    // Not the member, not the security administrator: only sysAdmin approves.
    expect((await call('POST', `deletion-requests/${requestId}/approve`, token, {})).status).toBe(403)
    expect((await call('POST', `deletion-requests/${requestId}/approve`, await tokenFor('security@demo.edu.cn'), {})).status).toBe(403)
    expect((await call('POST', `deletion-requests/${requestId}/reject`, sysAdminToken, {})).status).toBe(400)
    expect((await call('POST', `deletion-requests/abc/approve`, sysAdminToken, {})).status).toBe(400)
    expect((await call('POST', `deletion-requests/99999999/approve`, sysAdminToken, {})).status).toBe(404)
    const approved = await call('POST', `deletion-requests/${requestId}/approve`, sysAdminToken, { note: '核实本人申请' })
    expect(approved.status).toBe(200)
    expect((await call('POST', `deletion-requests/${requestId}/approve`, sysAdminToken, {})).status).toBe(409)

    // The person's name, e-mail, phone and staff number are nowhere in the database but the
    // audit log (kept by law, see SECURITY.md) — versions, logs and snapshots included.
    const pool = poolOf(payload)
    const tables = (
      await pool.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'audit_logs'`,
      )
    ).rows.map((r) => r.table_name as string)
    const needles = [person.name, person.email, '13611112222', person.staffNumber]
    for (const table of tables) {
      const found = await pool.query(
        `SELECT count(*)::int AS n FROM "${table}" t WHERE ${needles.map((_, i) => `t::text LIKE $${i + 1}`).join(' OR ')}`,
        needles.map((n) => `%${n}%`),
      )
      expect(found.rows[0].n, `${table} still holds personal data`).toBe(0)
    }
    // The account cannot sign in; its token no longer works.
    expect((await call('GET', 'users/me', token)).json.user).toBeFalsy()
    // Nothing about the person in the search index either.
    const hits = await searchClient()
      .index(INDEX_UID())
      .search(person.name)
      .then((r) => r.hits.length)
      // A run where nothing has been indexed yet has no index at all: nothing about the person either.
      .catch((error) => (meiliErrorCode(error) === 'index_not_found' ? 0 : Promise.reject(error)))
    expect(hits).toBe(0)

    // Statistics are unchanged: the study rows stay, under the anonymous account.
    const hoursAfter = (await pool.query('SELECT coalesce(sum(hours_credited), 0)::float AS h, count(*)::int AS n FROM study_progress'))
      .rows[0]
    expect(hoursAfter).toEqual(hoursBefore)
    expect(await figures()).toEqual(before)
    const entry = await pool.query(`SELECT actor_id, summary FROM audit_logs WHERE action = 'anonymise' AND document_id = $1`, [
      String(person.id),
    ])
    expect(entry.rows[0].actor_id).toBe(sysAdmin.id)
  })
})
