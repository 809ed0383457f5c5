import { REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { REMINDER_KIND } from '../../../src/branch/remind'
import { poolOf } from '../../../src/db/pool'
import { demoUser, releasePayload, testPayload, type TestUser, tokenFor } from '../../helpers/payload'

/**
 * 支部 → 提醒: a branch secretary nudges a member of their own branch with a notification, at most
 * once a week per member (server-enforced, 429 with when it opens again); nobody else may.
 */
let payload: Payload
const tokens: Record<string, string> = {}
const people: Record<string, TestUser> = {}

const remind = async (who: string | null, body: unknown, raw = false) => {
  const res = await REST_POST(config)(
    new Request('http://localhost/api/branch/remind', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(who ? { Authorization: `JWT ${tokens[who]}` } : {}) },
      body: raw ? (body as string) : JSON.stringify(body),
    }),
    { params: Promise.resolve({ slug: ['branch', 'remind'] }) },
  )
  return {
    status: res.status,
    json: (await res.json().catch(() => ({}))) as { message?: string; errors?: Array<{ message: string }> },
    headers: res.headers,
  }
}
const remindersOf = async (id: number | string) =>
  (
    await poolOf(payload).query(
      `SELECT id, title, body, created_at FROM notifications WHERE kind::text = $1 AND recipient_id = $2 ORDER BY created_at`,
      [REMINDER_KIND, id],
    )
  ).rows
const clean = () => poolOf(payload).query(`DELETE FROM notifications WHERE kind::text = $1`, [REMINDER_KIND])

beforeAll(async () => {
  payload = await testPayload()
  for (const who of ['secretary', 'member', 'applicant', 'curator']) {
    people[who] = await demoUser(`${who}@demo.edu.cn`)
    tokens[who] = await tokenFor(`${who}@demo.edu.cn`)
  }
  await clean()
})
afterAll(async () => {
  await clean()
  await releasePayload(payload)
})

describe('branch secretary 提醒', () => {
  it('sends a member of their branch one notification, which the member reads', async () => {
    const sent = await remind('secretary', { member: people.applicant.id })
    expect(sent.status).toBe(201)
    expect(sent.json.message).toBe(`已提醒${people.applicant.name}`)
    const rows = await remindersOf(people.applicant.id)
    expect(rows).toHaveLength(1)
    expect(rows[0].body).toMatch(/陈海燕（.+书记）提醒你：今年已学习 [\d.]+ 学时，按进度今天应达 [\d.]+ 学时/)
    // The member sees it among their own notifications.
    const mine = await payload.find({
      collection: 'notifications',
      where: { kind: { equals: REMINDER_KIND } },
      user: people.applicant,
      overrideAccess: false,
      depth: 0,
    })
    expect(mine.docs.map((d) => d.title)).toEqual(['支部书记提醒你按计划学习'])
  })

  it('refuses a second reminder within a week with when it opens again, and allows it after', async () => {
    const again = await remind('secretary', { member: people.applicant.id })
    expect(again.status).toBe(429)
    expect(again.json.errors?.[0].message).toMatch(
      /^已于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 提醒过何雨桐。每位党员每周最多提醒一次，\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 后可再次提醒。$/,
    )
    expect(Number(again.headers.get('Retry-After'))).toBeGreaterThan(6 * 86_400)
    expect(await remindersOf(people.applicant.id)).toHaveLength(1)

    // As if sent six days ago: still refused. Eight days ago: open again.
    const age = (days: number) =>
      poolOf(payload).query(
        `UPDATE notifications SET created_at = created_at - make_interval(days => $3), day = to_char((created_at - make_interval(days => $3)) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')
          WHERE kind::text = $1 AND recipient_id = $2`,
        [REMINDER_KIND, people.applicant.id, days],
      )
    await age(6)
    expect((await remind('secretary', { member: people.applicant.id })).status).toBe(429)
    await age(2)
    expect((await remind('secretary', { member: people.applicant.id })).status).toBe(201)
    expect(await remindersOf(people.applicant.id)).toHaveLength(2)
  })

  it('makes one reminder of two sent at once', async () => {
    const both = await Promise.all([remind('secretary', { member: people.member.id }), remind('secretary', { member: people.member.id })])
    expect(both.map((r) => r.status).sort()).toEqual([201, 429])
    expect(await remindersOf(people.member.id)).toHaveLength(1)
  })

  it('refuses members of other branches, non-secretaries, visitors and bad requests, in Chinese', async () => {
    const elsewhere = await remind('secretary', { member: people.curator.id })
    expect(elsewhere.status).toBe(403)
    expect(elsewhere.json.errors?.[0].message).toBe('只能提醒本支部的党员')
    expect(await remindersOf(people.curator.id)).toHaveLength(0)
    // A member cannot remind a fellow member, even in their own branch.
    const byMember = await remind('member', { member: people.applicant.id })
    expect(byMember.status).toBe(403)
    expect(byMember.json.errors?.[0].message).toBe('只有党支部书记可以提醒党员')
    expect((await remind(null, { member: people.applicant.id })).status).toBe(401)
    expect((await remind('secretary', { member: people.secretary.id })).json.errors?.[0].message).toBe('不能提醒自己')
    for (const bad of [{}, { member: 'abc' }, { member: -1 }, { member: 1.5 }]) {
      const r = await remind('secretary', bad)
      expect(r.status, JSON.stringify(bad)).toBe(400)
      expect(r.json.errors?.[0].message).toMatch(/请指明要提醒的党员/)
    }
    expect((await remind('secretary', 'not json', true)).status).toBe(400)
    // An id nobody has: the same 403 as another branch's member (nothing learnt about other branches).
    expect((await remind('secretary', { member: 999_999_999 })).status).toBe(403)
  })
})
