import { closePayload } from '../../src/db/migrate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'

import { seedDemoData } from '../../seed'
import { DEMO_ACCOUNTS } from '../../seed/people'
import { testPayload } from '../helpers/payload'

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
})
afterAll(async () => {
  await closePayload(payload)
})

const counts = async () => ({
  users: (await payload.count({ collection: 'users', where: { email: { like: '@demo.edu.cn' } } })).totalDocs,
  organizations: (await payload.count({ collection: 'organizations', where: { code: { exists: true } } })).totalDocs,
  themes: (await payload.count({ collection: 'themes' })).totalDocs,
  questions: (await payload.count({ collection: 'questions' })).totalDocs,
  sensitiveWords: (await payload.count({ collection: 'sensitive-words' })).totalDocs,
})

describe('demo seed', () => {
  it('creates nothing the second time (the global setup already ran it once)', async () => {
    const before = await counts()
    const report = await seedDemoData(payload)
    expect(report.created).toEqual({})
    expect(await counts()).toEqual(before)
  })

  it('holds a believable university with one demo account per role', async () => {
    const orgs = await payload.find({ collection: 'organizations', limit: 0, depth: 0 })
    const byType = (t: string) => orgs.docs.filter((o) => o.type === t).length
    expect(byType('universityCommittee')).toBe(1)
    expect(byType('collegeCommittee')).toBe(3)
    expect(byType('branch')).toBeGreaterThanOrEqual(8)
    const roles = new Set(DEMO_ACCOUNTS.flatMap((a) => a.roles))
    for (const r of ['member', 'branchSecretary', 'propagandaEditor', 'courseCurator', 'reviewer', 'sysAdmin', 'securityAdmin', 'auditor']) {
      expect(roles).toContain(r)
    }
    const stages = await payload.find({ collection: 'users', limit: 0, depth: 0, select: { politicalStage: true } })
    expect(new Set(stages.docs.map((u) => u.politicalStage))).toEqual(
      new Set(['masses', 'applicant', 'activist', 'developmentTarget', 'probationary', 'full']),
    )
  })
})
