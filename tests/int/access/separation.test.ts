import type { Access, AccessArgs, FieldAccess, Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SEPARATED_ADMIN_ROLES, type Role } from '../../../src/access/roles'
import { guardedFields } from '../../../collections/Users'
import {
  demoUser,
  personData,
  rejectsWithFieldError,
  rejectsWithStatus,
  releasePayload,
  requestAs,
  testPayload,
  type TestUser,
  unique,
} from '../../helpers/payload'

/**
 * 三员分立: the system administrator, the security administrator and the security auditor hold no
 * power in common. Table-driven over every collection, global, operation and (for people, where
 * two of them work on the same records) every field.
 */
let payload: Payload
const admins = {} as Record<Role, TestUser>
let otherPerson: TestUser

beforeAll(async () => {
  payload = await testPayload()
  admins.sysAdmin = await demoUser('sysadmin@demo.edu.cn')
  admins.securityAdmin = await demoUser('security@demo.edu.cn')
  admins.auditor = await demoUser('auditor@demo.edu.cn')
  otherPerson = await demoUser('member@demo.edu.cn')
})
afterAll(async () => {
  await releasePayload(payload)
})

const reqOf = requestAs

/** A power is an unconditional grant; a where-clause grants only the person's own records. */
const holds = async (fn: Access | undefined, args: AccessArgs) => {
  if (!fn) return false
  return (await fn(args)) === true
}

type Row = { target: string; operation: string; holders: Role[] }

const table = async (): Promise<Row[]> => {
  const rows: Row[] = []
  for (const collection of payload.config.collections) {
    // Payload's own bookkeeping: migrations have no REST or GraphQL routes at all; document locks and
    // admin preferences are each signed-in person's own.
    if (collection.slug.startsWith('payload-')) continue
    const ops: Array<'create' | 'read' | 'update' | 'delete' | 'unlock' | 'readVersions'> = [
      'create',
      'update',
      'delete',
      ...(collection.auth ? ['unlock' as const] : []),
      'readVersions',
    ]
    // Reading the register of people is shared by sysAdmin and securityAdmin (who must see whom they
    // give roles to; personal details stay masked for the latter): not an administrative power.
    if (['audit-logs', 'deletion-requests'].includes(collection.slug)) ops.push('read')
    for (const operation of ops) {
      const access = collection.access[operation]
      // What every signed-in member may do (send 意见反馈) is no administrative power to divide.
      if (await holds(access, { req: await reqOf(otherPerson) })) continue
      const holders: Role[] = []
      for (const role of SEPARATED_ADMIN_ROLES) {
        if (await holds(access, { req: await reqOf(admins[role]) })) holders.push(role)
      }
      rows.push({ target: collection.slug, operation, holders })
    }
  }
  for (const global of payload.config.globals) {
    const holders: Role[] = []
    for (const role of SEPARATED_ADMIN_ROLES) {
      if (await holds(global.access.update, { req: await reqOf(admins[role]) })) holders.push(role)
    }
    rows.push({ target: `global:${global.slug}`, operation: 'update', holders })
  }
  // People: sysAdmin and securityAdmin both update person records, so the split is per field.
  const users = payload.config.collections.find((c) => c.slug === 'users')!
  const fields = users.flattenedFields.filter((f) => 'name' in f && f.name && !['sessions', 'salt', 'hash'].includes(f.name))
  for (const field of fields) {
    if (['createdAt', 'updatedAt'].includes(field.name)) continue
    const holders: Role[] = []
    for (const role of SEPARATED_ADMIN_ROLES) {
      // The write rules the users collection enforces with a 403 (guardedFields), else the field's own access.
      const rule = guardedFields[field.name]
      const update: FieldAccess | undefined = field.access?.update
      const granted = rule
        ? rule.allowed(admins[role], otherPerson.id as number)
        : update
          ? (await update({ req: await reqOf(admins[role]), doc: otherPerson, data: {}, siblingData: {}, id: otherPerson.id })) === true
          : role !== 'auditor'
      if (granted) holders.push(role)
    }
    rows.push({ target: `users.${field.name}`, operation: 'update', holders })
  }
  return rows
}

describe('三员分立 (separation of the three administrators)', () => {
  it('no collection, global, operation or people field is held by two of sysAdmin, securityAdmin and auditor', async () => {
    const rows = await table()
    const users = rows.filter((r) => r.target === 'users')
    const overlapping = rows.filter((r) => r.holders.length > 1 && !(r.target === 'users' && r.operation === 'update'))
    expect(overlapping, JSON.stringify(overlapping)).toEqual([])
    // The table is not empty: each administrator holds real powers, and the expected ones.
    const held = (role: Role) => rows.filter((r) => r.holders.includes(role)).map((r) => `${r.target}:${r.operation}`)
    expect(held('sysAdmin')).toEqual(
      expect.arrayContaining([
        'users:create',
        'users:delete',
        'users:unlock',
        'users.name:update',
        'users.active:update',
        'global:platform-settings:update',
        'organizations:create',
      ]),
    )
    expect(held('securityAdmin')).toEqual(
      expect.arrayContaining([
        'users.roles:update',
        'users.reviewLevel:update',
        'global:security-settings:update',
        'sensitive-words:create',
      ]),
    )
    expect(held('auditor')).toEqual(['audit-logs:read'])
    expect(held('sysAdmin')).not.toContain('audit-logs:read')
    expect(held('securityAdmin')).not.toContain('audit-logs:read')
    expect(users.find((r) => r.operation === 'update')?.holders).toEqual(['sysAdmin', 'securityAdmin'])
  })

  it('no account may hold two of the three roles', async () => {
    const person = await payload.create({ collection: 'users', data: personData(unique('兼任')), depth: 0 })
    for (const pair of [
      ['sysAdmin', 'securityAdmin'],
      ['sysAdmin', 'auditor'],
      ['securityAdmin', 'auditor'],
      ['member', 'sysAdmin', 'auditor'],
    ]) {
      await rejectsWithFieldError(
        payload.update({
          collection: 'users',
          id: person.id,
          data: { roles: pair as Role[] },
          user: admins.securityAdmin,
          overrideAccess: false,
        }),
        /三员分立/,
      )
    }
    // One of them is fine.
    await payload.update({
      collection: 'users',
      id: person.id,
      data: { roles: ['auditor'] },
      user: admins.securityAdmin,
      overrideAccess: false,
    })
    await payload.update({ collection: 'users', id: person.id, data: { roles: ['member'] }, overrideAccess: true })
  })

  it("none of the three changes another one's credentials, nor its own roles (issue 13, F1, F2)", async () => {
    for (const actor of SEPARATED_ADMIN_ROLES) {
      for (const target of SEPARATED_ADMIN_ROLES) {
        if (actor === target) continue
        for (const data of [{ password: 'Tk8#over!Qz' }, { email: `${unique('taken')}@evil.test` }]) {
          await rejectsWithStatus(
            payload.update({ collection: 'users', id: admins[target].id, data, user: admins[actor], overrideAccess: false }),
            403,
          )
        }
      }
    }
    await rejectsWithStatus(
      payload.update({
        collection: 'users',
        id: admins.securityAdmin.id,
        data: { roles: ['sysAdmin'] },
        user: admins.securityAdmin,
        overrideAccess: false,
      }),
      403,
    )
    const stored = await payload.findByID({ collection: 'users', id: admins.securityAdmin.id, depth: 0 })
    expect(stored.roles).toEqual(['securityAdmin'])
  })
})
