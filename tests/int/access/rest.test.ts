import { REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'

import config from '../../../payload.config'
import { demoUser, releasePayload, testPayload, type TestUser, tokenFor } from '../../helpers/payload'
import type { RestBody } from '../../helpers/rest'

/** The same REST handlers Next serves under /api, called without a server. */
const call = async (method: 'GET' | 'PATCH' | 'POST' | 'DELETE', path: string, token?: string, body?: unknown) => {
  const handler = { GET: REST_GET, PATCH: REST_PATCH, POST: REST_POST, DELETE: REST_DELETE }[method](config)
  const url = new URL(`http://localhost/api/${path}`)
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (token) headers.Authorization = `JWT ${token}`
  const res = await handler(new Request(url, { method, headers, body: body ? JSON.stringify(body) : undefined }), {
    params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/') }),
  })
  return { status: res.status, json: (await res.json()) as RestBody }
}

let payload: Payload
let member: TestUser
let sysAdmin: TestUser
let memberToken: string
let sysAdminToken: string
let secretaryToken: string

beforeAll(async () => {
  payload = await testPayload()
  member = await demoUser('member@demo.edu.cn')
  sysAdmin = await demoUser('sysadmin@demo.edu.cn')
  ;[memberToken, sysAdminToken, secretaryToken] = await Promise.all([
    tokenFor('member@demo.edu.cn'),
    tokenFor('sysadmin@demo.edu.cn'),
    tokenFor('secretary@demo.edu.cn'),
  ])
})
afterAll(async () => {
  await releasePayload(payload)
})

describe('REST access', () => {
  it('refuses /api/users without a token', async () => {
    expect((await call('GET', 'users')).status).toBe(403)
  })

  it('gives a member only their own record from /api/users', async () => {
    const res = await call('GET', 'users?limit=100', memberToken)
    expect(res.status).toBe(200)
    expect(res.json.docs.map((d) => d.email)).toEqual(['member@demo.edu.cn'])
    expect((await call('GET', `users/${sysAdmin.id}`, memberToken)).status).toBe(404)
  })

  it('gives a branch secretary their branch only', async () => {
    const res = await call('GET', 'users?limit=200&depth=0', secretaryToken)
    expect(res.status).toBe(200)
    expect(new Set(res.json.docs.map((d) => d.organization))).toEqual(new Set([member.organization]))
  })

  it('answers a forbidden field write with 403 and a message naming the field', async () => {
    const res = await call('PATCH', `users/${member.id}`, memberToken, { roles: ['member', 'securityAdmin'] })
    expect(res.status).toBe(403)
    expect(JSON.stringify(res.json)).toContain('角色')
    const after = await payload.findByID({ collection: 'users', id: member.id, depth: 0 })
    expect(after.roles).toEqual(['member'])
  })

  it('accepts securityAdmin sending back the masked contact details its form shows', async () => {
    const token = await tokenFor('security@demo.edu.cn')
    const applicant = (await payload.find({ collection: 'users', where: { email: { equals: 'applicant@demo.edu.cn' } }, depth: 0 })).docs[0]
    const seen = await call('GET', `users/${applicant.id}?depth=0`, token)
    expect(seen.json.phone).toMatch(/\*{4}/)
    const res = await call('PATCH', `users/${applicant.id}`, token, { ...seen.json, roles: ['member', 'propagandaEditor'] })
    expect(res.status).toBe(200)
    const stored = await payload.findByID({ collection: 'users', id: applicant.id, depth: 0 })
    expect(stored.phone).toBe(applicant.phone)
    expect(stored.staffNumber).toBe(applicant.staffNumber)
    expect(stored.roles).toEqual(['member', 'propagandaEditor'])
    await payload.update({ collection: 'users', id: applicant.id, data: { roles: ['member'] }, overrideAccess: true })
  })

  it('answers bad input with 400 and a message a person can act on', async () => {
    const res = await call('PATCH', `users/${member.id}`, memberToken, { phone: '12345' })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.json)).toContain('11 位')
  })

  it('keeps the audit log from sysAdmin and lets anyone read the themes', async () => {
    expect((await call('GET', 'audit-logs', sysAdminToken)).status).toBe(403)
    const themes = await call('GET', 'themes?limit=50')
    expect(themes.status).toBe(200)
    expect(themes.json.totalDocs).toBeGreaterThanOrEqual(11)
  })

  it('refuses member writes to organisations and settings', async () => {
    const orgs = await call('GET', 'organizations?limit=1', memberToken)
    expect(orgs.status).toBe(200)
    const id = orgs.json.docs[0].id
    expect((await call('PATCH', `organizations/${id}`, memberToken, { name: '篡改' })).status).toBe(403)
    expect((await call('DELETE', `organizations/${id}`, memberToken)).status).toBe(403)
    expect((await call('POST', 'globals/platform-settings', memberToken, { annualStudyHoursTarget: 1 })).status).toBe(403)
  })

  it('rejects a wrong password with 401', async () => {
    const res = await call('POST', 'users/login', undefined, { email: 'member@demo.edu.cn', password: 'wrong' })
    expect(res.status).toBe(401)
  })
})
