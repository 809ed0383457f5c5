import { REST_DELETE, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import type { Payload, RequiredDataFromCollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { rebuildRollups } from '../../../src/cockpit/rollups'
import { poolOf } from '../../../src/db/pool'
import { studyTargets } from '../../../src/ledger/targets'
import { learningArchive } from '../../../src/study/archive'
import { creditInvariantViolations } from '../../../src/study/invariant'
import { yearHours } from '../../../src/study/read'
import { studyPaceCheck } from '../../../src/warnings/checks'
import {
  demoUser,
  personData,
  rejectsWithFieldError,
  rejectsWithStatus,
  releasePayload,
  testPayload,
  type TestUser,
  tokenFor,
  unique,
} from '../../helpers/payload'
import { freshMember, publishedLesson, readArticle } from '../../helpers/study'
import type { RestBody } from '../../helpers/rest'

/**
 * The 学时台账 (issue 15 §4). Properties:
 *  - every 学时 any total shows is a ledger entry; online study's entries equal its progress rows
 *    (the credit invariant's ledger rules, over the whole seeded year and every scenario here);
 *  - a training credits its attendees only once the college committee above the branch confirms it;
 *    nobody else confirms, a confirmed record is final, and only members of the branch are credited;
 *  - nobody writes the ledger through the API, administrators included;
 *  - targets follow the role: 32 for members, 56 for secretaries and committee staff.
 */
let payload: Payload
let secretary: TestUser
let college: TestUser
let sysAdmin: TestUser
let branchId: number
const tokens: Record<string, string> = {}

const call = async (method: 'PATCH' | 'POST' | 'DELETE', path: string, token: string | null, body?: unknown) => {
  const handler = { PATCH: REST_PATCH, POST: REST_POST, DELETE: REST_DELETE }[method](config)
  const url = new URL(`http://localhost/api/${path}`)
  const res = await handler(
    new Request(url, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }),
    { params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/') }) },
  )
  return { status: res.status, json: (await res.json().catch(() => ({}))) as RestBody }
}
const as = (user: TestUser) => ({ user, overrideAccess: false, depth: 0 })
const orgId = async (code: string) =>
  (await payload.find({ collection: 'organizations', where: { code: { equals: code } }, depth: 0 })).docs[0].id as number
const entriesOf = async (memberId: number | string) =>
  (
    await poolOf(payload).query(
      `SELECT source::text, organization_id, year::int, hours::float8, evidence_collection, evidence_id::int, title FROM study_hours WHERE member_id = $1 ORDER BY id`,
      [memberId],
    )
  ).rows
const rollupHours = async (memberId: number | string, year: number) =>
  Number(
    (await poolOf(payload).query(`SELECT hours FROM study_member_year WHERE member_id = $1 AND year = $2`, [memberId, year])).rows[0]
      ?.hours ?? 0,
  )

type TrainingData = RequiredDataFromCollectionSlug<'trainings'>
const record = (attendees: number[], extra: Partial<TrainingData> = {}): TrainingData => ({
  title: '学习贯彻党的二十届四中全会精神专题培训',
  kind: 'concentrated',
  status: 'draft',
  organiser: '信息学院党委',
  date: '2026-11-18T01:00:00.000Z',
  hours: 4,
  attendees,
  ...extra,
})

let otherBranchId: number
let otherCollegeId: number

beforeAll(async () => {
  payload = await testPayload()
  // Organisations of this file's own (people added to the demo branches would change their member
  // counts, which tests/int/organizations/organizations.test.ts checks): a branch of 信息工程学院, whose committee
  // staff is college@demo.edu.cn, with a secretary of its own; and a branch of another college (马克思主义学院).
  const infoCollege = await orgId('C-INFO')
  branchId = Number(
    (await payload.create({ collection: 'organizations', data: { name: unique('培训登记测试支部'), type: 'branch', parent: infoCollege } }))
      .id,
  )
  const person = await payload.create({
    collection: 'users',
    data: personData(unique('书记'), { organization: branchId, politicalStage: 'full', roles: ['member', 'branchSecretary'] }),
  })
  secretary = { ...person, collection: 'users' } as TestUser
  await payload.update({ collection: 'organizations', id: branchId, data: { secretary: person.id } })
  otherCollegeId = await orgId('C-MARX')
  otherBranchId = Number(
    (
      await payload.create({
        collection: 'organizations',
        data: { name: unique('培训登记测试外院支部'), type: 'branch', parent: otherCollegeId },
      })
    ).id,
  )
  college = await demoUser('college@demo.edu.cn')
  sysAdmin = await demoUser('sysadmin@demo.edu.cn')
  for (const who of ['college', 'member', 'sysadmin']) tokens[who] = await tokenFor(`${who}@demo.edu.cn`)
  tokens.secretary = await tokenFor(String(person.email), 'Vq7#Lm2$Xr9')
})
afterAll(async () => {
  await releasePayload(payload)
})

describe('学时台账: online study', () => {
  it('holds exactly what online study credited, over the seeded year and new study', async () => {
    const m = await freshMember(payload, { organization: branchId })
    const lesson = await publishedLesson(payload, { readingMinutes: 90 })
    expect((await readArticle(payload, m, lesson, new Date('2026-05-10T03:00:00Z'), 5400)).completed).toBe(true)
    const [entry] = await entriesOf(m.id)
    expect(entry).toMatchObject({
      source: 'online',
      organization_id: branchId,
      year: 2026,
      hours: 2,
      evidence_collection: 'study-progress',
    })
    expect((await yearHours(payload, m, 2026, new Date('2026-06-01T00:00:00Z'))).hours).toBe(2)
    // Everything in the database, the seeded year of history included.
    expect(await creditInvariantViolations(poolOf(payload))).toEqual([])
  })
})

describe('培训登记 → 学时台账', () => {
  it('credits the attendees only when the college committee confirms, and then everywhere', async () => {
    const [a, b] = [await freshMember(payload, { organization: branchId }), await freshMember(payload, { organization: branchId })]
    const now = new Date('2026-11-20T02:00:00Z')
    const created = await payload.create({ collection: 'trainings', data: record([a.id, b.id]), ...as(secretary) })
    expect(created).toMatchObject({ status: 'draft', organization: branchId, recordedBy: secretary.id, year: 2026 })
    const submitted = await payload.update({ collection: 'trainings', id: created.id, data: { status: 'submitted' }, ...as(secretary) })
    expect(submitted.status).toBe('submitted')
    // The college's committee staff hear of it, with a link to the record.
    const notes = async (recipient: number | string, kind: string) =>
      (
        await payload.find({
          collection: 'notifications',
          where: {
            and: [{ recipient: { equals: recipient } }, { kind: { equals: kind } }, { link: { contains: `/trainings/${created.id}` } }],
          },
          depth: 0,
          overrideAccess: true,
          sort: 'createdAt',
        })
      ).docs
    expect((await notes(college.id, 'trainingSubmitted')).map((n) => n.title)).toEqual(['有培训登记待确认'])
    // Not confirmed: nothing counts.
    expect(await entriesOf(a.id)).toEqual([])
    expect((await yearHours(payload, a, 2026, now)).hours).toBe(0)

    // The secretary cannot confirm their own record, through the API or the admin's REST call.
    await rejectsWithStatus(
      payload.update({ collection: 'trainings', id: created.id, data: { status: 'confirmed' }, ...as(secretary) }),
      403,
    )
    const byRest = await call('PATCH', `trainings/${created.id}`, tokens.secretary, { status: 'confirmed' })
    expect(byRest.status).toBe(403)
    expect(byRest.json.errors?.[0]?.message).toMatch(/院级党委确认/)
    // Nor can a system administrator or a member (not their role).
    expect((await call('PATCH', `trainings/${created.id}`, tokens.sysadmin, { status: 'confirmed' })).status).toBeGreaterThanOrEqual(403)
    expect((await call('PATCH', `trainings/${created.id}`, tokens.member, { status: 'confirmed' })).status).toBeGreaterThanOrEqual(403)
    // The college, who may not read the people of a branch, sees whom the record credits by name.
    const seen = await payload.findByID({ collection: 'trainings', id: created.id, ...as(college) })
    expect(seen.attendeeNames?.split('、').sort()).toEqual([a.name, b.name].sort())
    // The college returns it without a reason: refused; with one: returned to the branch.
    await rejectsWithFieldError(
      payload.update({ collection: 'trainings', id: created.id, data: { status: 'returned' }, ...as(college) }),
      /退回理由/,
    )
    // The committee decides; it does not edit the record.
    await rejectsWithStatus(
      payload.update({ collection: 'trainings', id: created.id, data: { hours: 8, status: 'confirmed' }, ...as(college) }),
      403,
    )
    const returned = await payload.update({
      collection: 'trainings',
      id: created.id,
      data: { status: 'returned', returnReason: '请按半天 4 学时、全天 8 学时折算' },
      ...as(college),
    })
    expect(returned).toMatchObject({ status: 'returned', reviewedBy: college.id })
    expect((await notes(secretary.id, 'trainingDecided')).map((n) => [n.title, n.body?.split('\n')[1]])).toEqual([
      ['培训登记被退回，请修改后重新提交', '退回理由：请按半天 4 学时、全天 8 学时折算'],
    ])
    expect(await entriesOf(a.id)).toEqual([])
    // The branch corrects it and submits again; the college confirms through REST.
    await payload.update({ collection: 'trainings', id: created.id, data: { hours: 8, status: 'submitted' }, ...as(secretary) })
    const confirmed = await call('PATCH', `trainings/${created.id}`, tokens.college, { status: 'confirmed' })
    expect(confirmed.status).toBe(200)
    expect(confirmed.json.doc).toMatchObject({ status: 'confirmed' })
    expect((await notes(secretary.id, 'trainingDecided')).map((n) => n.title).at(-1)).toBe('培训登记已确认，学时已计入')
    expect(await notes(college.id, 'trainingSubmitted')).toHaveLength(2)

    for (const m of [a, b]) {
      expect(await entriesOf(m.id)).toEqual([
        {
          source: 'training',
          organization_id: branchId,
          year: 2026,
          hours: 8,
          evidence_collection: 'trainings',
          evidence_id: created.id,
          title: '学习贯彻党的二十届四中全会精神专题培训',
        },
      ])
      const year = await yearHours(payload, m, 2026, now)
      expect(year).toMatchObject({ hours: 8, online: 0, offline: 8, target: 32 })
      expect(year.bySource.training).toBe(8)
      expect(await rollupHours(m.id, 2026)).toBe(8)
      const archive = (await learningArchive(payload, Number(m.id)))!
      expect(archive.hoursByYear.find((y) => y.year === 2026)?.hours).toBe(8)
      expect(archive.offline).toMatchObject([{ source: 'training', sourceLabel: '党校与集中培训', hours: 8, year: 2026 }])
    }
    // The nightly rebuild from the raw tables gives the same rollups as the triggers kept.
    const before = await Promise.all([a, b].map((m) => rollupHours(m.id, 2026)))
    await rebuildRollups(payload)
    expect(await Promise.all([a, b].map((m) => rollupHours(m.id, 2026)))).toEqual(before)

    // Confirmed is final: no edit, no second confirmation, no withdrawal, no deletion.
    await rejectsWithStatus(payload.update({ collection: 'trainings', id: created.id, data: { hours: 80 }, ...as(secretary) }), 400)
    await rejectsWithStatus(
      payload.update({ collection: 'trainings', id: created.id, data: { status: 'returned', returnReason: '重来' }, ...as(college) }),
      400,
    )
    expect((await call('DELETE', `trainings/${created.id}`, tokens.secretary)).status).toBeGreaterThanOrEqual(403)
    expect(await payload.findByID({ collection: 'trainings', id: created.id, depth: 0 })).toMatchObject({ status: 'confirmed', hours: 8 })
    expect((await entriesOf(a.id)).map((e) => e.hours)).toEqual([8])
  })

  it('credits only members of the branch, for a past date, in sensible amounts, and says what is wrong', async () => {
    const m = await freshMember(payload, { organization: branchId })
    const elsewhere = await freshMember(payload, { organization: otherBranchId })
    const create = (data: TrainingData) => payload.create({ collection: 'trainings', data, ...as(secretary) })
    await rejectsWithFieldError(create(record([m.id, elsewhere.id])), new RegExp(`只能为本支部在册的党员登记学时：编号 ${elsewhere.id} `))
    await rejectsWithFieldError(create(record([m.id], { date: '2099-01-01T00:00:00Z' })), /日期不能晚于今天/)
    await rejectsWithFieldError(create(record([m.id], { hours: 0 })), /学时须大于 0/)
    await rejectsWithFieldError(create(record([m.id], { hours: 2.25 })), /一位小数/)
    await rejectsWithFieldError(create(record([m.id], { year: 2024 })), /所属年度只能是/)
    await rejectsWithFieldError(create(record([])), /参加培训的党员|参加人员/)
    // Bad input leaves nothing behind.
    expect((await poolOf(payload).query(`SELECT count(*)::int AS n FROM trainings_rels WHERE users_id = $1`, [m.id])).rows[0].n).toBe(0)
    // A branch secretary records for their own branch only: the branch comes from them, not from the request.
    const own = await create(
      record([m.id], { organization: otherBranchId, status: 'submitted', kind: 'external', title: '“学习强国”专题课程结业' }),
    )
    expect(own.organization).toBe(branchId)
    // Not a secretary: refused.
    await rejectsWithStatus(
      payload.create({ collection: 'trainings', data: record([m.id]), ...as(await demoUser('member@demo.edu.cn')) }),
      403,
    )
    await rejectsWithStatus(payload.create({ collection: 'trainings', data: record([m.id]), ...as(sysAdmin) }), 403)

    // A committee of another college neither sees nor confirms it; the university committee may.
    // (Not a Party member: the college's member counts stay as the seed made them.)
    const stranger = await freshMember(payload, { organization: otherCollegeId, roles: ['partyCommittee'], politicalStage: 'masses' })
    await rejectsWithStatus(payload.findByID({ collection: 'trainings', id: own.id, ...as(stranger) }), 404)
    await rejectsWithStatus(payload.update({ collection: 'trainings', id: own.id, data: { status: 'confirmed' }, ...as(stranger) }), 403)
    expect(await entriesOf(m.id)).toEqual([])
    // The attendee sees the record that credits them; another member does not.
    expect((await payload.find({ collection: 'trainings', where: { id: { equals: own.id } }, ...as(m) })).docs).toHaveLength(1)
    expect((await payload.find({ collection: 'trainings', where: { id: { equals: own.id } }, ...as(elsewhere) })).docs).toHaveLength(0)
    const university = await demoUser('committee@demo.edu.cn')
    await payload.update({ collection: 'trainings', id: own.id, data: { status: 'confirmed' }, ...as(university) })
    expect(await entriesOf(m.id)).toMatchObject([{ source: 'certificate', hours: 4 }])
  })
})

describe('学时台账 access', () => {
  it('is written by nobody through the API, administrators included, and read by the member, their branch and committees above', async () => {
    const m = await freshMember(payload, { organization: branchId })
    const other = await freshMember(payload, { organization: branchId })
    const t = await payload.create({ collection: 'trainings', data: record([m.id], { status: 'submitted' }), ...as(secretary) })
    await payload.update({ collection: 'trainings', id: t.id, data: { status: 'confirmed' }, ...as(college) })
    const entry = (await payload.find({ collection: 'study-hours', where: { member: { equals: m.id } }, depth: 0, overrideAccess: true }))
      .docs[0]
    for (const user of [sysAdmin, secretary, college, m]) {
      await rejectsWithStatus(
        payload.create({
          collection: 'study-hours',
          data: {
            member: m.id,
            source: 'certificate',
            hours: 100,
            countsOn: '2026-01-01',
            year: 2026,
            evidenceCollection: 'x',
            evidenceId: 1,
          },
          ...as(user),
        }),
        403,
      )
      await rejectsWithStatus(payload.update({ collection: 'study-hours', id: entry.id, data: { hours: 100 }, ...as(user) }), 403)
      await rejectsWithStatus(payload.delete({ collection: 'study-hours', id: entry.id, ...as(user) }), 403)
    }
    expect(
      (
        await call('POST', 'study-hours', tokens.sysadmin, {
          member: m.id,
          source: 'certificate',
          hours: 100,
          countsOn: '2026-01-01',
          year: 2026,
          evidenceCollection: 'x',
          evidenceId: 1,
        })
      ).status,
    ).toBe(403)
    expect(await entriesOf(m.id)).toMatchObject([{ hours: 4 }])
    const sees = async (user: TestUser) =>
      (await payload.find({ collection: 'study-hours', where: { member: { equals: m.id } }, ...as(user) })).docs.length
    expect(await sees(m)).toBe(1)
    expect(await sees(other)).toBe(0)
    expect(await sees(secretary)).toBe(1)
    expect(await sees(college)).toBe(1)
    expect(await sees(sysAdmin)).toBe(0)
  })
})

describe('targets by role', () => {
  it('hold branch secretaries and committee staff to 56 学时 and members to 32, as 平台设置 says', async () => {
    const now = new Date('2026-07-01T04:00:00Z')
    const cadre = await freshMember(payload, { organization: otherBranchId, roles: ['member', 'branchSecretary'] })
    const plain = await freshMember(payload, { organization: otherBranchId })
    expect((await yearHours(payload, cadre, 2026, now)).target).toBe(56)
    expect((await yearHours(payload, plain, 2026, now)).target).toBe(32)
    expect((await learningArchive(payload, Number(cadre.id)))!.target).toBe(56)
    const check = await studyPaceCheck(payload, now)
    expect(check.expectedCadre).toBeGreaterThan(check.expected)
    const note = async (id: number | string) =>
      (
        await payload.find({
          collection: 'notifications',
          where: { and: [{ recipient: { equals: id } }, { kind: { equals: 'studyBehind' } }] },
          depth: 0,
          overrideAccess: true,
        })
      ).docs[0]
    expect((await note(cadre.id)).body).toContain('全年目标 56 学时')
    expect((await note(plain.id)).body).toContain('全年目标 32 学时')
    // An editable setting: the plan that follows may change it.
    await payload.updateGlobal({ slug: 'platform-settings', data: { annualStudyHoursTargetCadre: 48 } })
    try {
      expect((await yearHours(payload, cadre, 2026, now)).target).toBe(48)
    } finally {
      await payload.updateGlobal({ slug: 'platform-settings', data: { annualStudyHoursTargetCadre: 56 } })
    }
  })

  it('follow 平台设置 changed by another instance: this process hears the change notice and stops using what it kept', async () => {
    expect((await studyTargets(payload)).cadre).toBe(56)
    // Straight in the table, as another instance's save would arrive here: only the notice says so.
    const setCadre = (hours: number) => poolOf(payload).query('UPDATE platform_settings SET annual_study_hours_target_cadre = $1', [hours])
    await setCadre(50)
    try {
      await expect.poll(async () => (await studyTargets(payload)).cadre, { timeout: 5_000 }).toBe(50)
    } finally {
      await setCadre(56)
    }
    await expect.poll(async () => (await studyTargets(payload)).cadre, { timeout: 5_000 }).toBe(56)
  })
})
