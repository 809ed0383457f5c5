import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import type { Payload, RequiredDataFromCollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { poolOf } from '../../../src/db/pool'
import { meetingGapCheck } from '../../../src/meetings/gaps'
import { branchRecord, lifeOverview } from '../../../src/meetings/record'
import { learningArchive } from '../../../src/study/archive'
import { planPeriod } from '../../../src/meetings/rules'
import { makeCode } from '../../../src/meetings/signIn'
import { creditInvariantViolations } from '../../../src/study/invariant'
import { yearOf } from '../../../src/study/pace'
import { yearHours } from '../../../src/study/read'
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
import type { RestBody } from '../../helpers/rest'
import { shanghaiDay } from '../../../src/dates'

/**
 * 组织生活 (issue 16). Properties:
 *  - a plan is approved only by committee staff above the branch; an approved plan's content is fixed;
 *  - a sign-in is the member's own presence at a meeting of their own branch while it runs: expired,
 *    tampered, other-branch, early, late and repeated codes are refused with a message, and no
 *    sign-in is lost or doubled (one row per member and meeting);
 *  - confirmed minutes lock the record; a correction is a new version with a reason;
 *  - attendance credits 学时 once, only for presence, on confirmation, through the ledger;
 *  - members read their branch's meetings, their own attendance and confirmed minutes; nobody else's,
 *    through the Local API, REST and GraphQL.
 */
let payload: Payload
let secretary: TestUser
let recorder: TestUser
let members: TestUser[]
let outsider: TestUser
let college: TestUser
let otherCommittee: TestUser
let branchId: number
const tokens: Record<string, string> = {}
const PASSWORD = 'Vq7#Lm2$Xr9'

/** The meeting endpoints' own fields the tests read (the sign-in code, an inspector draw). */
type MeetingsBody = RestBody & { code: string; drawn: Array<{ meeting: number }>; skipped: Array<{ meeting: number }> }
const call = async (method: 'GET' | 'PATCH' | 'POST' | 'DELETE', path: string, token: string | null, body?: unknown) => {
  const handler = { GET: REST_GET, PATCH: REST_PATCH, POST: REST_POST, DELETE: REST_DELETE }[method](config)
  const url = new URL(`http://localhost/api/${path}`)
  const res = await handler(
    new Request(url, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }),
    { params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/') }) },
  )
  return { status: res.status, json: (await res.json().catch(() => ({}))) as MeetingsBody }
}
const graphql = async (token: string, query: string) => {
  const res = await GRAPHQL_POST(config)(
    new Request('http://localhost/api/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
      body: JSON.stringify({ query }),
    }),
  )
  return (await res.json()) as { data?: Record<string, { docs: Array<Record<string, unknown>> } | null>; errors?: unknown[] }
}
const as = (user: TestUser) => ({ user, overrideAccess: false, depth: 0 })
const orgId = async (code: string) =>
  (await payload.find({ collection: 'organizations', where: { code: { equals: code } }, depth: 0 })).docs[0].id as number
const person = async (name: string, org: number, extra: Record<string, unknown> = {}) => {
  const p = await payload.create({
    collection: 'users',
    data: personData(unique(name), { organization: org, politicalStage: 'full', ...extra }),
  })
  return { ...p, collection: 'users' } as TestUser
}
const minutesFromNow = (n: number, from = Date.now()) => new Date(from + n * 60_000).toISOString()
type MeetingData = RequiredDataFromCollectionSlug<'meetings'>
const plan = (extra: Partial<MeetingData>, t = Date.now()): MeetingData => ({
  topic: unique('主题党日：学习贯彻党的二十届四中全会精神'),
  types: ['generalMeeting', 'themeDay', 'partyLecture'],
  startsAt: minutesFromNow(-10, t),
  endsAt: minutesFromNow(80, t),
  place: '信息楼 301',
  recorder: recorder.id,
  speaker: secretary.id,
  status: 'submitted',
  ...extra,
})
/** A meeting planned by the secretary and approved by the college. */
const approvedMeeting = async (extra: Partial<MeetingData> = {}) => {
  const m = await payload.create({ collection: 'meetings', data: plan(extra), ...as(secretary) })
  await payload.update({ collection: 'meetings', id: m.id, data: { status: 'approved' }, ...as(college) })
  return Number(m.id)
}
const freshCode = async (meeting: number, token = tokens.recorder) => {
  const r = await call('GET', `meetings/${meeting}/sign-in-code`, token)
  expect(r.status, JSON.stringify(r.json)).toBe(200)
  return String(r.json.code)
}
const ledgerOf = async (meeting: number) =>
  (
    await poolOf(payload).query(
      `SELECT member_id, hours::float8, source::text FROM study_hours WHERE evidence_collection = 'meetings' AND evidence_id = $1 ORDER BY member_id`,
      [meeting],
    )
  ).rows

beforeAll(async () => {
  payload = await testPayload()
  // A branch of 信息工程学院 of this file's own (demo branches' member counts are checked elsewhere),
  // with a committee; college@demo.edu.cn is 信息工程学院's committee staff.
  branchId = Number(
    (
      await payload.create({
        collection: 'organizations',
        data: { name: unique('组织生活测试支部'), type: 'branch', parent: await orgId('C-INFO'), hasCommittee: true },
      })
    ).id,
  )
  secretary = await person('书记', branchId, { roles: ['member', 'branchSecretary'] })
  await payload.update({ collection: 'organizations', id: branchId, data: { secretary: secretary.id } })
  recorder = await person('组织委员', branchId)
  members = [
    await person('党员甲', branchId),
    await person('党员乙', branchId),
    await person('党员丙', branchId),
    await person('党员丁', branchId),
    await person('党员戊', branchId),
  ]
  const marx = await orgId('C-MARX')
  const otherBranch = Number(
    (await payload.create({ collection: 'organizations', data: { name: unique('组织生活测试外院支部'), type: 'branch', parent: marx } }))
      .id,
  )
  outsider = await person('外支部党员', otherBranch)
  otherCommittee = await person('外院组织员', marx, { roles: ['member', 'partyCommittee'] })
  college = await demoUser('college@demo.edu.cn')
  tokens.college = await tokenFor('college@demo.edu.cn')
  for (const [k, u] of Object.entries({
    secretary,
    recorder,
    outsider,
    m0: members[0],
    m1: members[1],
    m2: members[2],
    m3: members[3],
    m4: members[4],
  }))
    tokens[k] = await tokenFor(String(u.email), PASSWORD)
}, 180_000)
afterAll(async () => {
  await releasePayload(payload)
})

describe('plans', () => {
  it('the branch submits, only the committee above approves; members see a plan once approved; an approved plan is fixed', async () => {
    const created = await call('POST', 'meetings?depth=0', tokens.secretary, plan({}))
    expect(created.status, JSON.stringify(created.json)).toBe(201)
    const id = Number(created.json.doc.id)
    expect(created.json.doc).toMatchObject({ organization: branchId, status: 'submitted' })
    // The college committee above was told.
    const told = await payload.find({
      collection: 'notifications',
      where: {
        and: [
          { recipient: { equals: college.id } },
          { kind: { equals: 'meetingPlan' } },
          { link: { equals: `/admin/collections/meetings/${id}` } },
        ],
      },
      depth: 0,
    })
    expect(told.totalDocs).toBe(1)
    // Members do not see an unapproved plan; the secretary may not approve; another college may not.
    expect((await payload.find({ collection: 'meetings', where: { id: { equals: id } }, ...as(members[0]) })).totalDocs).toBe(0)
    expect((await call('PATCH', `meetings/${id}`, tokens.secretary, { status: 'approved' })).status).toBe(403)
    await rejectsWithStatus(payload.update({ collection: 'meetings', id, data: { status: 'approved' }, ...as(otherCommittee) }), 403)
    await rejectsWithStatus(payload.update({ collection: 'meetings', id, data: { status: 'approved' }, ...as(members[0]) }), 403)
    // Return without a reason is refused; with one it goes back to the branch.
    await rejectsWithFieldError(
      payload.update({ collection: 'meetings', id, data: { status: 'returned' }, ...as(college) }),
      /退回时请填写理由/,
    )
    const approved = await call('PATCH', `meetings/${id}?depth=0`, tokens.college, { status: 'approved' })
    expect(approved.status, JSON.stringify(approved.json)).toBe(200)
    expect(approved.json.doc).toMatchObject({ status: 'approved', reviewedBy: college.id })
    expect((await payload.find({ collection: 'meetings', where: { id: { equals: id } }, ...as(members[0]) })).totalDocs).toBe(1)
    expect((await payload.find({ collection: 'meetings', where: { id: { equals: id } }, ...as(outsider) })).totalDocs).toBe(0)
    await rejectsWithStatus(payload.update({ collection: 'meetings', id, data: { topic: '改个题目' }, ...as(secretary) }), 400)
    await rejectsWithStatus(payload.update({ collection: 'meetings', id, data: { topic: '改个题目' }, ...as(college) }), 403)
  })

  it('refuses a 支委会 for a branch without a committee, a 党课 without a lecturer and a wrong 所属年度', async () => {
    const plain = Number(
      (
        await payload.create({
          collection: 'organizations',
          data: { name: unique('无支委会支部'), type: 'branch', parent: await orgId('C-INFO') },
        })
      ).id,
    )
    const sec = await person('无支委会书记', plain, { roles: ['member', 'branchSecretary'] })
    await rejectsWithFieldError(
      payload.create({
        collection: 'meetings',
        data: { ...plan({ types: ['committeeMeeting'], recorder: null, speaker: null }) },
        ...as(sec),
      }),
      /未设支部委员会/,
    )
    await rejectsWithFieldError(
      payload.create({ collection: 'meetings', data: plan({ types: ['partyLecture'], speaker: null }), ...as(secretary) }),
      /授课人/,
    )
    await rejectsWithFieldError(payload.create({ collection: 'meetings', data: plan({ year: 2020 }), ...as(secretary) }), /所属年度/)
    await rejectsWithFieldError(
      payload.create({ collection: 'meetings', data: plan({ recorder: outsider.id }), ...as(secretary) }),
      /记录人须是本支部/,
    )
    await rejectsWithStatus(payload.create({ collection: 'meetings', data: plan({}), ...as(members[0]) }), 403)
  })

  it('a month’s plan goes to review at once and is approved or returned at once, all or none', async () => {
    // Two drafts in the month after next (Beijing time), the 10th and the 12th.
    const period = new Date(Date.now() + 62 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 7)
    const from = planPeriod(period)!.from.getTime()
    const ids: number[] = []
    const days: Array<[number, Partial<MeetingData>]> = [
      [9, {}],
      [11, { types: ['committeeMeeting'], speaker: null }],
    ]
    for (const [day, extra] of days)
      ids.push(
        Number(
          (
            await payload.create({
              collection: 'meetings',
              data: plan({ status: 'draft', ...extra }, from + day * 86_400_000 + 12 * 3600_000),
              ...as(secretary),
            })
          ).id,
        ),
      )
    const statuses = async () =>
      (await payload.find({ collection: 'meetings', where: { id: { in: ids } }, sort: 'startsAt', depth: 0 })).docs.map((m) => m.status)
    expect((await call('POST', 'meetings/plan', tokens.m0, { period, action: 'submit' })).status).toBe(403)
    expect((await call('POST', 'meetings/plan', tokens.secretary, { period: '2026-13', action: 'submit' })).json.errors[0].message).toMatch(
      /月份/,
    )
    // All or none: the branch's committee was dissolved after the 支委会 was drafted; that plan is
    // refused on submission, and the month's other plan is not sent alone.
    await poolOf(payload).query(`UPDATE organizations SET has_committee = false WHERE id = $1`, [branchId])
    try {
      const refused = await call('POST', 'meetings/plan', tokens.secretary, { period, action: 'submit' })
      expect(refused.status).toBe(400)
      expect(refused.json.errors[0].message).toMatch(/未设支部委员会.*都未报送/)
      expect(await statuses()).toEqual(['draft', 'draft'])
    } finally {
      await poolOf(payload).query(`UPDATE organizations SET has_committee = true WHERE id = $1`, [branchId])
    }
    const sent = await call('POST', 'meetings/plan', tokens.secretary, { period, action: 'submit' })
    expect(sent.status, JSON.stringify(sent.json)).toBe(200)
    expect(sent.json.count).toBe(2)
    expect(await statuses()).toEqual(['submitted', 'submitted'])
    // Only the committee above reviews; a return needs its reason.
    expect((await call('POST', 'meetings/plan', tokens.secretary, { period, branch: branchId, action: 'approve' })).status).toBe(403)
    const otherToken = await tokenFor(String(otherCommittee.email), PASSWORD)
    expect((await call('POST', 'meetings/plan', otherToken, { period, branch: branchId, action: 'approve' })).status).toBe(403)
    expect((await call('POST', 'meetings/plan', tokens.college, { period, branch: branchId, action: 'return' })).status).toBe(400)
    const returned = await call('POST', 'meetings/plan', tokens.college, {
      period,
      branch: branchId,
      action: 'return',
      reason: '请补充党课授课提纲',
    })
    expect(returned.status, JSON.stringify(returned.json)).toBe(200)
    expect(await statuses()).toEqual(['returned', 'returned'])
    expect((await call('POST', 'meetings/plan', tokens.secretary, { period, action: 'submit' })).status).toBe(200)
    const approved = await call('POST', 'meetings/plan', tokens.college, { period, branch: branchId, action: 'approve' })
    expect(approved.status, JSON.stringify(approved.json)).toBe(200)
    expect(await statuses()).toEqual(['approved', 'approved'])
    expect(
      (await call('POST', 'meetings/plan', tokens.college, { period, branch: branchId, action: 'approve' })).json.errors[0].message,
    ).toMatch(/没有待审核/)
  })
})

describe('sign-in, leave, minutes and 学时', () => {
  let meeting: number

  it('three members sign in by the code; repeats, tampered, expired, other-branch, closed and early codes are refused', async () => {
    meeting = await approvedMeeting()
    // Only the recorder or the secretary shows the code.
    expect((await call('GET', `meetings/${meeting}/sign-in-code`, tokens.m0)).status).toBe(403)
    const shown = await call('GET', `meetings/${meeting}/sign-in-code`, tokens.recorder)
    expect(shown.json.svg).toMatch(/^<svg/)
    expect(shown.json.url).toContain(`/meetings/sign-in?c=${encodeURIComponent(shown.json.code)}`)
    const code = await freshCode(meeting)
    for (const who of ['m0', 'm1', 'm2']) {
      const r = await call('POST', 'meetings/sign-in', tokens[who], { code })
      expect(r.status, JSON.stringify(r.json)).toBe(200)
      expect(r.json.message).toMatch(/签到成功/)
    }
    const again = await call('POST', 'meetings/sign-in', tokens.m0, { code: await freshCode(meeting) })
    expect(again.status).toBe(409)
    expect(again.json.errors[0].message).toMatch(/已于 \d\d:\d\d 签到/)
    expect((await call('POST', 'meetings/sign-in', null, { code })).status).toBe(401)
    const other = await call('POST', 'meetings/sign-in', tokens.outsider, { code })
    expect(other.status).toBe(403)
    expect(other.json.errors[0].message).toMatch(/不是该支部的人员/)
    const stale = makeCode(payload.secret, meeting, new Date(Date.now() - 3 * 60_000))
    const expired = await call('POST', 'meetings/sign-in', tokens.m3, { code: stale })
    expect(expired.status).toBe(400)
    expect(expired.json.errors[0].message).toMatch(/签到码已过期/)
    const forged = await call('POST', 'meetings/sign-in', tokens.m3, { code: code.slice(0, -2) + (code.endsWith('AA') ? 'BB' : 'AA') })
    expect(forged.json.errors[0].message).toMatch(/签到码无效/)
    // A code of this meeting cannot sign anyone into another: the meeting is inside the signed part.
    const ended = await approvedMeeting({ startsAt: minutesFromNow(-180), endsAt: minutesFromNow(-60) })
    const afterwards = await call('POST', 'meetings/sign-in', tokens.m3, { code: makeCode(payload.secret, ended, new Date()) })
    expect(afterwards.status).toBe(400)
    expect(afterwards.json.errors[0].message).toMatch(/会议已结束/)
    const later = await approvedMeeting({ startsAt: minutesFromNow(24 * 60), endsAt: minutesFromNow(25 * 60) })
    expect((await call('GET', `meetings/${later}/sign-in-code`, tokens.recorder)).status).toBe(400)
    const early = await call('POST', 'meetings/sign-in', tokens.m3, { code: makeCode(payload.secret, later, new Date()) })
    expect(early.json.errors[0].message).toMatch(/开始前 30 分钟开放/)
    const rows = (
      await poolOf(payload).query(
        `SELECT member_id, status::text, method::text FROM meeting_attendance WHERE meeting_id = $1 ORDER BY member_id`,
        [meeting],
      )
    ).rows
    expect(rows).toEqual(members.slice(0, 3).map((m) => ({ member_id: m.id, status: 'present', method: 'qr' })))
  })

  it('leave is filed by the member before the start and decided by the secretary; only the secretary excuses from 应到', async () => {
    const future = await approvedMeeting({ startsAt: minutesFromNow(24 * 60), endsAt: minutesFromNow(25 * 60) })
    await rejectsWithFieldError(
      payload.create({
        collection: 'meeting-attendance',
        data: { meeting: future, member: members[3].id, status: 'leaveRequested' },
        ...as(members[3]),
      }),
      /请假理由/,
    )
    await rejectsWithStatus(
      payload.create({
        collection: 'meeting-attendance',
        data: { meeting: future, member: members[4].id, status: 'leaveRequested', reason: '代请' },
        ...as(members[3]),
      }),
      403,
    )
    await rejectsWithStatus(
      payload.create({
        collection: 'meeting-attendance',
        data: { meeting: future, member: members[3].id, status: 'present', reason: '我到了' },
        ...as(members[3]),
      }),
      403,
    )
    const leave = await call('POST', 'meeting-attendance?depth=0', tokens.m3, {
      meeting: future,
      member: members[3].id,
      status: 'leaveRequested',
      reason: '赴外地参加学术会议',
    })
    expect(leave.status, JSON.stringify(leave.json)).toBe(201)
    const id = leave.json.doc.id
    await rejectsWithStatus(payload.update({ collection: 'meeting-attendance', id, data: { status: 'leave' }, ...as(members[3]) }), 403)
    await rejectsWithStatus(payload.update({ collection: 'meeting-attendance', id, data: { status: 'leave' }, ...as(recorder) }), 403)
    const decided = await payload.update({ collection: 'meeting-attendance', id, data: { status: 'leave' }, ...as(secretary) })
    expect(decided).toMatchObject({ status: 'leave', decidedBy: secretary.id })
    const told = await payload.find({
      collection: 'notifications',
      where: { and: [{ recipient: { equals: members[3].id } }, { kind: { equals: 'meetingLeave' } }] },
      depth: 0,
    })
    expect(told.docs[0]?.title).toBe('请假已批准')
    // On the running meeting it is too late to ask for leave.
    await rejectsWithStatus(
      payload.create({
        collection: 'meeting-attendance',
        data: { meeting, member: members[3].id, status: 'leaveRequested', reason: '临时有事' },
        ...as(members[3]),
      }),
      400,
    )
    // The secretary records member 3's approved leave for this meeting and excuses member 4 (abroad), with the approval.
    await payload.create({
      collection: 'meeting-attendance',
      data: { meeting, member: members[3].id, status: 'leave', reason: '赴外地参加学术会议（书记代登记）' },
      ...as(secretary),
    })
    await rejectsWithStatus(
      payload.create({
        collection: 'meeting-attendance',
        data: { meeting, member: members[4].id, status: 'excused', excuseKind: 'abroad', excuseApproval: '院党委同意', reason: '公派出国' },
        ...as(recorder),
      }),
      403,
    )
    await rejectsWithFieldError(
      payload.create({
        collection: 'meeting-attendance',
        data: { meeting, member: members[4].id, status: 'excused', excuseKind: 'abroad', reason: '出国访学一年' },
        ...as(secretary),
      }),
      /批准情况/,
    )
    await payload.create({
      collection: 'meeting-attendance',
      data: {
        meeting,
        member: members[4].id,
        status: 'excused',
        excuseKind: 'abroad',
        excuseApproval: '经信息工程学院党委同意（2026年9月1日）',
        reason: '出国访学一年',
      },
      ...as(secretary),
    })
    // The recorder marks the secretary present by hand, with a reason.
    await rejectsWithFieldError(
      payload.create({ collection: 'meeting-attendance', data: { meeting, member: secretary.id, status: 'present' }, ...as(recorder) }),
      /写明理由/,
    )
    await payload.create({
      collection: 'meeting-attendance',
      data: { meeting, member: secretary.id, status: 'present', reason: '主持会议，现场核实' },
      ...as(recorder),
    })
  })

  it('members read only their own attendance, their branch’s confirmed minutes, nothing of another branch (Local API, REST, GraphQL)', async () => {
    const own = await payload.find({ collection: 'meeting-attendance', where: { meeting: { equals: meeting } }, ...as(members[0]) })
    expect(own.docs.map((d) => d.member)).toEqual([members[0].id])
    const all = await payload.find({ collection: 'meeting-attendance', where: { meeting: { equals: meeting } }, ...as(secretary) })
    expect(all.totalDocs).toBe(6)
    expect(
      (await payload.find({ collection: 'meeting-attendance', where: { meeting: { equals: meeting } }, ...as(recorder) })).totalDocs,
    ).toBe(6)
    expect(
      (await payload.find({ collection: 'meeting-attendance', where: { meeting: { equals: meeting } }, ...as(college) })).totalDocs,
    ).toBe(6)
    expect(
      (await payload.find({ collection: 'meeting-attendance', where: { meeting: { equals: meeting } }, ...as(otherCommittee) })).totalDocs,
    ).toBe(0)
    const rest = await call('GET', `meeting-attendance?where[meeting][equals]=${meeting}&depth=0`, tokens.outsider)
    expect(rest.json.totalDocs).toBe(0)
    const gql = await graphql(
      tokens.outsider,
      `{ Meetings(where: { id: { equals: ${meeting} } }) { docs { id topic } } MeetingAttendances(where: { meeting: { equals: ${meeting} } }) { docs { id } } }`,
    )
    expect(gql.errors).toBeUndefined()
    expect(gql.data?.Meetings?.docs).toEqual([])
    expect(gql.data?.MeetingAttendances?.docs).toEqual([])
    const mine = await graphql(tokens.m1, `{ MeetingAttendances(where: { meeting: { equals: ${meeting} } }) { docs { member { id } } } }`)
    expect(mine.data?.MeetingAttendances?.docs).toEqual([{ member: { id: members[1].id } }])
  })

  it('the recorder drafts, the secretary confirms: the record locks, 应到/实到 are stored, and presence alone is credited, once', async () => {
    await rejectsWithStatus(
      payload.create({ collection: 'meeting-minutes', data: { status: 'draft', meeting, summary: '……' }, ...as(members[0]) }),
      403,
    )
    const draft = await call('POST', 'meeting-minutes?depth=0', tokens.recorder, {
      meeting,
      summary: '书记讲授专题党课；支部党员大会讨论通过发展对象名单。',
      resolutions: [{ text: '同意列为发展对象', votesFor: 4, votesAgainst: 0, abstentions: 0 }],
    })
    expect(draft.status, JSON.stringify(draft.json)).toBe(201)
    const minutesId = draft.json.doc.id
    expect(draft.json.doc).toMatchObject({ version: 1, status: 'draft', draftedBy: recorder.id })
    // Members do not see a draft; the recorder may not confirm.
    expect(
      (await payload.find({ collection: 'meeting-minutes', where: { meeting: { equals: meeting } }, ...as(members[0]) })).totalDocs,
    ).toBe(0)
    await rejectsWithStatus(
      payload.update({ collection: 'meeting-minutes', id: minutesId, data: { status: 'confirmed' }, ...as(recorder) }),
      403,
    )
    expect(await ledgerOf(meeting)).toEqual([])
    const before = await yearHours(payload, members[0], yearOf(new Date()))
    const confirmed = await call('PATCH', `meeting-minutes/${minutesId}`, tokens.secretary, { status: 'confirmed' })
    expect(confirmed.status, JSON.stringify(confirmed.json)).toBe(200)
    const m = await payload.findByID({ collection: 'meetings', id: meeting, depth: 0 })
    // 应到: secretary, recorder and five members = 7, less member 4 excused = 6; 实到: three by QR and the secretary by hand.
    expect(m).toMatchObject({ status: 'recorded', expectedCount: 6, presentCount: 4, leaveCount: 1 })
    // 90 minutes of a 党课/主题党日 at 45 minutes per 学时 (the default rule) = 2 学时 each.
    expect(m.creditHours).toBe(2)
    const credited = await ledgerOf(meeting)
    expect(credited.map((r) => r.member_id).sort((a, b) => a - b)).toEqual(
      [secretary.id, ...members.slice(0, 3).map((x) => x.id)].map(Number).sort((a, b) => a - b),
    )
    expect(credited.every((r) => r.hours === 2 && r.source === 'organizationLife')).toBe(true)
    const after = await yearHours(payload, members[0], yearOf(new Date()))
    expect(after.offline - before.offline).toBe(2)
    expect(after.bySource.organizationLife).toBeGreaterThanOrEqual(2)
    // Locked: the minutes, the attendance and sign-in.
    await rejectsWithStatus(
      payload.update({ collection: 'meeting-minutes', id: minutesId, data: { summary: '改写' }, ...as(secretary) }),
      400,
    )
    await rejectsWithStatus(
      payload.create({
        collection: 'meeting-attendance',
        data: { meeting, member: members[3].id, status: 'present', reason: '补记' },
        ...as(secretary),
      }),
      400,
    )
    const late = await call('POST', 'meetings/sign-in', tokens.m3, { code: makeCode(payload.secret, meeting, new Date()) })
    expect(late.json.errors[0].message).toMatch(/签到已结束/)
    // Members now read the confirmed minutes.
    expect(
      (await payload.find({ collection: 'meeting-minutes', where: { meeting: { equals: meeting } }, ...as(members[0]) })).totalDocs,
    ).toBe(1)
    // A correction: a new version, with its reason; confirming it credits nothing more.
    await rejectsWithFieldError(
      payload.create({ collection: 'meeting-minutes', data: { status: 'draft', meeting, summary: '更正后的纪要' }, ...as(recorder) }),
      /更正理由/,
    )
    const v2 = await payload.create({
      collection: 'meeting-minutes',
      data: { status: 'draft', meeting, summary: '更正后的纪要：决议票数更正为赞成 5 票。', correctionReason: '赞成票数记录有误' },
      ...as(recorder),
    })
    expect(v2).toMatchObject({ version: 2, status: 'draft' })
    await payload.update({ collection: 'meeting-minutes', id: v2.id, data: { status: 'confirmed' }, ...as(secretary) })
    expect(await ledgerOf(meeting)).toEqual(credited)
    const v1 = await payload.findByID({ collection: 'meeting-minutes', id: minutesId, depth: 0 })
    expect(v1.summary).toMatch(/^书记讲授专题党课/)
    expect(await creditInvariantViolations(poolOf(payload))).toEqual([])
  })

  it('a meeting of a type not credited (支委会) credits nobody by default', async () => {
    const committee = await approvedMeeting({ types: ['committeeMeeting'], speaker: null })
    await call('POST', 'meetings/sign-in', tokens.m0, { code: await freshCode(committee) })
    const draft = await payload.create({
      collection: 'meeting-minutes',
      data: { status: 'draft', meeting: committee, summary: '研究本月工作。' },
      ...as(secretary),
    })
    await payload.update({ collection: 'meeting-minutes', id: draft.id, data: { status: 'confirmed' }, ...as(secretary) })
    expect(await ledgerOf(committee)).toEqual([])
    expect((await payload.findByID({ collection: 'meetings', id: committee, depth: 0 })).presentCount).toBe(1)
  })
})

describe('the annual record and the 学习档案', () => {
  it('binds the year: types against frequency, attendance, 党课 speakers; Excel for the branch and the college only', async () => {
    const year = yearOf(new Date())
    const r = await branchRecord(payload, branchId, year)
    // The two meetings recorded above: the 党员大会/主题党日/党课 and the 支委会.
    expect(r.meetings).toHaveLength(2)
    const held = Object.fromEntries(r.analysis.byType.map((t) => [t.type, t.held]))
    expect(held).toMatchObject({ generalMeeting: 1, themeDay: 1, partyLecture: 1, committeeMeeting: 1 })
    // 应到 6 + 7, 实到 4 + 1.
    expect(r.analysis.attendanceRate).toBeCloseTo(5 / 13, 5)
    expect(r.analysis.lectures.map((l) => l.speaker)).toEqual([secretary.name])
    const main = r.meetings.find((m) => m.types.includes('partyLecture'))!
    expect(main.minutes.map((v) => v.version)).toEqual([2, 1])
    expect(main.absent).toEqual([recorder.name])
    // 双重组织生活: only the system administrator marks a leading cadre; the record says who gave a 党课.
    await rejectsWithStatus(payload.update({ collection: 'users', id: members[2].id, data: { leadingCadre: true }, ...as(secretary) }), 403)
    const sysAdmin = await demoUser('sysadmin@demo.edu.cn')
    for (const u of [members[2], secretary])
      await payload.update({ collection: 'users', id: u.id, data: { leadingCadre: true }, ...as(sysAdmin) })
    const cadres = (await branchRecord(payload, branchId, year)).analysis.cadres
    expect(cadres.find((c) => c.name === members[2].name)).toEqual({ name: members[2].name, lectures: 0 })
    expect(cadres.find((c) => c.name === secretary.name)).toEqual({ name: secretary.name, lectures: 1 })
    // The cockpit section: this branch's row, and the scope-wide Excel for the college only.
    const [row] = await lifeOverview(payload, [branchId], year)
    // Held counts as the frequency check does: recorded, and approved whose date has come (the plans
    // test's meeting and the one that ended above, minutes not yet confirmed) — three 党课 here.
    expect(row.types.find((t) => t.type === 'partyLecture')?.held).toBe(3)
    expect(row.types.find((t) => t.type === 'committeeMeeting')?.held).toBe(1)
    expect(row.attendanceRate).toBeCloseTo(5 / 13, 5)
    expect(row.cadresWithoutLecture).toEqual([members[2].name])
    for (const [who, status] of [
      ['college', 200],
      ['m0', 403],
    ] as const) {
      const res = await REST_GET(config)(
        new Request(`http://localhost/api/meetings/overview?year=${year}`, { headers: { Authorization: `JWT ${tokens[who]}` } }),
        {
          params: Promise.resolve({ slug: ['meetings', 'overview'] }),
        },
      )
      expect(res.status, who).toBe(status)
    }
    for (const [who, status] of [
      ['secretary', 200],
      ['college', 200],
      ['outsider', 403],
      ['m0', 200],
    ] as const) {
      const res = await REST_GET(config)(
        new Request(`http://localhost/api/meetings/record?org=${branchId}&year=${year}`, {
          headers: { Authorization: `JWT ${tokens[who]}` },
        }),
        {
          params: Promise.resolve({ slug: ['meetings', 'record'] }),
        },
      )
      expect(res.status, who).toBe(status)
      if (status === 200) expect(res.headers.get('content-type')).toContain('spreadsheetml')
    }
    // The JSON the cockpit's 组织生活 section draws: the same rows, in the viewer's scope only.
    const json = await REST_GET(config)(
      new Request(`http://localhost/api/meetings/overview?year=${year}&format=json`, {
        headers: { Authorization: `JWT ${tokens.college}` },
      }),
      {
        params: Promise.resolve({ slug: ['meetings', 'overview'] }),
      },
    )
    const overview = (await json.json()) as { scope: { name: string }; rows: Array<{ id: number; name: string }> }
    expect(overview.scope.name).toBe('信息工程学院党委')
    expect(overview.rows.map((r) => r.id)).toContain(branchId)
    const drill = await REST_GET(config)(
      new Request(`http://localhost/api/meetings/record?org=${branchId}&year=${year}&format=json`, {
        headers: { Authorization: `JWT ${tokens.college}` },
      }),
      {
        params: Promise.resolve({ slug: ['meetings', 'record'] }),
      },
    )
    expect(((await drill.json()) as { meetings: unknown[] }).meetings.length).toBe(
      (await branchRecord(payload, branchId, year)).meetings.length,
    )
  })

  it('a member’s 学习档案 shows their attendance at each recorded meeting, absences included', async () => {
    const rows = async (who: TestUser) =>
      ((await learningArchive(payload, Number(who.id)))?.meetings ?? []).filter((m) => m.year === yearOf(new Date()))
    expect((await rows(members[0])).map((m) => m.status).sort()).toEqual(['已到', '已到'])
    expect((await rows(members[3])).map((m) => m.status).sort()).toEqual(['缺席', '请假（已批准）'])
    expect((await rows(recorder)).map((m) => m.status)).toEqual(['缺席', '缺席'])
  })
})

describe('督查', () => {
  it('draws an inspector from the committee’s pool, never of the meeting’s own branch; the inspector files once; the branch reads it', async () => {
    // A branch of 马克思主义学院 (whose committee staff is otherCommittee, and whose pool starts empty: the seed fills 信息工程学院's).
    const staff = otherCommittee
    const branch2 = Number(
      (
        await payload.create({
          collection: 'organizations',
          data: { name: unique('督查测试支部'), type: 'branch', parent: await orgId('C-MARX') },
        })
      ).id,
    )
    const sec2 = await person('督查测试书记', branch2, { roles: ['member', 'branchSecretary'] })
    const local = await person('督查测试党员', branch2)
    tokens.staff = await tokenFor(String(staff.email), PASSWORD)
    const planned = await payload.create({ collection: 'meetings', data: plan({ recorder: null, speaker: sec2.id }), ...as(sec2) })
    await payload.update({ collection: 'meetings', id: planned.id, data: { status: 'approved' }, ...as(staff) })
    const inspected = Number(planned.id)
    await rejectsWithStatus(payload.create({ collection: 'inspectors', data: { person: local.id }, ...as(members[0]) }), 403)
    const inBranch = await payload.create({ collection: 'inspectors', data: { person: local.id, note: '本支部党员' }, ...as(staff) })
    expect(inBranch.organization).toBe(await orgId('C-MARX'))
    const draw = (token: string) => call('POST', 'meeting-inspections/draw', token, {})
    expect((await draw(tokens.m0)).status).toBe(403)
    const first = await draw(tokens.staff)
    expect(first.status, JSON.stringify(first.json)).toBe(200)
    expect(first.json.skipped.map((x: { meeting: number }) => x.meeting)).toEqual([inspected])
    expect(first.json.drawn).toEqual([])
    await payload.create({ collection: 'inspectors', data: { person: college.id, note: '外院组织员' }, ...as(staff) })
    const second = await draw(tokens.staff)
    expect(second.json.drawn.map((x: { meeting: number }) => x.meeting)).toContain(inspected)
    const rows = (await poolOf(payload).query(`SELECT x.inspector_id FROM meeting_inspections x WHERE x.organization_id = $1`, [branch2]))
      .rows
    expect(rows.map((r) => r.inspector_id)).toEqual([college.id])
    // Over every draw so far, nobody inspects their own branch.
    expect(
      (
        await poolOf(payload).query(
          `SELECT count(*)::int AS n FROM meeting_inspections x JOIN users u ON u.id = x.inspector_id WHERE u.organization_id = x.organization_id`,
        )
      ).rows[0].n,
    ).toBe(0)
    // Assignments come from the draw only.
    expect((await call('POST', 'meeting-inspections', tokens.staff, { meeting: inspected, inspector: staff.id })).status).toBe(403)
    // Another college's staff draw only for their own branches.
    expect((await draw(tokens.college)).json.drawn?.some((x: { meeting: number }) => x.meeting === inspected) ?? false).toBe(false)
    const [assignment] = (
      await payload.find({ collection: 'meeting-inspections', where: { meeting: { equals: inspected } }, ...as(college) })
    ).docs
    expect(assignment).toMatchObject({ status: 'assigned', inspector: college.id })
    // The inspector (of another college) now reads the meeting.
    expect((await payload.find({ collection: 'meetings', where: { id: { equals: inspected } }, ...as(college) })).totalDocs).toBe(1)
    // The secretary does not see an assignment before it is filed; the inspector files all four ratings, once.
    expect(
      (await payload.find({ collection: 'meeting-inspections', where: { meeting: { equals: inspected } }, ...as(sec2) })).totalDocs,
    ).toBe(0)
    await rejectsWithFieldError(
      payload.update({ collection: 'meeting-inspections', id: assignment.id, data: { onTime: 'good', comments: '准时' }, ...as(college) }),
      /参会情况/,
    )
    await rejectsWithStatus(
      payload.update({
        collection: 'meeting-inspections',
        id: assignment.id,
        data: { onTime: 'good', attendance: 'good', content: 'good', procedure: 'good' },
        ...as(staff),
      }),
      403,
    )
    const filed = await payload.update({
      collection: 'meeting-inspections',
      id: assignment.id,
      data: { onTime: 'good', attendance: 'fair', content: 'good', procedure: 'poor', comments: '表决程序不完整' },
      ...as(college),
    })
    expect(filed.status).toBe('filed')
    await rejectsWithStatus(
      payload.update({ collection: 'meeting-inspections', id: assignment.id, data: { procedure: 'good' }, ...as(college) }),
      403,
    )
    expect(
      (await payload.find({ collection: 'meeting-inspections', where: { meeting: { equals: inspected } }, ...as(sec2) })).docs[0]?.comments,
    ).toBe('表决程序不完整')
    expect(
      (await payload.find({ collection: 'meeting-inspections', where: { meeting: { equals: inspected } }, ...as(local) })).totalDocs,
    ).toBe(0)
    expect(
      (await payload.find({ collection: 'meeting-inspections', where: { meeting: { equals: inspected } }, ...as(secretary) })).totalDocs,
    ).toBe(0)
    expect(
      (await payload.find({ collection: 'meeting-inspections', where: { meeting: { equals: inspected } }, ...as(outsider) })).totalDocs,
    ).toBe(0)
    const r = await branchRecord(payload, branch2, yearOf(new Date()))
    expect(r.analysis.inspectionSummary.find((x) => x.aspect === '程序规范')).toMatchObject({ good: 0, fair: 0, poor: 1 })
  })
})

describe('frequency warnings', () => {
  it('tell the secretary and the college once per condition and period', async () => {
    // A fixed month long past, so this branch's own meetings (all dated now) do not count in it.
    const now = new Date('2025-04-01T02:10:00+08:00')
    await meetingGapCheck(payload, now)
    const notes = async () =>
      (
        await poolOf(payload).query(
          `SELECT recipient_id, title, condition_key FROM notifications WHERE kind = 'meetingGap' AND organization_id = $1 ORDER BY condition_key, recipient_id`,
          [branchId],
        )
      ).rows
    const first = await notes()
    const keys = [...new Set(first.map((n) => n.condition_key))]
    expect(keys).toEqual(
      [
        `meetingGap:${branchId}:committeeMeeting:2025-03`,
        `meetingGap:${branchId}:generalMeeting:2025-Q1`,
        `meetingGap:${branchId}:partyLecture:2025-Q1`,
        `meetingGap:${branchId}:themeDay:2025-03`,
      ].sort(),
    )
    expect(new Set(first.map((n) => n.recipient_id))).toEqual(new Set([secretary.id, college.id]))
    expect(first.find((n) => n.condition_key.endsWith('generalMeeting:2025-Q1'))?.title).toMatch(
      /2025年第一季度支部党员大会应开 1 次，实开 0 次/,
    )
    await meetingGapCheck(payload, new Date('2025-04-02T02:10:00+08:00'))
    expect(await notes()).toEqual(first)
  })
})

describe('谈心谈话', () => {
  it('the committee records who talked; people outside the branch, a talk without a committee member, a future date are refused; the record lists who is missing', async () => {
    // The test branch has a committee: the secretary and the 组织委员 (recorder).
    await payload.update({ collection: 'organizations', id: branchId, data: { committeeMembers: [recorder.id] } })
    await rejectsWithFieldError(
      payload.update({ collection: 'organizations', id: branchId, data: { committeeMembers: [recorder.id, outsider.id] } }),
      /本支部/,
    )
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString()
    const created = await call('POST', 'heart-talks?depth=0', tokens.recorder, {
      date: day(3),
      participants: [recorder.id, members[0].id],
      topic: '学习与工作情况',
    })
    expect(created.status, JSON.stringify(created.json)).toBe(201)
    expect(created.json.doc).toMatchObject({ organization: branchId, recordedBy: recorder.id, year: yearOf(new Date(day(3))) })
    // Refusals, each with its reason.
    await rejectsWithFieldError(
      payload.create({ collection: 'heart-talks', data: { date: day(2), participants: [members[1].id, members[2].id] }, ...as(secretary) }),
      /支部委员或书记/,
    )
    await rejectsWithFieldError(
      payload.create({ collection: 'heart-talks', data: { date: day(2), participants: [secretary.id, outsider.id] }, ...as(secretary) }),
      /本支部在册人员/,
    )
    await rejectsWithFieldError(
      payload.create({ collection: 'heart-talks', data: { date: day(2), participants: [secretary.id] }, ...as(secretary) }),
      /至少要有两人/,
    )
    await rejectsWithFieldError(
      payload.create({ collection: 'heart-talks', data: { date: day(-2), participants: [secretary.id, members[1].id] }, ...as(secretary) }),
      /不能晚于今天/,
    )
    // Today by the Beijing calendar is today whatever the hour a date picker sends (noon UTC may still lie ahead).
    const late = await payload.create({
      collection: 'heart-talks',
      data: { date: `${shanghaiDay(new Date())}T23:59:00+08:00`, participants: [secretary.id, members[3].id] },
      ...as(secretary),
    })
    expect(late.organization).toBe(branchId)
    // A member who is not on the committee may not record; nor may the college or another branch.
    for (const who of [members[1], college, outsider])
      await rejectsWithStatus(
        payload.create({ collection: 'heart-talks', data: { date: day(2), participants: [secretary.id, members[1].id] }, ...as(who) }),
        403,
      )
    // Those in the talk, the committee and the college read it; other members and other branches do not.
    const id = Number(created.json.doc.id)
    for (const [who, sees] of [
      [members[0], 1],
      [secretary, 1],
      [college, 1],
      [members[1], 0],
      [outsider, 0],
      [otherCommittee, 0],
    ] as const)
      expect(
        (await payload.find({ collection: 'heart-talks', where: { id: { equals: id } }, ...as(who) })).totalDocs,
        String(who.name),
      ).toBe(sees)
    expect((await call('GET', `heart-talks/${id}`, tokens.m1)).status).toBe(404)
    // Only the one who recorded it or the secretary corrects it.
    await rejectsWithStatus(payload.update({ collection: 'heart-talks', id, data: { topic: '改' }, ...as(members[0]) }), 403)
    await payload.update({ collection: 'heart-talks', id, data: { topic: '学习、工作与思想情况' }, ...as(secretary) })

    const year = yearOf(new Date(day(3)))
    const talks = (await branchRecord(payload, branchId, year)).analysis.talks
    // Committee: secretary + 组织委员, who have not talked with each other; 党员甲 talked with a committee member.
    expect(talks.pairs).toBe(1)
    expect(talks.missingPairs).toEqual([`${secretary.name}—${recorder.name}`])
    expect(talks.unreached).not.toContain(members[0].name)
    expect(talks.unreached).toContain(members[1].name)
    await payload.create({
      collection: 'heart-talks',
      data: { date: day(1), participants: [secretary.id, recorder.id, members[1].id] },
      ...as(secretary),
    })
    const after = (await branchRecord(payload, branchId, year)).analysis.talks
    expect(after.missingPairs).toEqual([])
    expect(after.unreached).not.toContain(members[1].name)
    const row = (await lifeOverview(payload, [branchId], year)).find((r) => r.id === branchId)
    expect(row).toMatchObject({ talkPairsMissing: 0, talkMembersUnreached: after.unreached.length })
  })
})
