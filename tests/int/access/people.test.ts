import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'

import { canAccessAdmin } from '../../../src/access'
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

let payload: Payload
let member: TestUser
let secretary: TestUser
let sysAdmin: TestUser
let securityAdmin: TestUser
let auditor: TestUser
let editor: TestUser

beforeAll(async () => {
  payload = await testPayload()
  ;[member, secretary, sysAdmin, securityAdmin, auditor, editor] = await Promise.all(
    ['member', 'secretary', 'sysadmin', 'security', 'auditor', 'editor'].map((n) => demoUser(`${n}@demo.edu.cn`)),
  )
})
afterAll(async () => {
  await releasePayload(payload)
})

const as = (user: TestUser) => ({ user, overrideAccess: false as const, depth: 0 })

describe('canAccessAdmin', () => {
  it('lets staff into the admin panel and keeps members out', async () => {
    const req = async (user: TestUser) => ({ req: await requestAs(user) })
    expect(canAccessAdmin(await req(editor))).toBe(true)
    expect(canAccessAdmin(await req(sysAdmin))).toBe(true)
    expect(canAccessAdmin(await req(member))).toBe(false)
    expect(canAccessAdmin(await req({ ...editor, active: false }))).toBe(false)
  })
})

describe('readUsers', () => {
  it('shows a member only their own record', async () => {
    const res = await payload.find({ collection: 'users', ...as(member), limit: 0 })
    expect(res.docs.map((d) => d.id)).toEqual([member.id])
    await rejectsWithStatus(payload.findByID({ collection: 'users', id: secretary.id, ...as(member) }), 404)
  })

  it('shows a branch secretary the people of their branch and nobody else', async () => {
    const res = await payload.find({ collection: 'users', ...as(secretary), limit: 0 })
    const branch = secretary.organization
    expect(res.docs.length).toBeGreaterThan(3)
    expect(res.docs.every((d) => d.organization === branch)).toBe(true)
    const total = await payload.count({ collection: 'users', where: { organization: { equals: branch } } })
    expect(res.docs.length).toBe(total.totalDocs)
    await rejectsWithStatus(payload.findByID({ collection: 'users', id: sysAdmin.id, ...as(secretary) }), 404)
  })

  it('lets sysAdmin and securityAdmin read everyone, the auditor only themself', async () => {
    const all = await payload.count({ collection: 'users' })
    expect((await payload.count({ collection: 'users', ...as(sysAdmin) })).totalDocs).toBe(all.totalDocs)
    expect((await payload.count({ collection: 'users', ...as(securityAdmin) })).totalDocs).toBe(all.totalDocs)
    const audited = await payload.find({ collection: 'users', ...as(auditor) })
    expect(audited.docs.map((d) => d.id)).toEqual([auditor.id])
  })

  it('refuses anonymous reads', async () => {
    await rejectsWithStatus(payload.find({ collection: 'users', overrideAccess: false }), 403)
  })
})

describe('masking and sensitive fields', () => {
  // Other files edit the demo member's phone; this one states what it reads.
  beforeAll(async () => {
    await payload.update({ collection: 'users', id: member.id, data: { phone: '13900000010' }, overrideAccess: true })
  })

  it('masks phone and staff number for securityAdmin and hides the political stage', async () => {
    const seen = await payload.findByID({ collection: 'users', id: member.id, ...as(securityAdmin) })
    expect(seen.phone).toBe('139****0010')
    expect(seen.staffNumber).toBe('20******01')
    expect(seen.politicalStage).toBeUndefined()
    expect(seen.stageHistory ?? []).toEqual([])
  })

  it('shows them in full to the person, their secretary and sysAdmin', async () => {
    for (const viewer of [member, secretary, sysAdmin]) {
      const seen = await payload.findByID({ collection: 'users', id: member.id, ...as(viewer) })
      expect(seen.phone).toBe('13900000010')
      expect(seen.staffNumber).toBe('2023110101')
      expect(seen.politicalStage).toBe('full')
    }
  })
})

describe('filtering people by political stage', () => {
  const byStage = (stage: string) => ({ where: { politicalStage: { equals: stage } }, limit: 0 })

  it('works for whoever sees the stage on every person they read, and matches the stage shown', async () => {
    // A secretary's roster by stage: only their branch, each row showing the stage filtered on.
    const probationary = await payload.find({ collection: 'users', ...as(secretary), ...byStage('probationary') })
    const full = await payload.find({ collection: 'users', ...as(secretary), ...byStage('full') })
    expect(full.docs.length).toBeGreaterThan(0)
    for (const [stage, res] of [
      ['probationary', probationary],
      ['full', full],
    ] as const) {
      expect(res.docs.every((d) => d.organization === secretary.organization && d.politicalStage === stage)).toBe(true)
      const expected = await payload.count({
        collection: 'users',
        where: { and: [{ organization: { equals: secretary.organization } }, { politicalStage: { equals: stage } }] },
      })
      expect(res.docs.length).toBe(expected.totalDocs)
    }
    expect((await payload.count({ collection: 'users', ...as(sysAdmin), where: { politicalStage: { equals: 'full' } } })).totalDocs).toBe(
      (await payload.count({ collection: 'users', where: { politicalStage: { equals: 'full' } } })).totalDocs,
    )
    // A member filters only themself: a stage they do not have gives nothing, not someone else.
    expect((await payload.find({ collection: 'users', ...as(member), ...byStage('full') })).docs.map((d) => d.id)).toEqual([member.id])
    expect((await payload.find({ collection: 'users', ...as(member), ...byStage('probationary') })).docs).toEqual([])
  })

  it('is refused to the security administrator, who reads everyone but not their stage', async () => {
    await rejectsWithStatus(payload.find({ collection: 'users', ...as(securityAdmin), ...byStage('probationary') }), 400)
  })
})

describe('who may write what on people', () => {
  it('lets a member edit their own phone and interests', async () => {
    const updated = await payload.update({ collection: 'users', id: member.id, data: { phone: '13700001111' }, ...as(member) })
    expect(updated.phone).toBe('13700001111')
    await payload.update({ collection: 'users', id: member.id, data: { phone: '13900000010' }, overrideAccess: true })
  })

  it('refuses a member changing their roles, branch or stage, and changes nothing', async () => {
    const before = await payload.findByID({ collection: 'users', id: member.id, depth: 0 })
    const error = await rejectsWithStatus(
      payload.update({ collection: 'users', id: member.id, data: { roles: ['member', 'sysAdmin'] }, ...as(member) }),
      403,
    )
    expect(error.message).toContain('角色')
    await rejectsWithStatus(
      payload.update({ collection: 'users', id: member.id, data: { organization: sysAdmin.organization as number }, ...as(member) }),
      403,
    )
    await rejectsWithStatus(payload.update({ collection: 'users', id: member.id, data: { politicalStage: 'masses' }, ...as(member) }), 403)
    const after = await payload.findByID({ collection: 'users', id: member.id, depth: 0 })
    expect(after.roles).toEqual(before.roles)
    expect(after.organization).toBe(before.organization)
    expect(after.politicalStage).toBe(before.politicalStage)
  })

  it('accepts the admin form sending protected fields back unchanged', async () => {
    const updated = await payload.update({
      collection: 'users',
      id: member.id,
      data: { roles: member.roles, organization: member.organization as number, interests: [] },
      ...as(member),
    })
    expect(updated.roles).toEqual(member.roles)
  })

  it('refuses a member editing someone else', async () => {
    await expect(payload.update({ collection: 'users', id: secretary.id, data: { phone: '13700002222' }, ...as(member) })).rejects.toThrow()
    const after = await payload.findByID({ collection: 'users', id: secretary.id, depth: 0 })
    expect(after.phone).toBe('13900000009')
  })

  it('lets sysAdmin move people but not grant roles', async () => {
    const person = await payload.create({
      collection: 'users',
      data: personData('测试人员', { politicalStage: 'activist', organization: member.organization as number }),
      ...as(sysAdmin),
    })
    expect(person.roles).toEqual(['member'])
    await rejectsWithStatus(payload.create({ collection: 'users', data: personData('越权', { roles: ['auditor'] }), ...as(sysAdmin) }), 403)
    const error = await rejectsWithStatus(
      payload.update({ collection: 'users', id: person.id, data: { roles: ['member', 'reviewer'] }, ...as(sysAdmin) }),
      403,
    )
    expect(error.message).toContain('角色')
    const moved = await payload.update({
      collection: 'users',
      id: person.id,
      data: { organization: secretary.organization as number },
      ...as(sysAdmin),
    })
    expect(moved.organization).toBe(secretary.organization)
    await payload.delete({ collection: 'users', id: person.id, ...as(sysAdmin) })
  })

  it('lets securityAdmin grant roles but not touch contact details or passwords', async () => {
    const person = await payload.create({
      collection: 'users',
      data: personData('待授权', { phone: '13600001234' }),
      overrideAccess: true,
    })
    const granted = await payload.update({
      collection: 'users',
      id: person.id,
      data: { roles: ['member', 'reviewer'], reviewLevel: '2' },
      ...as(securityAdmin),
    })
    expect(granted.roles).toEqual(['member', 'reviewer'])
    await rejectsWithStatus(
      payload.update({ collection: 'users', id: person.id, data: { phone: '13600009999' }, ...as(securityAdmin) }),
      403,
    )
    await rejectsWithStatus(
      payload.update({ collection: 'users', id: person.id, data: { password: 'Takeover@1' }, ...as(securityAdmin) }),
      403,
    )
    await rejectsWithStatus(payload.create({ collection: 'users', data: personData('x'), ...as(securityAdmin) }), 403)
    await payload.delete({ collection: 'users', id: person.id, overrideAccess: true })
  })

  it('keeps the three administrators apart and requires a review level', async () => {
    const person = await payload.create({ collection: 'users', data: personData('兼任测试'), overrideAccess: true })
    await rejectsWithFieldError(
      payload.update({ collection: 'users', id: person.id, data: { roles: ['sysAdmin', 'auditor'] }, ...as(securityAdmin) }),
      /三员分立/,
    )
    await rejectsWithFieldError(
      payload.update({ collection: 'users', id: person.id, data: { roles: ['reviewer'] }, ...as(securityAdmin) }),
      /审核级别/,
    )
    await payload.delete({ collection: 'users', id: person.id, overrideAccess: true })
  })

  it('lets only sysAdmin delete people', async () => {
    const person = await payload.create({ collection: 'users', data: personData('删除测试'), overrideAccess: true })
    await rejectsWithStatus(payload.delete({ collection: 'users', id: person.id, ...as(securityAdmin) }), 403)
    await rejectsWithStatus(payload.delete({ collection: 'users', id: person.id, ...as(member) }), 403)
    await payload.delete({ collection: 'users', id: person.id, ...as(sysAdmin) })
    expect((await payload.count({ collection: 'users', where: { id: { equals: person.id } } })).totalDocs).toBe(0)
  })

  it('refuses sign-in to a disabled account', async () => {
    const email = `${unique('off')}@test.edu.cn`
    const person = await payload.create({ collection: 'users', data: personData('停用测试', { email }), overrideAccess: true })
    await payload.update({ collection: 'users', id: person.id, data: { active: false }, ...as(sysAdmin) })
    await expect(payload.login({ collection: 'users', data: { email, password: 'Vq7#Lm2$Xr9' } })).rejects.toThrow(/停用/)
    await payload.delete({ collection: 'users', id: person.id, overrideAccess: true })
  })
})

describe('political stage history', () => {
  it('appends a history entry on a stage change and never loses earlier ones', async () => {
    const person = await payload.create({
      collection: 'users',
      data: personData('历程测试', { politicalStage: 'activist', organization: member.organization as number }),
      ...as(sysAdmin),
    })
    expect(person.stageHistory?.map((e) => e.stage)).toEqual(['activist'])
    const promoted = await payload.update({
      collection: 'users',
      id: person.id,
      data: { politicalStage: 'developmentTarget', stageSince: '2026-06-01T00:00:00.000Z', stageChangeNote: '支委会讨论确定' },
      ...as(sysAdmin),
    })
    expect(promoted.stageHistory?.map((e) => [e.stage, e.note])).toEqual([
      ['activist', null],
      ['developmentTarget', '支委会讨论确定'],
    ])
    // An attempt to rewrite the history is ignored: the field is append-only.
    const rewritten = await payload.update({
      collection: 'users',
      id: person.id,
      data: { stageHistory: [{ stage: 'full', date: '2020-01-01T00:00:00.000Z' }] },
      ...as(sysAdmin),
    })
    expect(rewritten.stageHistory?.map((e) => e.stage)).toEqual(['activist', 'developmentTarget'])
    // As the admin form saves a change: the stored 起始日期 comes back unchanged with the new stage.
    // That date is the previous stage's; the new one starts on the day it is recorded.
    const before = Date.now()
    const asForm = await payload.update({
      collection: 'users',
      id: person.id,
      data: { politicalStage: 'probationary', stageSince: '2026-06-01T00:00:00.000Z', stageChangeNote: '支部大会通过接收为预备党员' },
      ...as(sysAdmin),
    })
    const last = asForm.stageHistory!.at(-1)!
    expect(last.stage).toBe('probationary')
    expect(new Date(last.date).getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(asForm.stageSince).toBe(last.date)
    await payload.delete({ collection: 'users', id: person.id, overrideAccess: true })
  })
})
