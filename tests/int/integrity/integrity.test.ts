import { REST_PATCH } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { cockpitData } from '../../../src/cockpit/data'
import { memberList } from '../../../src/cockpit/lists'
import { rebuildRollups } from '../../../src/cockpit/rollups'
import { scopeOf } from '../../../src/cockpit/scope'
import { analyseIntegrity, heldSeconds, previousShanghaiDay } from '../../../src/integrity/analyse'
import { heldStudy, pendingFlagsOf } from '../../../src/integrity/held'
import { learningArchive } from '../../../src/study/archive'
import { yearHours } from '../../../src/study/read'
import { clearItemCache } from '../../../src/study/items'
import { poolOf } from '../../../src/db/pool'
import { beat, freshMember } from '../../helpers/study'
import { publishedLesson } from '../../helpers/study'
import {
  demoUser,
  rejectsWithFieldError,
  rejectsWithStatus,
  releasePayload,
  testPayload,
  type TestUser,
  tokenFor,
} from '../../helpers/payload'
import type { RestBody } from '../../helpers/rest'

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
  (
    await payload.find({
      collection: 'integrity-flags',
      where: { member: { equals: memberId } },
      overrideAccess: true,
      depth: 0,
      limit: 50,
      sort: 'kind',
    })
  ).docs

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
  // Probationary, not full: full members in the demo branch would change the compliance other files check.
  bot = await freshMember(payload, { organization: branch, politicalStage: 'probationary' })
  honest = await freshMember(payload, { organization: branch, politicalStage: 'probationary' })
  lessons = await Promise.all([1, 2, 3].map(() => publishedLesson(payload, { kind: 'video', durationMinutes: 3 })))
}, 180_000)
afterAll(async () => {
  await releasePayload(payload)
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
    const other = await payload.find({
      collection: 'integrity-flags',
      user: honest,
      overrideAccess: false,
      where: { member: { equals: bot.id } },
      depth: 0,
    })
    expect(other.docs).toEqual([])
    await rejectsWithStatus(
      payload.update({
        collection: 'integrity-flags',
        id: mine.docs[0].id,
        user: bot,
        overrideAccess: false,
        data: { status: 'cleared', reason: '我是认真学习的' },
      }),
      403,
    )
    expect((await flagsOf(bot.id as number)).every((f) => f.status === 'pending')).toBe(true)
  })

  it("a secretary of another branch can neither read nor review the bot's flags", async () => {
    const seen = await payload.find({
      collection: 'integrity-flags',
      user: otherSecretary,
      overrideAccess: false,
      where: { member: { equals: bot.id } },
      depth: 0,
    })
    expect(seen.docs).toEqual([])
    const [flag] = await flagsOf(bot.id as number)
    const error = await payload
      .update({
        collection: 'integrity-flags',
        id: flag.id,
        user: otherSecretary,
        overrideAccess: false,
        data: { status: 'cleared', reason: '情况属实，正常学习' },
      })
      .then(
        () => null,
        (e: { status?: number }) => e,
      )
    expect(error && [403, 404]).toContain(error?.status)
    expect((await flagsOf(bot.id as number)).every((f) => f.status === 'pending')).toBe(true)
  })

  it("the bot's own secretary reviews with a reason, audited; only status and reason can change", async () => {
    const flags = await flagsOf(bot.id as number)
    const regular = flags.find((f) => f.kind === 'regularBeats')!
    const lockstep = flags.find((f) => f.kind === 'lockstepPositions')!
    // The secretary reads them (the branch's flags).
    const seen = await payload.find({
      collection: 'integrity-flags',
      user: secretary,
      overrideAccess: false,
      where: { member: { equals: bot.id } },
      depth: 0,
    })
    expect(seen.docs).toHaveLength(2)
    // The committee staff of the college and of the university read them too.
    for (const email of ['college@demo.edu.cn', 'committee@demo.edu.cn']) {
      const viewer = await demoUser(email)
      const r = await payload.find({
        collection: 'integrity-flags',
        user: viewer,
        overrideAccess: false,
        where: { member: { equals: bot.id } },
        depth: 0,
      })
      expect(r.docs).toHaveLength(2)
      await rejectsWithStatus(
        payload.update({
          collection: 'integrity-flags',
          id: regular.id,
          user: viewer,
          overrideAccess: false,
          data: { status: 'cleared', reason: '正常' },
        }),
        403,
      )
    }
    // No reason, no change.
    await rejectsWithFieldError(
      payload.update({
        collection: 'integrity-flags',
        id: regular.id,
        user: secretary,
        overrideAccess: false,
        data: { status: 'cleared' },
      }),
      /必须填写理由/,
    )
    // The evidence and the held seconds are not the secretary's to edit.
    await rejectsWithStatus(
      payload.update({ collection: 'integrity-flags', id: regular.id, user: secretary, overrideAccess: false, data: { secondsHeld: 0 } }),
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
    await payload.update({
      collection: 'integrity-flags',
      id: lockstep.id,
      user: secretary,
      overrideAccess: false,
      data: { status: 'confirmed', reason: '确认为脚本刷时长' },
    })
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
    const bot2 = await freshMember(payload, { organization: secretary.organization, politicalStage: 'probationary' })
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
    const job = (await payload.jobs.queue({ task: 'studyIntegrity', input: { period: '2026-04-15' } })) as unknown as { id: number }
    const run = await payload.jobs.runByID({ id: job.id })
    expect(JSON.stringify(run.jobStatus)).toMatch(/success/)
    expect((await flagsOf(bot2.id as number)).map((f) => f.kind).sort()).toEqual(['lockstepPositions', 'regularBeats'])
    // Nothing new for the first bot (already flagged and reviewed), and still nothing for the honest member.
    expect(await flagsOf(bot.id as number)).toHaveLength(2)
    expect(await flagsOf(honest.id as number)).toEqual([])
  })
})

/**
 * The hold-out (issue 13 §2): a flag's 学时 are out of every total while it is pending, back when
 * the secretary clears it, out for good when confirmed; the cockpit keeps equalling the raw tables.
 */
describe('held 学时 (issue 13 §2)', () => {
  const YEAR = 2026
  /** A clockwork bot on `day`: three 3-minute videos, a beat exactly every 20 s, position = wall time since opening. */
  const runBot = async (member: TestUser, day: string) => {
    const on = (seconds: number) => new Date(new Date(`${day}T14:00:00+08:00`).getTime() + seconds * 1000)
    let t = 0
    for (const lesson of lessons) {
      const open = t
      await beat(payload, member, lesson, 'start', on(t), { position: 0 })
      for (let k = 0; k < 10; k++) {
        t += 20
        await beat(payload, member, lesson, 'heartbeat', on(t), { position: t - open })
      }
    }
  }
  const rawHours = async (memberId: number, opts: { held?: boolean } = {}) => {
    const { rows } = await poolOf(payload).query(
      `SELECT coalesce(sum(hours_credited), 0) AS h FROM study_progress WHERE member_id = $1 AND completed_at IS NOT NULL
          AND extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai') = $2 AND ($3::boolean IS NULL OR held = $3)`,
      [memberId, YEAR, opts.held ?? null],
    )
    return Number(rows[0].h)
  }
  const rollupHours = async (memberId: number) =>
    Number(
      (
        await poolOf(payload).query(`SELECT coalesce(sum(hours), 0) AS h FROM study_member_year WHERE member_id = $1 AND year = $2`, [
          memberId,
          YEAR,
        ])
      ).rows[0].h,
    )
  /** What the secretary's cockpit shows for one member (the rollups), next to the member's own yearHours. */
  const shown = async (member: TestUser) => {
    const scope = await scopeOf({ user: secretary, payload })
    const list = await memberList(payload, scope, {}, new Date(), YEAR)
    return {
      yearHours: (await yearHours(payload, member, YEAR)).hours,
      rollup: await rollupHours(member.id as number),
      cockpitList: list.rows.find((r) => r.id === member.id)?.hours,
      archive: (await learningArchive(payload, member.id as number))!.hoursByYear.find((y) => y.year === YEAR)?.hours ?? 0,
    }
  }
  /**
   * The branch's cockpit figures equal the raw tables with held rows left out (cf. tests/int/cockpit/cockpit.test.ts):
   * online 学时 from study_progress, plus the offline entries of the 学时台账 (the seeded training), each member
   * against their role's target.
   */
  const OFFLINE = `(SELECT coalesce(sum(h.hours), 0) FROM study_hours h WHERE h.member_id = u.id AND h.source <> 'online' AND NOT h.held AND h.year = $2)`
  const expectCockpitEqualsRaw = async () => {
    const scope = await scopeOf({ user: secretary, payload })
    const data = await cockpitData(payload, scope, new Date(), YEAR)
    const pool = poolOf(payload)
    const totals = (
      await pool.query(
        `WITH m AS (
           SELECT u.id, (SELECT coalesce(sum(hours_credited), 0) FROM study_progress p WHERE p.member_id = u.id AND p.completed_at IS NOT NULL AND NOT p.held
                          AND extract(year FROM p.completed_at AT TIME ZONE 'Asia/Shanghai') = $2) + ${OFFLINE} AS hours,
                  EXISTS (SELECT 1 FROM users_roles c WHERE c.parent_id = u.id AND c.value IN ('branchSecretary', 'partyCommittee')) AS cadre
             FROM users u WHERE u.organization_id = ANY($1::int[]) AND u.active IS NOT FALSE AND u.political_stage::text IN ('probationary', 'full')
              AND EXISTS (SELECT 1 FROM users_roles r WHERE r.parent_id = u.id AND r.value = 'member'))
         SELECT count(*)::int AS members, count(*) FILTER (WHERE hours >= CASE WHEN cadre THEN $5::numeric ELSE $3::numeric END)::int AS on_pace,
                count(*) FILTER (WHERE hours >= CASE WHEN cadre THEN $6::numeric ELSE $4::numeric END)::int AS at_target,
                count(*) FILTER (WHERE hours = 0)::int AS zero, coalesce(sum(hours), 0) AS hours FROM m`,
        [scope.orgIds, YEAR, data.expectedHours, data.target, data.cadreExpectedHours, data.cadreTarget],
      )
    ).rows[0]
    expect(data.study.members).toBe(totals.members)
    expect(data.study.onPace).toBe(totals.on_pace)
    expect(data.study.atTarget).toBe(totals.at_target)
    expect(data.study.distribution.find((d) => d.band === 'zero')!.members).toBe(totals.zero)
    expect(Math.abs(data.study.averageHours - (totals.members ? Number(totals.hours) / totals.members : 0))).toBeLessThanOrEqual(
      0.05 + 1e-9,
    )
    const months = (
      await pool.query(
        `SELECT month, sum(hours) AS hours FROM (
           SELECT extract(month FROM completed_at AT TIME ZONE 'Asia/Shanghai')::int AS month, hours_credited AS hours FROM study_progress
            WHERE completed_at IS NOT NULL AND NOT held AND coalesce(organization_id, 0) = ANY($1::int[]) AND extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai') = $2
           UNION ALL
           SELECT extract(month FROM counts_on AT TIME ZONE 'Asia/Shanghai')::int, hours FROM study_hours
            WHERE source <> 'online' AND NOT held AND coalesce(organization_id, 0) = ANY($1::int[]) AND extract(year FROM counts_on AT TIME ZONE 'Asia/Shanghai') = $2) x GROUP BY 1`,
        [scope.orgIds, YEAR],
      )
    ).rows
    for (const m of data.study.byMonth) {
      expect(Math.abs(m.hours - Number(months.find((r) => r.month === m.month)?.hours ?? 0))).toBeLessThanOrEqual(0.05 + 1e-9)
    }
    // The rollup rows themselves, exactly (the cockpit rounds to one decimal).
    const exact = (
      await pool.query(
        `SELECT (SELECT coalesce(sum(hours), 0) FROM study_org_month WHERE organization_id = ANY($1::int[]) AND extract(year FROM month) = $2) AS rollup,
                (SELECT coalesce(sum(hours_credited), 0) FROM study_progress WHERE completed_at IS NOT NULL AND NOT held AND coalesce(organization_id, 0) = ANY($1::int[])
                    AND extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai') = $2)
                + (SELECT coalesce(sum(hours), 0) FROM study_hours WHERE source <> 'online' AND NOT held AND coalesce(organization_id, 0) = ANY($1::int[])
                    AND extract(year FROM counts_on AT TIME ZONE 'Asia/Shanghai') = $2) AS raw`,
        [scope.orgIds, YEAR],
      )
    ).rows[0]
    expect(Number(exact.rollup)).toBeCloseTo(Number(exact.raw), 6)
  }
  /** The secretary's review as the 支部 page sends it: PATCH /api/integrity-flags/:id. */
  const review = async (id: number, status: 'cleared' | 'confirmed', reason?: string) => {
    const url = new URL(`http://localhost/api/integrity-flags/${id}`)
    const res = await REST_PATCH(config)(
      new Request(url, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', Authorization: `JWT ${await tokenFor('secretary@demo.edu.cn')}` },
        body: JSON.stringify({ status, reason }),
      }),
      { params: Promise.resolve({ slug: ['integrity-flags', String(id)] }) },
    )
    return { status: res.status, json: (await res.json()) as RestBody }
  }

  it("a bot's flagged 学时 leave yearHours, the rollups, the cockpit and the archive while pending, and come back when cleared", async () => {
    const day = '2026-04-21'
    const member = await freshMember(payload, { organization: secretary.organization, politicalStage: 'probationary' })
    await runBot(member, day)
    const earned = await rawHours(member.id as number)
    expect(earned).toBeGreaterThan(0)
    const before = await shown(member)
    expect(before.yearHours).toBeCloseTo(earned, 2)
    expect(before.rollup).toBeCloseTo(earned, 6)
    expect(before.cockpitList).toBeCloseTo(earned, 1)
    expect(before.archive).toBeCloseTo(earned, 2)
    expect((await yearHours(payload, member, YEAR)).held.flags).toEqual([])
    await expectCockpitEqualsRaw()

    await analyseIntegrity(payload, { from: day }, { memberIds: [member.id as number] })
    const flags = await flagsOf(member.id as number)
    expect(flags.map((f) => f.status)).toEqual(['pending', 'pending'])
    // Pending: held out everywhere, in the same transaction as the flag's write.
    expect(await rawHours(member.id as number, { held: true })).toBeCloseTo(earned, 6)
    const pending = await shown(member)
    expect(pending).toEqual({ yearHours: 0, rollup: 0, cockpitList: 0, archive: 0 })
    await expectCockpitEqualsRaw()
    // The member sees how much is held and why.
    const year = await yearHours(payload, member, YEAR)
    expect(year.held.pendingHours).toBeCloseTo(earned, 2)
    expect(year.held.confirmedHours).toBe(0)
    expect(year.held.flags.map((f) => f.status)).toEqual(['pending', 'pending'])
    expect(year.held.flags.some((f) => /心跳间隔几乎完全相同/.test(f.summary))).toBe(true)
    expect(year.held.items).toHaveLength(lessons.length)
    const archive = (await learningArchive(payload, member.id as number))!
    const lessonRows = archive.items.filter((i) => i.collection === 'micro-lessons')
    expect(lessonRows.every((i) => i.hours === 0 && i.heldHours > 0)).toBe(true)
    // The secretary sees it among the branch's pending flags.
    const listed = (await pendingFlagsOf(payload, [secretary.organization as number])).filter((f) => f.memberId === member.id)
    expect(listed).toHaveLength(2)
    expect(listed[0].hours).toBeCloseTo(earned, 2)
    // The nightly repair agrees with the triggers.
    await rebuildRollups(payload)
    expect(await rollupHours(member.id as number)).toBe(0)
    await expectCockpitEqualsRaw()

    // No reason, no change (the REST answer names the field).
    const refused = await review(flags[0].id as number, 'cleared')
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.json)).toMatch(/必须填写理由/)
    // One flag cleared: the other still holds the same items.
    expect((await review(flags[0].id as number, 'cleared', '经本人说明并查看学习记录，属正常学习')).status).toBe(200)
    expect(await shown(member)).toEqual({ yearHours: 0, rollup: 0, cockpitList: 0, archive: 0 })
    // Both cleared: the 学时 count again, everywhere.
    expect((await review(flags[1].id as number, 'cleared', '经本人说明并查看学习记录，属正常学习')).status).toBe(200)
    expect(await rawHours(member.id as number, { held: true })).toBe(0)
    const after = await shown(member)
    expect(after.yearHours).toBeCloseTo(earned, 2)
    expect(after.rollup).toBeCloseTo(earned, 6)
    expect(after.cockpitList).toBeCloseTo(earned, 1)
    expect(after.archive).toBeCloseTo(earned, 2)
    expect((await yearHours(payload, member, YEAR)).held).toMatchObject({ pendingHours: 0, confirmedHours: 0, flags: [], items: [] })
    await expectCockpitEqualsRaw()
    // Both reviews are in the audit log.
    const audit = await payload.find({
      collection: 'audit-logs',
      where: { and: [{ targetCollection: { equals: 'integrity-flags' } }, { documentId: { in: flags.map((f) => String(f.id)) } }] },
      overrideAccess: true,
      depth: 0,
    })
    expect(audit.docs).toHaveLength(2)
  })

  it('confirmed: the 学时 stay out for good, through a rerun of the analysis and the nightly rebuild', async () => {
    const day = '2026-04-22'
    const member = await freshMember(payload, { organization: secretary.organization, politicalStage: 'probationary' })
    await runBot(member, day)
    const earned = await rawHours(member.id as number)
    expect(earned).toBeGreaterThan(0)
    await analyseIntegrity(payload, { from: day }, { memberIds: [member.id as number] })
    const flags = await flagsOf(member.id as number)
    expect(flags).toHaveLength(2)
    for (const f of flags) expect((await review(f.id as number, 'confirmed', '确认为脚本刷学时，已约谈本人')).status).toBe(200)
    expect(await shown(member)).toEqual({ yearHours: 0, rollup: 0, cockpitList: 0, archive: 0 })
    const year = await yearHours(payload, member, YEAR)
    expect(year.held.pendingHours).toBe(0)
    expect(year.held.confirmedHours).toBeCloseTo(earned, 2)
    expect(year.held.flags.every((f) => f.status === 'confirmed' && f.reason === '确认为脚本刷学时，已约谈本人')).toBe(true)
    expect(year.held.items.every((i) => i.status === 'confirmed')).toBe(true)
    expect((await pendingFlagsOf(payload, [secretary.organization as number])).filter((f) => f.memberId === member.id)).toEqual([])
    // A rerun and the nightly rebuild change nothing.
    const again = await analyseIntegrity(payload, { from: day }, { memberIds: [member.id as number] })
    expect(again.created + again.updated).toBe(0)
    await rebuildRollups(payload)
    expect(await shown(member)).toEqual({ yearHours: 0, rollup: 0, cockpitList: 0, archive: 0 })
    await expectCockpitEqualsRaw()
    // A progress row written again (as a re-derivation of the study log does) is held again at once.
    const client = await poolOf(payload).connect()
    try {
      await client.query('BEGIN')
      await client.query(
        `CREATE TEMP TABLE gone ON COMMIT DROP AS SELECT * FROM study_progress WHERE member_id = $1 AND item_collection = 'micro-lessons'`,
        [member.id],
      )
      await client.query(`DELETE FROM study_progress WHERE member_id = $1 AND item_collection = 'micro-lessons'`, [member.id])
      await client.query(
        `INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, seconds_credited, position, percent, completed_at, hours_credited, created_at, updated_at)
         SELECT member_id, organization_id, item_collection, item_id, seconds_credited, position, percent, completed_at, hours_credited, created_at, updated_at FROM gone`,
      )
      await client.query('COMMIT')
    } finally {
      client.release()
    }
    expect(await rawHours(member.id as number, { held: true })).toBeCloseTo(earned, 6)
    expect(await shown(member)).toEqual({ yearHours: 0, rollup: 0, cockpitList: 0, archive: 0 })
    await expectCockpitEqualsRaw()
  })

  it('an honest member holds nothing', async () => {
    const h = await heldStudy(payload, honest.id as number, YEAR)
    expect(h).toEqual({ pendingHours: 0, confirmedHours: 0, flags: [], items: [] })
  })
})
