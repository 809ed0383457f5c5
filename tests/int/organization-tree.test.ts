import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closePayload } from '../../src/db/migrate'
import { poolOf } from '../../src/db/pool'
import { ancestors, descendants, stopOrganizationTreeListener } from '../../src/organizations/tree'
import { viewerById } from '../../src/viewer'
import { demoUser, testPayload } from '../helpers/payload'

/**
 * One organisation tree, cached in each process: a change made anywhere (here: another connection,
 * as another app instance or a script would, with none of this process's hooks running) reaches the
 * cache through the database's NOTIFY, so chains and subtrees never answer from a stale tree.
 */
let payload: Payload
let other: pg.Client
type Org = { id: number; parent_id: number | null; type: string }
let orgs: Org[]

beforeAll(async () => {
  payload = await testPayload()
  orgs = (await poolOf(payload).query<Org>(`SELECT id, parent_id, type::text FROM organizations ORDER BY id`)).rows
  other = new pg.Client(poolOf(payload).options)
  await other.connect()
})

afterAll(async () => {
  await other?.end()
  await stopOrganizationTreeListener()
  await closePayload(payload)
})

describe('the organisation tree', () => {
  it('gives each branch its chain up to the university, and each committee its subtree', async () => {
    const university = orgs.find((o) => o.parent_id === null)!
    const branch = orgs.find((o) => o.type === 'branch')!
    const college = orgs.find((o) => o.id === branch.parent_id)!
    expect(await ancestors(payload, branch.id)).toEqual([branch.id, college.id, university.id])
    const under = await descendants(payload, college.id)
    expect(under[0]).toBe(college.id)
    expect(new Set(under)).toEqual(new Set([college.id, ...orgs.filter((o) => o.parent_id === college.id).map((o) => o.id)]))
    expect(new Set(await descendants(payload, university.id))).toEqual(new Set(orgs.map((o) => o.id)))
    expect(await ancestors(payload, 99_999_999)).toEqual([])
    expect(await descendants(payload, 99_999_999)).toEqual([])
  })

  it('hears a move made by another connection, and the viewer and the committee scope follow it', async () => {
    const member = await demoUser('member@demo.edu.cn')
    const branchId = Number(typeof member.organization === 'object' ? member.organization?.id : member.organization)
    const branch = orgs.find((o) => o.id === branchId)!
    const colleges = orgs.filter((o) => o.type === 'collegeCommittee')
    const from = branch.parent_id!
    const to = colleges.find((c) => c.id !== from)!.id
    const university = orgs.find((o) => o.parent_id === null)!.id
    // Cached now.
    expect(await ancestors(payload, branchId)).toEqual([branchId, from, university])
    expect((await viewerById(payload, member.id))?.orgChain).toEqual([branchId, from, university])
    try {
      await other.query(`UPDATE organizations SET parent_id = $1 WHERE id = $2`, [to, branchId])
      await expect.poll(() => ancestors(payload, branchId), { timeout: 5_000, interval: 50 }).toEqual([branchId, to, university])
      expect((await viewerById(payload, member.id))?.orgChain).toEqual([branchId, to, university])
      expect(await descendants(payload, to)).toContain(branchId)
      expect(await descendants(payload, from)).not.toContain(branchId)
    } finally {
      await other.query(`UPDATE organizations SET parent_id = $1 WHERE id = $2`, [from, branchId])
    }
    await expect.poll(() => ancestors(payload, branchId), { timeout: 5_000, interval: 50 }).toEqual([branchId, from, university])
  })

  it('hears a new organisation and a removed one', async () => {
    const college = orgs.find((o) => o.type === 'collegeCommittee')!
    const { rows } = await other.query<{ id: number }>(
      `INSERT INTO organizations (name, code, type, parent_id, updated_at, created_at) VALUES ('临时测试支部', 'TMP-TREE-1', 'branch', $1, now(), now()) RETURNING id`,
      [college.id],
    )
    const id = rows[0].id
    try {
      await expect.poll(() => descendants(payload, college.id), { timeout: 5_000, interval: 50 }).toContain(id)
    } finally {
      await other.query(`DELETE FROM organizations WHERE id = $1`, [id])
    }
    await expect.poll(() => descendants(payload, college.id), { timeout: 5_000, interval: 50 }).not.toContain(id)
  })
})
