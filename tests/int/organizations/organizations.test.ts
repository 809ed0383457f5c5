import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'

import {
  demoUser,
  personData,
  rejectsWithFieldError,
  rejectsWithStatus,
  releasePayload,
  testPayload,
  type TestUser,
  unique,
} from '../../helpers/payload'

let payload: Payload
let sysAdmin: TestUser
let member: TestUser
const idOfCode = async (code: string) =>
  (await payload.find({ collection: 'organizations', where: { code: { equals: code } }, depth: 0 })).docs[0]

beforeAll(async () => {
  payload = await testPayload()
  sysAdmin = await demoUser('sysadmin@demo.edu.cn')
  member = await demoUser('member@demo.edu.cn')
})
afterAll(async () => {
  await releasePayload(payload)
})

const as = (user: TestUser) => ({ user, overrideAccess: false as const, depth: 0 })

describe('the organisation tree', () => {
  it('refuses a branch directly under the university committee, with a message naming the rule', async () => {
    const uc = await idOfCode('UC')
    await rejectsWithFieldError(
      payload.create({ collection: 'organizations', data: { name: '错挂支部', type: 'branch', parent: uc.id }, ...as(sysAdmin) }),
      /党支部的上级必须是院\(系\)党委/,
    )
  })

  it('refuses a college committee without a parent and a university committee with one', async () => {
    await rejectsWithFieldError(
      payload.create({ collection: 'organizations', data: { name: '无上级学院', type: 'collegeCommittee' }, ...as(sysAdmin) }),
      /必须选择上级组织/,
    )
    const college = await idOfCode('C-INFO')
    await rejectsWithFieldError(
      payload.create({
        collection: 'organizations',
        data: { name: '第二党委', type: 'universityCommittee', parent: college.id },
        ...as(sysAdmin),
      }),
      /不能有上级组织/,
    )
  })

  it('accepts a well-placed branch and refuses a type change that would strand its children', async () => {
    const college = await idOfCode('C-MARX')
    const branch = await payload.create({
      collection: 'organizations',
      data: { name: '新建测试支部', code: unique('B'), type: 'branch', parent: college.id },
      ...as(sysAdmin),
    })
    expect(branch.complianceState).toBe('warning')
    expect(branch.complianceIssues).toEqual(['tooFewFullMembers'])
    await rejectsWithFieldError(
      payload.update({ collection: 'organizations', id: college.id, data: { type: 'branch' }, ...as(sysAdmin) }),
      /下级组织/,
    )
    await payload.delete({ collection: 'organizations', id: branch.id, ...as(sysAdmin) })
  })

  it('refuses deleting an organisation that still has people (409) and keeps it', async () => {
    const branch = await idOfCode('B-INFO-UG1')
    const error = await rejectsWithStatus(payload.delete({ collection: 'organizations', id: branch.id, ...as(sysAdmin) }), 409)
    expect(error.message).toMatch(/请先转移/)
    expect(await idOfCode('B-INFO-UG1')).toBeTruthy()
  })

  it('refuses a term that ends before it starts', async () => {
    const branch = await idOfCode('B-INFO-GRAD')
    await rejectsWithFieldError(
      payload.update({
        collection: 'organizations',
        id: branch.id,
        data: { termStart: '2026-01-01T00:00:00.000Z', termEnd: '2025-01-01T00:00:00.000Z' },
        ...as(sysAdmin),
      }),
      /任期结束日期/,
    )
  })
})

describe('organisation access', () => {
  it('lets every signed-in user read the tree but only sysAdmin change it', async () => {
    const read = await payload.find({ collection: 'organizations', ...as(member), limit: 0 })
    expect(read.totalDocs).toBeGreaterThanOrEqual(12)
    const branch = await idOfCode('B-INFO-UG1')
    await rejectsWithStatus(payload.update({ collection: 'organizations', id: branch.id, data: { name: '改名' }, ...as(member) }), 403)
    await rejectsWithStatus(payload.create({ collection: 'organizations', data: { name: 'x', type: 'branch' }, ...as(member) }), 403)
    const editor = await demoUser('editor@demo.edu.cn')
    await rejectsWithStatus(payload.delete({ collection: 'organizations', id: branch.id, ...as(editor) }), 403)
    await rejectsWithStatus(payload.find({ collection: 'organizations', overrideAccess: false }), 403)
  })

  it('ignores attempts to type the computed counts', async () => {
    const branch = await idOfCode('B-MARX-UG')
    const updated = await payload.update({
      collection: 'organizations',
      id: branch.id,
      data: { fullMemberCount: 99, complianceState: 'ok' },
      ...as(sysAdmin),
    })
    expect(updated.fullMemberCount).toBe(branch.fullMemberCount)
    expect(updated.complianceState).toBe('warning')
  })
})

describe('counts and compliance', () => {
  it('shows the seeded warnings: too few full members, committee missing, too many members', async () => {
    expect((await idOfCode('B-MARX-UG')).complianceIssues).toEqual(['tooFewFullMembers'])
    expect((await idOfCode('B-INFO-STAFF')).complianceIssues).toEqual(['committeeRequired'])
    const big = await idOfCode('B-INFO-UG2')
    expect(big.memberCount).toBeGreaterThan(50)
    expect(big.complianceIssues).toEqual(['tooManyMembers'])
    expect((await idOfCode('B-INFO-UG1')).complianceState).toBe('ok')
  })

  it('recounts a branch and its ancestors when a full member joins, moves or leaves', async () => {
    const small = await idOfCode('B-MARX-UG')
    const college = await idOfCode('C-MARX')
    const person = await payload.create({
      collection: 'users',
      data: personData('计数测试', { politicalStage: 'full', organization: small.id }),
      ...as(sysAdmin),
    })
    const after = await idOfCode('B-MARX-UG')
    expect(after.fullMemberCount).toBe((small.fullMemberCount ?? 0) + 1)
    expect(after.complianceIssues).toEqual([])
    expect((await idOfCode('C-MARX')).fullMemberCount).toBe((college.fullMemberCount ?? 0) + 1)

    const other = await idOfCode('B-MARX-GRAD')
    await payload.update({ collection: 'users', id: person.id, data: { organization: other.id }, ...as(sysAdmin) })
    expect((await idOfCode('B-MARX-UG')).complianceIssues).toEqual(['tooFewFullMembers'])
    expect((await idOfCode('B-MARX-GRAD')).fullMemberCount).toBe((other.fullMemberCount ?? 0) + 1)

    await payload.delete({ collection: 'users', id: person.id, ...as(sysAdmin) })
    expect((await idOfCode('B-MARX-GRAD')).fullMemberCount).toBe(other.fullMemberCount)
  })

  it('clears the committee warning when the branch records its committee', async () => {
    const branch = await idOfCode('B-INFO-STAFF')
    const fixed = await payload.update({ collection: 'organizations', id: branch.id, data: { hasCommittee: true }, ...as(sysAdmin) })
    expect(fixed.complianceState).toBe('ok')
    await payload.update({ collection: 'organizations', id: branch.id, data: { hasCommittee: false }, ...as(sysAdmin) })
  })

  it('re-judges every branch when sysAdmin changes the rule numbers', async () => {
    await payload.updateGlobal({ slug: 'platform-settings', data: { branchMinFullMembers: 5 }, ...as(sysAdmin) })
    expect((await idOfCode('B-INFO-UG1')).complianceIssues).toEqual(['tooFewFullMembers'])
    await payload.updateGlobal({ slug: 'platform-settings', data: { branchMinFullMembers: 3 }, ...as(sysAdmin) })
    expect((await idOfCode('B-INFO-UG1')).complianceIssues).toEqual([])
  })

  it('refuses settings changes from anyone but sysAdmin', async () => {
    await rejectsWithStatus(payload.updateGlobal({ slug: 'platform-settings', data: { annualStudyHoursTarget: 1 }, ...as(member) }), 403)
    const settings = await payload.findGlobal({ slug: 'platform-settings', ...as(member) })
    expect(settings.annualStudyHoursTarget).toBe(32)
  })
})
