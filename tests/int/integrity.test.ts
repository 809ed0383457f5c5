import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closePayload } from '../../src/db/migrate'
import { analyseIntegrity, heldSeconds, previousShanghaiDay } from '../../src/integrity/analyse'
import { clearItemCache } from '../../src/study/items'
import { poolOf } from '../../src/study/service'
import { beat, freshMember } from '../helpers/study'
import { publishedLesson } from '../helpers/study'
import { demoUser, rejectsWithFieldError, rejectsWithStatus, testPayload, type TestUser } from '../helpers/payload'

/** A day no other test studies on (Asia/Shanghai). */
const DAY = '2026-04-14'
const at = (seconds: number) => new Date(new Date(`${DAY}T09:00:00+08:00`).getTime() + seconds * 1000)

let payload: Payload
let secretary: TestUser
let otherSecretary: TestUser
let bot: TestUser
let honest: TestUser
let lessons: Array<{ id: number }>

/** A seeded random source (mulberry32). */
const rng = (seed: number) => () => {
  seed |= 0
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const flagsOf = async (memberId: number) =>
  (await payload.find({ collection: 'integrity-flags', where: { member: { equals: memberId } }, overrideAccess: true, depth: 0, limit: 50, sort: 'kind' })).docs

beforeAll(async () => {
  payload = await testPayload()
  clearItemCache()
  secretary = await demoUser('secretary@demo.edu.cn')
  const branch = secretary.organization as number
  // The secretary of another branch (seeded: every branch has one).
  const other = await poolOf(payload).query<{ secretary_id: number }>(
    `SELECT secretary_id FROM organizations WHERE type = 'branch' AND id <> $1 AND secretary_id IS NOT NULL AND secretary_id <> $2 ORDER BY id LIMIT 1`,
    [branch, secretary.id],
  )
  const otherDoc = await payload.findByID({ collection: 'users', id: other.rows[0].secretary_id, depth: 0, overrideAccess: true })
  otherSecretary = { ...otherDoc, collection: 'users' } as TestUser
  expect(otherSecretary.roles).toContain('branchSecretary')
  expect(otherSecretary.organization).not.toBe(branch)
  bot = await freshMember(payload, { organization: branch })
  honest = await freshMember(payload, { organization: branch })
  lessons = await Promise.all([1, 2, 3].map(() => publishedLesson(payload, { kind: 'video', durationMinutes: 3 }))) as never
}, 180_000)
afterAll(async () => {
  await closePayload(payload)
})

describe('study-integrity analysis (issue 13 §2)', () => {
  it('flags a clockwork bot sent through the real heartbeat path, and not an honest member', async () => {
    // The bot: a beat exactly every 20 s, its position the time since it opened the lesson, the
    // next lesson opened the moment the previous one is done: 3 × 180 s of video.
    let t = 0
    for (const lesson of lessons) {
      const open = t
      await beat(payload, bot, lesson, 'start', at(t), { position: 0 })
      for (let k = 0; k < 10; k++) {
        t += 20
        await beat(payload, bot, lesson, 'heartbeat', at(t), { position: t - open })
      }
    }
    // The honest member: the same lessons an hour later, a beat every 20 counted seconds arriving
    // with timer and network jitter, a tab switch now and then, a pause between lessons.
    const r = rng(7)
    t = 3600
    for (const lesson of lessons) {
      await beat(payload, honest, lesson, 'start', at(t), { position: 0 })
      let media = 0
      for (let k = 0; k < 10; k++) {
        const counted = 20
        const hidden = r() < 0.15 ? 3 + r() * 20 : 0
        t += counted + hidden + (r() - 0.5) * 0.6
        media += counted
        await beat(payload, honest, lesson, 'heartbeat', at(t), { position: media + (r() - 0.5) * 0.2 })
      }
      t += 40 + r() * 120
    }

    const result = await analyseIntegrity(payload, { from: DAY }, { memberIds: [bot.id as number, honest.id as number] })
    expect(result.days).toEqual([DAY])
    expect(result.members).toBe(2)

    expect(await flagsOf(honest.id as number)).toEqual([])
    const flags = await flagsOf(bot.id as number)
    expect(flags.map((f) => f.kind).sort()).toEqual(['lockstepPositions', 'regularBeats'])
    const regular = flags.find((f) => f.kind === 'regularBeats')!
    expect(regular.status).toBe('pending')
    expect(regular.organization).toBe(secretary.organization)
    expect(regular.day).toBe(DAY)
    expect(regular.flagKey).toBe(`${bot.id}:regularBeats:${DAY}`)
    // All the bot's credited time is in the regular run.
    const { rows } = await poolOf(payload).query(`SELECT SUM(credited_seconds) AS s FROM study_events WHERE member_id = $1`, [bot.id])
    expect(Number(rows[0].s)).toBeGreaterThan(500)
    expect(regular.secondsHeld).toBeCloseTo(Number(rows[0].s), 0)
    expect(regular.summary).toMatch(/心跳间隔几乎完全相同/)
    expect((regular.evidence as { coefficientOfVariation: number }).coefficientOfVariation).toBeLessThan(0.002)
    expect(regular.items).toHaveLength(3)
    expect(await heldSeconds(payload, bot.id as number)).toBeCloseTo(Number(rows[0].s), 0)
    expect(await heldSeconds(payload, honest.id as number)).toBe(0)

    // Idempotent: a second run writes nothing new.
    const again = await analyseIntegrity(payload, { from: DAY }, { memberIds: [bot.id as number, honest.id as number] })
    expect(again.created).toBe(0)
    expect(await flagsOf(bot.id as number)).toHaveLength(2)
  })

  it('the member reads their own flag and its evidence, and cannot change it', async () => {
    const mine = await payload.find({ collection: 'integrity-flags', user: bot, overrideAccess: false, depth: 0 })
    expect(mine.docs.map((d) => d.kind).sort()).toEqual(['lockstepPositions', 'regularBeats'])
    expect(mine.docs.every((d) => d.summary.length > 10)).toBe(true)
    const other = await payload.find({ collection: 'integrity-flags', user: honest, overrideAccess: false, where: { member: { equals: bot.id } }, depth: 0 })
    expect(other.docs).toEqual([])
    await rejectsWithStatus(
      payload.update({ collection: 'integrity-flags', id: mine.docs[0].id, user: bot, overrideAccess: false, data: { status: 'cleared', reason: '我是认真学习的' } }),
      403,
    )
    expect((await flagsOf(bot.id as number)).every((f) => f.status === 'pending')).toBe(true)
  })

  it("a secretary of another branch can neither read nor review the bot's flags", async () => {
    const seen = await payload.find({ collection: 'integrity-flags', user: otherSecretary, overrideAccess: false, where: { member: { equals: bot.id } }, depth: 0 })
    expect(seen.docs).toEqual([])
    const [flag] = await flagsOf(bot.id as number)
    const error = await payload
      .update({ collection: 'integrity-flags', id: flag.id, user: otherSecretary, overrideAccess: false, data: { status: 'cleared', reason: '情况属实，正常学习' } })
      .then(() => null, (e: { status?: number }) => e)
    expect(error && [403, 404]).toContain(error?.status)
    expect((await flagsOf(bot.id as number)).every((f) => f.status === 'pending')).toBe(true)
  })

  it("the bot's own secretary reviews with a reason, audited; only status and reason can change", async () => {
    const flags = await flagsOf(bot.id as number)
    const regular = flags.find((f) => f.kind === 'regularBeats')!
    const lockstep = flags.find((f) => f.kind === 'lockstepPositions')!
    // The secretary reads them (the branch's flags).
    const seen = await payload.find({ collection: 'integrity-flags', user: secretary, overrideAccess: false, where: { member: { equals: bot.id } }, depth: 0 })
    expect(seen.docs).toHaveLength(2)
    // The committee staff of the college and of the university read them too.
    for (const email of ['college@demo.edu.cn', 'committee@demo.edu.cn']) {
      const viewer = await demoUser(email)
      const r = await payload.find({ collection: 'integrity-flags', user: viewer, overrideAccess: false, where: { member: { equals: bot.id } }, depth: 0 })
      expect(r.docs).toHaveLength(2)
      await rejectsWithStatus(payload.update({ collection: 'integrity-flags', id: regular.id, user: viewer, overrideAccess: false, data: { status: 'cleared', reason: '正常' } }), 403)
    }
    // No reason, no change.
    await rejectsWithFieldError(
      payload.update({ collection: 'integrity-flags', id: regular.id, user: secretary, overrideAccess: false, data: { status: 'cleared' } }),
      /必须填写理由/,
    )
    // The evidence and the held seconds are not the secretary's to edit.
    await rejectsWithStatus(
      payload.update({ collection: 'integrity-flags', id: regular.id, user: secretary, overrideAccess: false, data: { secondsHeld: 0 } as never }),
      403,
    )
    const cleared = await payload.update({
      collection: 'integrity-flags',
      id: regular.id,
      user: secretary,
      overrideAccess: false,
      depth: 0,
      data: { status: 'cleared', reason: '经与本人核实，系使用自动播放插件观看，已提醒；时长予以认可' },
    })
    expect(cleared.status).toBe('cleared')
    expect(cleared.reviewer).toBe(secretary.id)
    expect(cleared.reviewedAt).toBeTruthy()
    const audit = await payload.find({
      collection: 'audit-logs',
      where: { and: [{ targetCollection: { equals: 'integrity-flags' } }, { documentId: { equals: String(regular.id) } }] },
      overrideAccess: true,
      depth: 0,
    })
    expect(audit.docs).toHaveLength(1)
    expect(audit.docs[0].actor).toBe(secretary.id)
    expect(audit.docs[0].summary).toMatch(/待核实 → 已核实为正常/)

    // Still held: the lockstep flag is pending (the larger of a day's flags is held).
    const heldBefore = await heldSeconds(payload, bot.id as number)
    expect(heldBefore).toBeCloseTo(lockstep.secondsHeld, 0)
    await payload.update({ collection: 'integrity-flags', id: lockstep.id, user: secretary, overrideAccess: false, data: { status: 'confirmed', reason: '确认为脚本刷时长' } })
    // A confirmed flag stays held; a cleared one is released.
    expect(await heldSeconds(payload, bot.id as number)).toBeCloseTo(lockstep.secondsHeld, 0)

    // A rerun of the analysis leaves reviewed flags as they are.
    const again = await analyseIntegrity(payload, { from: DAY }, { memberIds: [bot.id as number] })
    expect(again.created + again.updated).toBe(0)
    const after = await flagsOf(bot.id as number)
    expect(after.map((f) => f.status).sort()).toEqual(['cleared', 'confirmed'])
  })

  it('the nightly task analyses yesterday in Asia/Shanghai', async () => {
    expect(previousShanghaiDay('2026-04-15')).toBe(DAY)
    expect(previousShanghaiDay(new Date('2026-04-14T16:30:00Z'))).toBe(DAY) // 00:30 on the 15th in Shanghai
    expect(previousShanghaiDay(new Date('2026-04-15T15:59:00Z'))).toBe(DAY) // 23:59 on the 15th
    // A second bot the earlier (per-member) runs never looked at: the nightly run covers everyone.
    const bot2 = await freshMember(payload, { organization: secretary.organization })
    let t = 7200
    for (const lesson of lessons) {
      const open = t
      await beat(payload, bot2, lesson, 'start', at(t), { position: 0 })
      for (let k = 0; k < 10; k++) {
        t += 20
        await beat(payload, bot2, lesson, 'heartbeat', at(t), { position: t - open })
      }
    }
    expect(await flagsOf(bot2.id as number)).toEqual([])
    const job = (await payload.jobs.queue({ task: 'studyIntegrity' as never, input: { period: '2026-04-15' } as never })) as unknown as { id: number }
    const run = await payload.jobs.runByID({ id: job.id })
    expect(JSON.stringify(run.jobStatus)).toMatch(/success/)
    expect((await flagsOf(bot2.id as number)).map((f) => f.kind).sort()).toEqual(['lockstepPositions', 'regularBeats'])
    // Nothing new for the first bot (already flagged and reviewed), and still nothing for the honest member.
    expect(await flagsOf(bot.id as number)).toHaveLength(2)
    expect(await flagsOf(honest.id as number)).toEqual([])
  })
})
