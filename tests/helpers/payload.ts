import type { Payload, PayloadRequest } from 'payload'
import { createLocalReq, getPayload } from 'payload'

import config from '../../payload.config'
import { closePayload } from '../../src/db/migrate'
import { DEMO_PASSWORD } from '../../seed/people'

let instance: Promise<Payload> | undefined

/**
 * One Payload per test process, on the database the global setup migrated and seeded. The files of
 * the `int` project (vitest.config.mts) share one process and so one Payload: imported and started
 * once instead of once per file (about 5 s each on this machine); `int-own` files get their own.
 */
export const testPayload = () => (instance ??= getPayload({ config }))

/**
 * The end of a test file: in a shared process the next file goes on with the same Payload (the
 * process's end closes it); in a process of its own it is closed, or its connections would keep the
 * process alive.
 */
export const releasePayload = async (payload: Payload) => {
  if (process.env.TEST_SHARED_PROCESS) return
  await closePayload(payload)
}

export type TestUser = NonNullable<PayloadRequest['user']>

/** The demo account with this email, as the access functions see it (req.user). */
export const demoUser = async (email: string): Promise<TestUser> => {
  const payload = await testPayload()
  const { docs } = await payload.find({ collection: 'users', where: { email: { equals: email } }, depth: 0, limit: 1 })
  if (!docs[0]) throw new Error(`demo user ${email} missing`)
  return { ...docs[0], collection: 'users' } as TestUser
}

/** A real request signed in as `user` (Payload's createLocalReq), for calling access functions directly. */
export const requestAs = async (user: TestUser | null): Promise<PayloadRequest> => createLocalReq(user ? { user } : {}, await testPayload())

/** A JWT for REST calls, obtained through a real login. */
export const tokenFor = async (email: string, password = DEMO_PASSWORD): Promise<string> => {
  const payload = await testPayload()
  const result = await payload.login({ collection: 'users', data: { email, password } })
  if (!result.token) throw new Error(`no token for ${email}`)
  return result.token
}

let counter = 0
/** A unique suffix so tests can create records without colliding with the seed or each other. */
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`

/** Expects the promise to reject with an HTTP status (Payload's APIError family). */
export const rejectsWithStatus = async (promise: Promise<unknown>, status: number): Promise<Error> => {
  try {
    await promise
  } catch (error) {
    const s = (error as { status?: number }).status
    if (s !== status) throw new Error(`expected status ${status}, got ${s}: ${(error as Error).message}`)
    return error as Error
  }
  throw new Error(`expected a ${status} error, but the call succeeded`)
}

/** Expects a 400 ValidationError whose field message (what the admin shows) matches. */
export const rejectsWithFieldError = async (promise: Promise<unknown>, message: RegExp) => {
  const error = await rejectsWithStatus(promise, 400)
  const messages = ((error as { data?: { errors?: Array<{ message: string }> } }).data?.errors ?? []).map((e) => e.message)
  if (!messages.some((m) => message.test(m))) {
    throw new Error(`expected a field error matching ${message}, got: ${messages.join(' | ') || error.message}`)
  }
}

/** Data for a new test person: a unique address, a valid password and the defaults spelled out. */
export const personData = <T extends Record<string, unknown>>(name: string, extra: T = {} as T) => ({
  email: `${unique('p')}@test.edu.cn`,
  password: 'Vq7#Lm2$Xr9',
  name,
  roles: ['member'] as Array<'member'>,
  politicalStage: 'masses' as const,
  ...extra,
})
