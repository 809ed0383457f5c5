import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { poolOf } from '../../../src/db/pool'
import { getSiteUser } from '../../../src/site/auth'
import { siteRequests } from '../../../src/site/request'
import { personData, releasePayload, testPayload } from '../../helpers/payload'

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
})
afterAll(async () => {
  await releasePayload(payload)
})

/** getSiteUser as a member page calls it, for a request with these headers. */
const onPage = (headers: Record<string, string>) =>
  siteRequests.run({ headers: new Headers(headers), memo: new Map() }, () => getSiteUser())
const browser = (token: string) => ({ cookie: `payload-token=${token}`, 'sec-fetch-site': 'same-origin' })

describe("the member site's signed-in person (the one viewer, not Payload's user document)", () => {
  it('is the person of an open session with what pages and access rules read, and nobody once the session or account ends', async () => {
    const org = (await payload.find({ collection: 'organizations', where: { code: { equals: 'B-INFO-UG1' } }, depth: 0 })).docs[0].id
    const theme = (await payload.find({ collection: 'themes', depth: 0, limit: 1, sort: 'id' })).docs[0].id
    const data = { ...personData('站点身份测试', { organization: org, interests: [theme] }), politicalStage: 'probationary' as const }
    const person = await payload.create({ collection: 'users', data })
    const login = async () => (await payload.login({ collection: 'users', data: { email: data.email, password: data.password } })).token!
    const pool = poolOf(payload)

    const token = await login()
    expect(await onPage(browser(token))).toEqual({
      id: person.id,
      collection: 'users',
      name: '站点身份测试',
      roles: ['member'],
      politicalStage: 'probationary',
      organization: org,
      active: true,
      interests: [theme],
    })
    // Nobody: no cookie, a forged signature, or the cookie on a cross-site request (Payload's own rule).
    expect(await onPage({})).toBeNull()
    expect(await onPage(browser(`${token.slice(0, -4)}AAAA`))).toBeNull()
    expect(await onPage({ cookie: `payload-token=${token}`, 'sec-fetch-site': 'cross-site' })).toBeNull()
    // A bearer token counts as Payload counts it.
    expect((await onPage({ authorization: `JWT ${token}` }))?.id).toBe(person.id)

    // The session's end in the database is read on every request (the verified token is remembered; the session is not).
    await pool.query(`UPDATE users_sessions SET expires_at = now() - interval '1 second' WHERE _parent_id = $1`, [person.id])
    expect(await onPage(browser(token))).toBeNull()
    const second = await login()
    expect((await onPage(browser(second)))?.id).toBe(person.id)
    await pool.query(`DELETE FROM users_sessions WHERE _parent_id = $1`, [person.id]) // what logout does
    expect(await onPage(browser(second))).toBeNull()

    // A disabled account, even with its session still there.
    const third = await login()
    expect((await onPage(browser(third)))?.id).toBe(person.id)
    await pool.query(`UPDATE users SET active = false WHERE id = $1`, [person.id])
    expect(await onPage(browser(third))).toBeNull()
  })
})
