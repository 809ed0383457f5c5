import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'

import { DEMO_PASSWORD } from '../../../seed/people'
import {
  demoUser,
  rejectsWithFieldError,
  rejectsWithStatus,
  releasePayload,
  testPayload,
  type TestUser,
  unique,
} from '../../helpers/payload'

let payload: Payload
const users: Record<string, TestUser> = {}

beforeAll(async () => {
  payload = await testPayload()
  for (const n of ['member', 'sysadmin', 'security', 'auditor', 'editor', 'curator']) users[n] = await demoUser(`${n}@demo.edu.cn`)
})
afterAll(async () => {
  await releasePayload(payload)
})
const as = (user: TestUser) => ({ user, overrideAccess: false as const, depth: 0 })

describe('audit log', () => {
  it('records logins and changes to people, with field names but no values', async () => {
    await payload.login({ collection: 'users', data: { email: 'member@demo.edu.cn', password: DEMO_PASSWORD } })
    const logins = await payload.find({
      collection: 'audit-logs',
      where: { and: [{ action: { equals: 'login' } }, { actor: { equals: users.member.id } }] },
    })
    expect(logins.totalDocs).toBeGreaterThan(0)

    await payload.update({ collection: 'users', id: users.member.id, data: { phone: '13911112222' }, ...as(users.member) })
    const changes = await payload.find({
      collection: 'audit-logs',
      where: { and: [{ action: { equals: 'update' } }, { documentId: { equals: String(users.member.id) } }] },
      sort: '-createdAt',
      limit: 1,
      depth: 0,
    })
    expect(changes.docs[0].changedFields).toBe('phone')
    expect(JSON.stringify(changes.docs[0])).not.toContain('13911112222')
    await payload.update({ collection: 'users', id: users.member.id, data: { phone: '13900000010' }, overrideAccess: true })
  })

  it('is readable by the auditor alone', async () => {
    expect((await payload.find({ collection: 'audit-logs', ...as(users.auditor) })).totalDocs).toBeGreaterThan(0)
    for (const who of ['sysadmin', 'security', 'member', 'editor']) {
      await rejectsWithStatus(payload.find({ collection: 'audit-logs', ...as(users[who]) }), 403)
    }
  })

  it('cannot be written, changed or deleted through the API, even by the auditor', async () => {
    await rejectsWithStatus(
      payload.create({ collection: 'audit-logs', data: { action: 'login', result: 'success', summary: '伪造' }, ...as(users.auditor) }),
      403,
    )
    const entry = (await payload.find({ collection: 'audit-logs', limit: 1 })).docs[0]
    await rejectsWithStatus(
      payload.update({ collection: 'audit-logs', id: entry.id, data: { summary: '篡改' }, ...as(users.auditor) }),
      403,
    )
    await rejectsWithStatus(payload.delete({ collection: 'audit-logs', id: entry.id, ...as(users.sysadmin) }), 403)
    expect((await payload.findByID({ collection: 'audit-logs', id: entry.id })).summary).toBe(entry.summary)
  })
})

describe('study themes', () => {
  it('has the starting list from DOMAIN.md, readable without signing in', async () => {
    const themes = await payload.find({ collection: 'themes', overrideAccess: false, limit: 0 })
    const names = themes.docs.map((t) => t.name)
    for (const n of [
      '党史',
      '新中国史',
      '改革开放史',
      '社会主义发展史',
      '两学一做',
      '三会一课',
      '党章党规',
      '廉政教育',
      '师德师风',
      '红色文化',
    ]) {
      expect(names).toContain(n)
    }
  })

  it('can be extended by editors and curators, not by members; only sysAdmin deletes', async () => {
    const theme = await payload.create({ collection: 'themes', data: { name: unique('专题'), slug: unique('theme') }, ...as(users.editor) })
    await payload.update({ collection: 'themes', id: theme.id, data: { description: '课程组补充' }, ...as(users.curator) })
    await rejectsWithStatus(
      payload.create({ collection: 'themes', data: { name: '成员专题', slug: 'member-theme' }, ...as(users.member) }),
      403,
    )
    await rejectsWithStatus(payload.delete({ collection: 'themes', id: theme.id, ...as(users.editor) }), 403)
    await payload.delete({ collection: 'themes', id: theme.id, ...as(users.sysadmin) })
  })

  it('explains a malformed slug', async () => {
    await rejectsWithFieldError(
      payload.create({ collection: 'themes', data: { name: unique('坏标识'), slug: '党史 History' }, ...as(users.editor) }),
      /英文标识/,
    )
  })
})
