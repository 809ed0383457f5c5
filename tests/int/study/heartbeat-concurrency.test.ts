import { randomUUID } from 'crypto'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { poolOf } from '../../../src/db/pool'
import { itemMeta } from '../../../src/study/items'
import { releasePayload, testPayload } from '../../helpers/payload'
import { freshMember, publishedLesson } from '../../helpers/study'

/**
 * Heartbeat batches from several app-server workers run in the database at once. Each batch updates
 * per-organisation rollup rows; taken in member order, two batches with members of two branches
 * locked them crosswise and PostgreSQL aborted one (bench:ingest: thousands of deadlocks in a run,
 * each a second's wait and a batch of beats refused). Property: concurrent batches never deadlock,
 * and every beat in them is credited once.
 */
let payload: Payload
const MEMBERS = 40
const ROUNDS = 6

beforeAll(async () => {
  payload = await testPayload()
})

afterAll(async () => {
  await releasePayload(payload)
})

describe('concurrent heartbeat batches', () => {
  it('never deadlock, whatever order their members and branches come in', async () => {
    const pool = poolOf(payload)
    const branches = (await pool.query<{ id: number }>(`SELECT id FROM organizations WHERE type = 'branch' ORDER BY id LIMIT 2`)).rows.map(
      (r) => r.id,
    )
    expect(branches).toHaveLength(2)
    // Members alternate between the two branches in id order.
    const members: Array<{ id: number; org: number }> = []
    for (let i = 0; i < MEMBERS; i++) {
      const m = await freshMember(payload, { organization: branches[i % 2] })
      members.push({ id: Number(m.id), org: branches[i % 2] })
    }
    const lesson = await publishedLesson(payload, { kind: 'video', durationMinutes: 30 })
    const meta = (await itemMeta(payload, 'micro-lessons', Number(lesson.id)))!
    const t0 = new Date('2026-05-11T02:00:00Z').getTime()
    const beats = (who: typeof members, event: 'start' | 'heartbeat', at: number, position: number) =>
      who.map((m, idx) => ({
        idx,
        memberId: m.id,
        sid: null,
        collection: 'micro-lessons',
        itemId: Number(lesson.id),
        event,
        position,
        beatId: randomUUID(),
        scrolledToEnd: false,
        at: new Date(at).toISOString(),
        kind: meta.kind,
        durationSeconds: meta.durationSeconds,
        creditHours: meta.creditHours,
        quizRequired: meta.quizRequired,
      }))
    const credit = (list: ReturnType<typeof beats>) =>
      pool.query<{ status: string; credited: string }>('SELECT * FROM study_credit_beats($1::jsonb, 60, 1.5, 0.9, 45, 5)', [
        JSON.stringify(list),
      ])
    await credit(beats(members, 'start', t0, 0))

    // Two batches at once: one takes its members ascending (branch A, B, A, B…), the other descending.
    const half = members.filter((_, i) => i % 4 < 2)
    const other = members.filter((_, i) => i % 4 >= 2).reverse()
    const failures: string[] = []
    let credited = 0
    for (let r = 1; r <= ROUNDS; r++) {
      const at = t0 + r * 20_000
      const outcomes = await Promise.allSettled([
        credit(beats(half, 'heartbeat', at, r * 20)),
        credit(beats(other, 'heartbeat', at, r * 20)),
      ])
      for (const o of outcomes) {
        if (o.status === 'rejected') failures.push(String((o.reason as Error).message))
        else credited += o.value.rows.filter((row) => row.status === 'ok' && Number(row.credited) === 20).length
      }
    }
    expect(failures).toEqual([])
    expect(credited).toBe(MEMBERS * ROUNDS)
    const logged = await pool.query<{ n: number; s: string }>(
      `SELECT count(*)::int AS n, sum(credited_seconds) AS s FROM study_events WHERE member_id = ANY($1::int[]) AND kind = 'heartbeat'`,
      [members.map((m) => m.id)],
    )
    expect(logged.rows[0].n).toBe(MEMBERS * ROUNDS)
    expect(Number(logged.rows[0].s)).toBe(MEMBERS * ROUNDS * 20)
  })

  it('never deadlock when one member is in both (two tabs reopening the lesson), in one branch', async () => {
    const pool = poolOf(payload)
    const branch = (await pool.query<{ id: number }>(`SELECT id FROM organizations WHERE type = 'branch' ORDER BY id LIMIT 1`)).rows[0].id
    // Triples a < s < b by id: a and b study, s reopens the lesson in two tabs at once.
    const triples: Array<{ a: number; s: number; b: number }> = []
    for (let i = 0; i < 15; i++) {
      const [a, s, b] = [
        await freshMember(payload, { organization: branch }),
        await freshMember(payload, { organization: branch }),
        await freshMember(payload, { organization: branch }),
      ]
      triples.push({ a: Number(a.id), s: Number(s.id), b: Number(b.id) })
    }
    const lesson = await publishedLesson(payload, { kind: 'video', durationMinutes: 30 })
    const meta = (await itemMeta(payload, 'micro-lessons', Number(lesson.id)))!
    const t0 = new Date('2026-05-12T02:00:00Z').getTime()
    const one = (memberId: number, idx: number, event: 'start' | 'heartbeat', at: number, position: number) => ({
      idx,
      memberId,
      sid: null,
      collection: 'micro-lessons',
      itemId: Number(lesson.id),
      event,
      position,
      beatId: randomUUID(),
      scrolledToEnd: false,
      at: new Date(at).toISOString(),
      kind: meta.kind,
      durationSeconds: meta.durationSeconds,
      creditHours: meta.creditHours,
      quizRequired: meta.quizRequired,
    })
    const credit = (list: unknown[]) =>
      pool.query<{ status: string; credited: string }>('SELECT * FROM study_credit_beats($1::jsonb, 60, 1.5, 0.9, 45, 5)', [
        JSON.stringify(list),
      ])
    await credit(triples.flatMap((t, i) => [one(t.a, 2 * i, 'start', t0, 0), one(t.b, 2 * i + 1, 'start', t0, 0)]))
    const failures: string[] = []
    let credited = 0
    for (let r = 1; r <= 10; r++) {
      const at = t0 + r * 20_000
      // One batch: a's credited beat, then s reopening; the other: s reopening, then b's credited beat.
      const x = triples.flatMap((t, i) => [one(t.a, 2 * i, 'heartbeat', at, r * 20), one(t.s, 2 * i + 1, 'start', at, 0)])
      const y = triples.flatMap((t, i) => [one(t.s, 2 * i, 'start', at, 0), one(t.b, 2 * i + 1, 'heartbeat', at, r * 20)])
      for (const o of await Promise.allSettled([credit(x), credit(y)])) {
        if (o.status === 'rejected') failures.push(String((o.reason as Error).message))
        else credited += o.value.rows.filter((row) => row.status === 'ok' && Number(row.credited) === 20).length
      }
    }
    expect(failures).toEqual([])
    expect(credited).toBe(2 * triples.length * 10)
  })
})
