import { REST_GET } from '@payloadcms/next/routes'
import ExcelJS from 'exceljs'
import type { FieldAccess, Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { targetLabel } from '../../../src/audit/labels'
import { demoUser, releasePayload, requestAs, testPayload, type TestUser, tokenFor } from '../../helpers/payload'

/** Issue 14 §16: a person's stage on the admin form; the audit log in Chinese, exported as filtered. */
let payload: Payload
const users: Record<string, TestUser> = {}

beforeAll(async () => {
  payload = await testPayload()
  for (const a of ['sysadmin', 'secretary', 'editor', 'member', 'curator', 'auditor']) users[a] = await demoUser(`${a}@demo.edu.cn`)
})
afterAll(async () => {
  await releasePayload(payload)
})

describe('political stage on the person form', () => {
  const fieldRead = (name: string) => {
    const field = payload.config.collections.find((c) => c.slug === 'users')!.flattenedFields.find((f) => 'name' in f && f.name === name)!
    return (field.access as { read: FieldAccess }).read
  }

  // The admin's form state asks field access with the document as `data` and its `id`, and no `doc`.
  it('is readable while the form is built, for those who may read it, as on a read', async () => {
    const person = users.member
    const form = { data: { ...person }, id: person.id, siblingData: {} }
    for (const name of ['politicalStage', 'stageSince', 'stageHistory']) {
      const read = fieldRead(name)
      for (const [who, expected] of [
        ['sysadmin', true],
        ['secretary', true],
        ['editor', false],
        ['curator', false],
      ] as const) {
        expect(await read({ ...form, req: await requestAs(users[who]) }), `${name} ${who} (form)`).toBe(expected)
        expect(await read({ req: await requestAs(users[who]), doc: person, data: person, siblingData: {} }), `${name} ${who} (read)`).toBe(
          expected,
        )
      }
      // The person themself.
      expect(await read({ ...form, req: await requestAs(person) })).toBe(true)
    }
  })

  it('stays hidden from a secretary of another branch', async () => {
    const other = users.curator // 马克思主义学院教工党支部
    const read = fieldRead('politicalStage')
    expect(await read({ req: await requestAs(users.secretary), data: { ...other }, id: other.id, siblingData: {} })).toBe(false)
  })
})

describe('audit log', () => {
  it('names collections in Chinese, unknown values as stored', () => {
    expect(targetLabel(payload, 'users')).toBe('人员')
    expect(targetLabel(payload, 'courses')).toBe('课程')
    expect(targetLabel(payload, 'platform-settings')).toBe('平台设置')
    expect(targetLabel(payload, 'no-such-thing')).toBe('no-such-thing')
    expect(targetLabel(payload, null)).toBe('')
  })

  const exportRows = async (query: string) => {
    const token = await tokenFor('auditor@demo.edu.cn')
    const url = new URL(`http://localhost/api/audit-logs/export?${query}`)
    const res = await REST_GET(config)(new Request(url, { headers: { Authorization: `JWT ${token}` } }), {
      params: Promise.resolve({ slug: ['audit-logs', 'export'] }),
    })
    if (res.status !== 200)
      return {
        status: res.status,
        rows: [] as string[][],
        message: ((await res.json()) as { errors: Array<{ message: string }> }).errors[0].message,
      }
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await res.arrayBuffer())
    const rows: string[][] = []
    book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
    return { status: 200, rows: rows.slice(2), message: '' }
  }

  it('exports what the list shows: its where[…] and search, with Chinese 对象类型', async () => {
    // Logins write audit rows with target users; the list's filter for them, as its URL carries it.
    await tokenFor('member@demo.edu.cn')
    const byWhere = await exportRows('where[and][0][action][equals]=login&where[and][1][targetCollection][equals]=users')
    expect(byWhere.status).toBe(200)
    expect(byWhere.rows.length).toBeGreaterThan(0)
    for (const r of byWhere.rows) {
      expect(r[2]).toBe('登录')
      expect(r[4]).toBe('人员')
    }
    const all = await exportRows('')
    expect(all.rows.length).toBeGreaterThan(byWhere.rows.length)
    const bySearch = await exportRows(`search=${encodeURIComponent(users.member.name as string)}`)
    expect(bySearch.rows.length).toBeGreaterThan(0)
    expect(bySearch.rows.length).toBeLessThan(all.rows.length)
  })

  it('refuses a filter on a field the trail does not have, in Chinese', async () => {
    const bad = await exportRows('where[password][equals]=x')
    expect(bad.status).toBe(400)
    expect(bad.message).toMatch(/筛选条件/)
  })
})
