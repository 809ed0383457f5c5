import { REST_DELETE, REST_GET, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import type { Route } from '../../../src/http/route'
import { routes } from '../../../src/http/routes'
import { releasePayload, testPayload, tokenFor } from '../../helpers/payload'
import { restBody } from '../../helpers/rest'
import { callFast } from '../../helpers/routes'

/**
 * The route table's denial side, for every route in it (src/http/routes.ts), as mounted for real:
 * through Payload's REST handler (what Next serves) and, for the fast routes, through the app
 * server's dispatcher. A route added later is checked here without a new test.
 */
let payload: Awaited<ReturnType<typeof testPayload>>
beforeAll(async () => {
  payload = await testPayload()
})
afterAll(async () => {
  await releasePayload(payload)
})

const HANDLERS = { get: REST_GET, post: REST_POST, patch: REST_PATCH, delete: REST_DELETE, put: REST_PUT }

/** A route called through Payload's REST handler, path parameters filled with 1, an empty JSON object as the body. */
const viaPayload = async (route: Route, token?: string) => {
  const path = route.path.replace(/:\w+/g, '1')
  const request = new Request(`http://localhost/api${path}`, {
    method: route.method.toUpperCase(),
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
    body: route.method === 'get' ? undefined : '{}',
  })
  const res = await HANDLERS[route.method](config)(request, { params: Promise.resolve({ slug: path.slice(1).split('/') }) })
  return { status: res.status, json: restBody(await res.text()) }
}

const guarded = routes.filter((r) => r.callers !== 'anyone')
const roleBound = routes.filter(
  (r): r is Route & { callers: readonly string[] } => Array.isArray(r.callers) && !r.callers.includes('member'),
)

describe('the route table', () => {
  it('names each method and path once', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`)
    expect(keys.length).toBeGreaterThan(10)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('refuses a visitor 401 on every route not open to anyone, in the one error shape, through Payload', async () => {
    expect(guarded.length).toBeGreaterThan(5)
    for (const route of guarded) {
      const answer = await viaPayload(route)
      expect({ route: `${route.method} ${route.path}`, status: answer.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      })
      expect(answer.json.errors[0].message).toBe('请先登录')
    }
  })

  it('refuses a visitor 401 on every guarded fast route through the app server’s dispatcher as well', async () => {
    const fast = guarded.filter((r) => r.serveFast)
    expect(fast.map((r) => r.path)).toEqual(expect.arrayContaining(['/study/heartbeat', '/recommendations', '/cockpit']))
    for (const route of fast) {
      const answer = await callFast(route, payload, new Headers({ 'Content-Type': 'application/json' }), '{}')
      expect({ route: route.path, status: answer.status, json: answer.json }).toEqual({
        route: route.path,
        status: 401,
        json: { errors: [{ message: '请先登录' }] },
      })
    }
  })

  it('refuses a signed-in member 403 on every route bound to staff roles', async () => {
    const member = await tokenFor('member@demo.edu.cn')
    expect(roleBound.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/audit-logs/export', '/users/totp/setup', '/meeting-inspections/draw']),
    )
    for (const route of roleBound) {
      const answer = await viaPayload(route, member)
      expect({ route: `${route.method} ${route.path}`, status: answer.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 403,
      })
      expect(answer.json.errors[0].message).toBeTruthy()
    }
  })
})
