import { REST_GET, REST_POST } from '@payloadcms/next/routes'
import { PDFDocument } from 'pdf-lib'
import type { Payload, RequiredDataFromCollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { poolOf } from '../../../src/db/pool'
import { anonymisePerson } from '../../../src/privacy/anonymise'
import { developmentCheck } from '../../../src/development/check'
import { trainingEvidence } from '../../../src/development/evidence'
import { caseState } from '../../../src/development/case'
import { dayToDate } from '../../../src/development/service'
import { CURRENT_VERSION, rulesFor } from '../../../src/development/steps'
import type { PoliticalStage } from '../../../src/people/stages'
import type { DevelopmentNotice } from '../../../src/payload-types'
import {
  demoUser,
  personData,
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
 * 发展党员 (issue 17). Properties:
 *  - each step is done only by the role the rules name, in order, not before its time rule allows
 *    (refused with the rule and the day it becomes possible) and not before its 公示 has run its
 *    working days without an unhandled objection;
 *  - a person's political stage changes only through their case's steps (a sysAdmin's hand edit is
 *    a logged correction with its reason, refused while a case is in progress);
 *  - a branch vote has its voters frozen at opening (full members only), one ballot each, a sealed
 *    tally until it closes, the count of the rules, and no table or query that joins a ballot to a voter.
 */
let payload: Payload
let branchId: number
let secretary: TestUser
let committee: TestUser
let members: TestUser[]
let probationary: TestUser
let outsider: TestUser
let college: TestUser
let otherCollege: TestUser
let sysAdmin: TestUser
const tokens: Record<string, string> = {}
const PASSWORD = 'Vq7#Lm2$Xr9'
const today = () => shanghaiDay(new Date())
const rules = rulesFor(CURRENT_VERSION)!

/** The development endpoints' own fields the tests read (a step's next, a notice's objections). */
type DevelopmentBody = RestBody & { next: { no: number; title: string }; objections: NonNullable<DevelopmentNotice['objections']> }
const call = async (method: 'GET' | 'POST', path: string, token: string | null, body?: unknown) => {
  const handler = { GET: REST_GET, POST: REST_POST }[method](config)
  const url = new URL(`http://localhost/api/${path}`)
  const res = await handler(
    new Request(url, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }),
    { params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/') }) },
  )
  return { status: res.status, json: (await res.json().catch(() => ({}))) as DevelopmentBody }
}
const orgId = async (code: string) =>
  (await payload.find({ collection: 'organizations', where: { code: { equals: code } }, depth: 0 })).docs[0].id as number
const person = async (name: string, org: number, extra: Record<string, unknown> = {}) => {
  const p = await payload.create({
    collection: 'users',
    data: personData(unique(name), { organization: org, politicalStage: 'full', ...extra }),
  })
  return { ...p, collection: 'users' } as TestUser
}
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/**
 * A case with steps 1..upTo already on record (and the 公示 before them), dated from `start` a week
 * apart, respecting the one-year rules: the setup for tests of the later steps. Written directly,
 * as a data migration would, so each test starts where it needs to.
 */
const caseAt = async (upTo: number, start = '2024-03-01', stage: PoliticalStage = 'masses') => {
  const who = await person('发展对象', branchId, { politicalStage: 'masses' })
  const c = await payload.create({
    collection: 'development-cases',
    data: {
      person: who.id,
      organization: branchId,
      ruleVersion: CURRENT_VERSION,
      stage: 'masses',
      status: 'active',
      nextStep: upTo + 1,
      openedOn: dayToDate(start),
    },
  })
  let day = start
  for (const s of rules.steps.filter((x) => x.no <= upTo)) {
    if (s.no === 7 || s.no === 23) day = addDays(day, 400)
    if (rules.publicNotice.beforeSteps.includes(s.no)) {
      await payload.create({
        collection: 'development-notices',
        data: {
          title: '公示',
          case: c.id,
          person: who.id,
          organization: branchId,
          beforeStep: s.no,
          postedOn: dayToDate(day),
          endsOn: dayToDate(addDays(day, 7)),
          objections: [],
        },
      })
      day = addDays(day, 14)
    }
    await payload.create({
      collection: 'development-steps',
      data: { case: c.id, person: who.id, organization: branchId, no: s.no, title: s.title, date: dayToDate(day), doneBy: secretary.id },
    })
    if (s.stage) stage = s.stage
    day = addDays(day, 7)
  }
  await payload.update({
    collection: 'users',
    id: who.id,
    data: { politicalStage: stage },
    context: { developmentStep: { case: c.id, step: upTo } },
  })
  await payload.update({ collection: 'development-cases', id: c.id, data: { stage: stage } })
  tokens[`p${c.id}`] = await tokenFor(String(who.email), PASSWORD)
  return { id: Number(c.id), person: who, last: addDays(day, -7) }
}
const stepsOf = async (caseId: number) =>
  (await payload.find({ collection: 'development-steps', where: { case: { equals: caseId } }, sort: 'no', depth: 0, limit: 100 })).docs.map(
    (s) => s.no,
  )

beforeAll(async () => {
  payload = await testPayload()
  branchId = Number(
    (
      await payload.create({
        collection: 'organizations',
        data: { name: unique('发展党员测试支部'), type: 'branch', parent: await orgId('C-INFO'), hasCommittee: true },
      })
    ).id,
  )
  secretary = await person('书记', branchId, { roles: ['member', 'branchSecretary'] })
  committee = await person('组织委员', branchId)
  await payload.update({ collection: 'organizations', id: branchId, data: { secretary: secretary.id, committeeMembers: [committee.id] } })
  members = [
    await person('党员甲', branchId),
    await person('党员乙', branchId),
    await person('党员丙', branchId),
    await person('党员丁', branchId),
  ]
  probationary = await person('预备党员', branchId, { politicalStage: 'probationary' })
  outsider = await person(
    '外支部党员',
    Number(
      (
        await payload.create({
          collection: 'organizations',
          data: { name: unique('外支部'), type: 'branch', parent: await orgId('C-MARX') },
        })
      ).id,
    ),
  )
  otherCollege = await person('外院组织员', await orgId('C-MARX'), { roles: ['member', 'partyCommittee'] })
  college = await demoUser('college@demo.edu.cn')
  sysAdmin = await demoUser('sysadmin@demo.edu.cn')
  tokens.college = await tokenFor('college@demo.edu.cn')
  tokens.sysAdmin = await tokenFor('sysadmin@demo.edu.cn')
  for (const [k, u] of Object.entries({
    secretary,
    committee,
    probationary,
    outsider,
    otherCollege,
    m0: members[0],
    m1: members[1],
    m2: members[2],
    m3: members[3],
  }))
    tokens[k] = await tokenFor(String(u.email), PASSWORD)
}, 180_000)
afterAll(async () => {
  await releasePayload(payload)
})

describe('the path and its actors', () => {
  it('an application opens the case; each step is done by the role the rules name and refused to the others; 公示 before 积极分子', async () => {
    const applicant = await person('申请人', branchId, { politicalStage: 'masses' })
    const token = await tokenFor(String(applicant.email), PASSWORD)
    const applied = await call('POST', 'development-cases/apply', token, { date: '2025-03-03', notes: '本人志愿加入中国共产党' })
    expect(applied.status, JSON.stringify(applied.json)).toBe(201)
    const id = Number(applied.json.id)
    expect((await call('POST', 'development-cases/apply', token, {})).status).toBe(409)
    // A full member cannot apply; a date in the future is refused.
    expect((await call('POST', 'development-cases/apply', tokens.m0, {})).json.errors[0].message).toMatch(/只有群众/)
    expect((await payload.findByID({ collection: 'users', id: applicant.id, depth: 0 })).politicalStage).toBe('applicant')

    // Step 2 (谈话) is the secretary's: the person, a committee member, the college and an outsider are refused.
    const step2 = { no: 2, date: '2025-03-20' }
    expect((await call('POST', `development-cases/${id}/steps`, token, step2)).json.errors[0].message).toMatch(/党支部书记办理/)
    expect((await call('POST', `development-cases/${id}/steps`, tokens.committee, step2)).status).toBe(403)
    expect((await call('POST', `development-cases/${id}/steps`, tokens.college, step2)).status).toBe(403)
    // Those who may not read the case do not learn it exists.
    expect((await call('POST', `development-cases/${id}/steps`, tokens.m0, step2)).status).toBe(404)
    expect((await call('POST', `development-cases/${id}/steps`, tokens.outsider, step2)).status).toBe(404)
    expect((await call('POST', `development-cases/${id}/steps`, tokens.otherCollege, step2)).status).toBe(404)
    // Out of order and in the future.
    expect(
      (await call('POST', `development-cases/${id}/steps`, tokens.secretary, { no: 4, date: '2025-03-20' })).json.errors[0].message,
    ).toMatch(/须先完成第 2 步/)
    expect((await call('POST', `development-cases/${id}/steps`, tokens.secretary, { no: 2, date: addDays(today(), 1) })).status).toBe(400)
    const done2 = await call('POST', `development-cases/${id}/steps`, tokens.secretary, step2)
    expect(done2.status, JSON.stringify(done2.json)).toBe(201)
    expect(done2.json.next.no).toBe(3)

    // Step 3 needs its 公示 first (the local rules), posted by the secretary only.
    expect(
      (await call('POST', `development-cases/${id}/steps`, tokens.committee, { no: 3, date: '2025-04-01' })).json.errors[0].message,
    ).toMatch(/公示 5 个工作日/)
    expect((await call('POST', `development-cases/${id}/notices`, tokens.committee, { postedOn: '2025-04-01' })).status).toBe(403)
    const notice = await call('POST', `development-cases/${id}/notices`, tokens.secretary, { postedOn: '2025-04-01' })
    expect(notice.status, JSON.stringify(notice.json)).toBe(201)
    // 1 April 2025 (Tuesday) + 5 working days, over 清明 (4 April, a holiday): Tuesday 8 April.
    expect(notice.json.endsOn).toBe('2025-04-08')
    // The person is the notice's relationship, not text copied into it (an anonymisation must reach every copy of a name).
    const stored = await payload.findByID({ collection: 'development-notices', id: notice.json.id, depth: 0 })
    expect(stored).toMatchObject({ title: '关于拟确定入党积极分子的公示', person: applicant.id })
    const early = await call('POST', `development-cases/${id}/steps`, tokens.committee, { no: 3, date: '2025-04-08' })
    expect(early.status).toBe(409)
    expect(early.json.errors[0]).toMatchObject({ message: '公示期至 2025-04-08', data: { from: '2025-04-09' } })
    // The committee member decides step 3 (支委会) the day after.
    expect((await call('POST', `development-cases/${id}/steps`, tokens.committee, { no: 3, date: '2025-04-09' })).status).toBe(201)
    const stage = await payload.findByID({ collection: 'users', id: applicant.id, depth: 0 })
    expect(stage.politicalStage).toBe('activist')
    expect(stage.stageHistory?.at(-1)).toMatchObject({ stage: 'activist', source: 'case', date: dayToDate('2025-04-09') })
    // The person reads their own case; a member of the branch does not.
    expect((await call('GET', `development-cases/${id}?depth=0`, token)).status).toBe(200)
    expect((await call('GET', `development-cases/${id}?depth=0`, tokens.m0)).status).toBe(404)
    expect((await call('GET', `development-steps?where[case][equals]=${id}&depth=0`, tokens.m0)).json.docs).toHaveLength(0)
    expect((await call('GET', `development-steps?where[case][equals]=${id}&depth=0`, tokens.college)).json.docs).toHaveLength(3)
  })

  it('发展对象 not before a full year as an activist: refused the day before with the day it becomes possible, allowed on that day', async () => {
    const c = await caseAt(6, '2025-01-06')
    const activistOn = (
      await payload.find({ collection: 'development-steps', where: { and: [{ case: { equals: c.id } }, { no: { equals: 3 } }] }, depth: 0 })
    ).docs[0].date
    const yearOn = addDays(shanghaiDay(new Date(activistOn)), 0).replace(/^(\d{4})/, (y) => String(Number(y) + 1))
    await payload.create({
      collection: 'development-notices',
      data: {
        title: '公示',
        case: c.id,
        person: c.person.id,
        organization: branchId,
        beforeStep: 7,
        postedOn: dayToDate(c.last),
        endsOn: dayToDate(addDays(c.last, 7)),
        objections: [],
      },
    })
    const before = await call('POST', `development-cases/${c.id}/steps`, tokens.committee, { no: 7, date: addDays(yearOn, -1) })
    expect(before.status).toBe(409)
    expect(before.json.errors[0].message).toMatch(/须满1 年/)
    expect(before.json.errors[0].data.from).toBe(yearOn)
    const on = await call('POST', `development-cases/${c.id}/steps`, tokens.committee, { no: 7, date: yearOn })
    expect(on.status, JSON.stringify(on.json)).toBe(201)
    expect((await payload.findByID({ collection: 'users', id: c.person.id, depth: 0 })).politicalStage).toBe('developmentTarget')
    // 集中培训 (11) is the college's; 入党志愿书 (14) the person's.
    for (const [no, token, who] of [
      [8, tokens.secretary],
      [9, tokens.committee],
      [10, tokens.committee],
      [11, tokens.secretary, 'refused'],
      [11, tokens.college],
      [12, tokens.committee],
      [13, tokens.college],
      [14, tokens.secretary, 'refused'],
      [14, tokens[`p${c.id}`]],
    ] as Array<[number, string, string?]>) {
      const r = await call('POST', `development-cases/${c.id}/steps`, token, { no, date: yearOn })
      expect(r.status, `${no}: ${JSON.stringify(r.json)}`).toBe(who === 'refused' ? 403 : 201)
    }
    // Step 15 is the branch meeting's: only a vote records it.
    expect((await call('POST', `development-cases/${c.id}/steps`, tokens.secretary, { no: 15 })).json.errors[0].message).toMatch(
      /支部党员大会表决/,
    )
  })
})

describe('公示 and objections', () => {
  it('members of the branch read the notice and object in its window; an objection blocks the step until handled', async () => {
    const c = await caseAt(6, '2024-06-03')
    const posted = await call('POST', `development-cases/${c.id}/notices`, tokens.secretary, { postedOn: today() })
    expect(posted.status, JSON.stringify(posted.json)).toBe(201)
    const noticeId = Number(posted.json.id)
    // Members of the branch read it (公示), members elsewhere do not.
    expect((await call('GET', `development-notices/${noticeId}?depth=0`, tokens.m1)).status).toBe(200)
    expect((await call('GET', `development-notices/${noticeId}?depth=0`, tokens.outsider)).status).toBe(404)
    expect(
      (await call('POST', `development-cases/notices/${noticeId}/objections`, tokens.outsider, { text: '反映该同志的情况' })).status,
    ).toBe(404)
    expect((await call('POST', `development-cases/notices/${noticeId}/objections`, tokens.m1, { text: '短' })).status).toBe(400)
    const objected = await call('POST', `development-cases/notices/${noticeId}/objections`, tokens.m1, {
      text: '该同志上学期有两门课程考试作弊，请核查',
    })
    expect(objected.status, JSON.stringify(objected.json)).toBe(201)
    // Other members see that the notice is held up, not who objected or what; the secretary sees what, the college who.
    const asMember = (await call('GET', `development-notices/${noticeId}?depth=0`, tokens.m2)).json
    expect(asMember.openObjections).toBe(1)
    expect(asMember.objections ?? []).toEqual([])
    const asSecretary = (await call('GET', `development-notices/${noticeId}?depth=0`, tokens.secretary)).json
    expect(asSecretary.objections[0].text).toMatch(/作弊/)
    expect(asSecretary.objections[0].raisedBy).toBeUndefined()
    expect((await call('GET', `development-notices/${noticeId}?depth=0`, tokens.college)).json.objections[0].raisedBy).toBe(members[1].id)

    // The window is over (moved back, as if posted two weeks ago) and the objection still open: the step waits.
    await payload.update({
      collection: 'development-notices',
      id: noticeId,
      data: { postedOn: dayToDate(addDays(today(), -20)), endsOn: dayToDate(addDays(today(), -13)) },
    })
    const blocked = await call('POST', `development-cases/${c.id}/steps`, tokens.committee, { no: 7 })
    expect(blocked.status).toBe(409)
    expect(blocked.json.errors[0].message).toMatch(/1 条意见尚未处理/)
    // Late objections are refused with where to go instead.
    expect(
      (await call('POST', `development-cases/notices/${noticeId}/objections`, tokens.m2, { text: '还有一个情况需要反映' })).json.errors[0]
        .message,
    ).toMatch(/不在公示期内/)
    const objectionId = asSecretary.objections[0].id
    expect(
      (
        await call('POST', `development-cases/notices/${noticeId}/handle`, tokens.m1, {
          objection: objectionId,
          handling: '经核查情况不属实',
        })
      ).status,
    ).toBe(403)
    const handled = await call('POST', `development-cases/notices/${noticeId}/handle`, tokens.secretary, {
      objection: objectionId,
      handling: '经向教务处核查，该课程成绩正常，反映情况不属实',
    })
    expect(handled.status, JSON.stringify(handled.json)).toBe(200)
    expect((await call('POST', `development-cases/${c.id}/steps`, tokens.committee, { no: 7 })).status).toBe(201)
  })
})

describe('branch votes', () => {
  it('voters frozen at opening (full members only), one secret ballot each, sealed until closed; passing writes step 15 and 17 makes a probationary member', async () => {
    const c = await caseAt(14, '2024-01-08')
    await payload.create({
      collection: 'development-notices',
      data: {
        title: '公示',
        case: c.id,
        person: c.person.id,
        organization: branchId,
        beforeStep: 15,
        postedOn: dayToDate(c.last),
        endsOn: dayToDate(addDays(c.last, 7)),
        objections: [],
      },
    })
    expect((await call('POST', `development-cases/${c.id}/votes`, tokens.committee, { motion: 'accept' })).status).toBe(403)
    expect((await call('POST', `development-cases/${c.id}/votes`, tokens.secretary, { motion: 'confirm' })).json.errors[0].message).toMatch(
      /须先完成第 15 步/,
    )
    const opened = await call('POST', `development-cases/${c.id}/votes`, tokens.secretary, { motion: 'accept' })
    expect(opened.status, JSON.stringify(opened.json)).toBe(201)
    const voteId = Number(opened.json.id)
    const vote = await payload.findByID({ collection: 'development-votes', id: voteId, depth: 0 })
    const voters = (vote.voters ?? []).map(Number)
    // The full members of the branch when it opened: not the probationary member, not the candidate.
    expect(voters).toEqual(expect.arrayContaining([secretary.id, committee.id, ...members.map((m) => m.id)]))
    expect(voters).not.toContain(probationary.id)
    expect(voters).not.toContain(c.person.id)
    expect(vote.expected).toBe(voters.length)
    // Each voter was told, with the link to the ballot.
    const told = await payload.find({
      collection: 'notifications',
      where: { and: [{ kind: { equals: 'developmentVote' } }, { link: { equals: `/development/votes/${voteId}` } }] },
      depth: 0,
      limit: 100,
    })
    expect(told.docs.map((n) => Number(n.recipient)).sort()).toEqual([...voters].sort())
    // A member who joins the branch later does not vote.
    const late = await person('新转入党员', branchId)
    expect(
      (await call('POST', `development-cases/votes/${voteId}/ballot`, await tokenFor(String(late.email), PASSWORD), { choice: 'for' }))
        .status,
    ).toBe(404)
    expect((await call('POST', `development-cases/votes/${voteId}/ballot`, tokens.probationary, { choice: 'for' })).status).toBe(404)
    expect((await call('POST', `development-cases/votes/${voteId}/ballot`, tokens.m0, { choice: 'maybe' })).status).toBe(400)
    for (const [k, choice, mode] of [
      ['secretary', 'for'],
      ['committee', 'for'],
      ['m0', 'for'],
      ['m1', 'against'],
      ['m2', 'for', 'written'],
    ] as Array<[string, string, string?]>) {
      const r = await call('POST', `development-cases/votes/${voteId}/ballot`, tokens[k], { choice, mode })
      expect(r.status, `${k}: ${JSON.stringify(r.json)}`).toBe(201)
    }
    expect(
      (await call('POST', `development-cases/votes/${voteId}/ballot`, tokens.m0, { choice: 'against' })).json.errors[0].message,
    ).toMatch(/已经投过票/)
    // Sealed: nobody reads a running count, the secretary included.
    const running = (await call('GET', `development-votes/${voteId}?depth=0`, tokens.secretary)).json
    expect(running.inFavour ?? null).toBeNull()
    expect(running.passed ?? null).toBeNull()
    // Ballots are never read through the API.
    expect((await call('GET', 'development-ballots', tokens.sysAdmin)).status).toBe(403)
    expect((await call('POST', `development-cases/votes/${voteId}/close`, tokens.m0)).status).toBe(403)
    const closed = await call('POST', `development-cases/votes/${voteId}/close`, tokens.secretary)
    expect(closed.status, JSON.stringify(closed.json)).toBe(200)
    // 6 expected; 4 present; 3 for at the meeting and 1 written: 4 > 3, passes.
    expect(closed.json).toMatchObject({ quorate: true, inFavour: 4, needed: 4, passed: true })
    const result = (await call('GET', `development-votes/${voteId}?depth=0`, tokens.m3)).json
    expect(result).toMatchObject({ status: 'closed', present: 4, inFavour: 4, against: 1, written: 1, passed: true })
    expect(await stepsOf(c.id)).toContain(15)
    // 16 and 17 are the college's; 17 makes the person a probationary member.
    expect((await call('POST', `development-cases/${c.id}/steps`, tokens.college, { no: 16 })).status).toBe(201)
    expect((await call('POST', `development-cases/${c.id}/steps`, tokens.otherCollege, { no: 17 })).status).toBe(404)
    expect((await call('POST', `development-cases/${c.id}/steps`, tokens.college, { no: 17 })).status).toBe(201)
    expect((await payload.findByID({ collection: 'users', id: c.person.id, depth: 0 })).politicalStage).toBe('probationary')
  })

  it('no quorum: the vote fails and the case stays where it was', async () => {
    const c = await caseAt(14, '2024-01-08')
    await payload.create({
      collection: 'development-notices',
      data: {
        title: '公示',
        case: c.id,
        person: c.person.id,
        organization: branchId,
        beforeStep: 15,
        postedOn: dayToDate(c.last),
        endsOn: dayToDate(addDays(c.last, 7)),
        objections: [],
      },
    })
    const voteId = Number((await call('POST', `development-cases/${c.id}/votes`, tokens.secretary, { motion: 'accept' })).json.id)
    expect((await call('POST', `development-cases/${c.id}/votes`, tokens.secretary, { motion: 'accept' })).json.errors[0].message).toMatch(
      /正在进行/,
    )
    for (const k of ['secretary', 'm0'])
      expect((await call('POST', `development-cases/votes/${voteId}/ballot`, tokens[k], { choice: 'for' })).status).toBe(201)
    const closed = await call('POST', `development-cases/votes/${voteId}/close`, tokens.secretary)
    expect(closed.json).toMatchObject({ quorate: false, passed: false })
    expect(closed.json.reason).toMatch(/未超过应到/)
    expect(await stepsOf(c.id)).not.toContain(15)
    expect((await call('POST', `development-cases/votes/${voteId}/ballot`, tokens.m1, { choice: 'for' })).json.errors[0].message).toMatch(
      /已经结束/,
    )
  })

  it('secrecy: no ballot column names a person or a time, ids are random, and turnout has no choice', async () => {
    const { rows } = await poolOf(payload).query(
      `SELECT table_name, column_name, column_default FROM information_schema.columns WHERE table_name IN ('development_ballots', 'development_vote_turnout')`,
    )
    const ballots = rows
      .filter((r) => r.table_name === 'development_ballots')
      .map((r) => r.column_name)
      .sort()
    expect(ballots).toEqual(['choice', 'id', 'mode', 'vote_id'])
    expect(rows.find((r) => r.table_name === 'development_ballots' && r.column_name === 'id').column_default).toBeNull()
    expect(rows.filter((r) => r.table_name === 'development_vote_turnout').map((r) => r.column_name)).not.toContain('choice')
    // No foreign key from ballots reaches users.
    const { rows: keys } = await poolOf(payload).query(
      `SELECT ccu.table_name AS target FROM information_schema.table_constraints tc JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name WHERE tc.table_name = 'development_ballots' AND tc.constraint_type = 'FOREIGN KEY'`,
    )
    expect(keys.map((k) => k.target)).toEqual(['development_votes'])
    const ids = (await poolOf(payload).query(`SELECT id FROM development_ballots LIMIT 5`)).rows.map((r) => String(r.id))
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('转正: an extension once, then 转正 waits for its end; a cancellation returns the person to 群众 through the case', async () => {
    // Step 15 between one and two years ago: 转正 may be discussed now, but not after a year's extension.
    const c = await caseAt(22, addDays(today(), -940))
    const step15 = (
      await payload.find({
        collection: 'development-steps',
        where: { and: [{ case: { equals: c.id } }, { no: { equals: 15 } }] },
        depth: 0,
      })
    ).docs[0]
    await payload.create({
      collection: 'development-notices',
      data: {
        title: '公示',
        case: c.id,
        person: c.person.id,
        organization: branchId,
        beforeStep: 23,
        postedOn: dayToDate(c.last),
        endsOn: dayToDate(addDays(c.last, 7)),
        objections: [],
      },
    })
    expect(
      (await call('POST', `development-cases/${c.id}/votes`, tokens.secretary, { motion: 'extend', extensionMonths: 3 })).json.errors[0]
        .message,
    ).toMatch(/6 至 12 个月/)
    const voteOn = async (body: Record<string, unknown>) => {
      const opened = await call('POST', `development-cases/${c.id}/votes`, tokens.secretary, body)
      if (opened.status !== 201) return opened
      for (const k of ['secretary', 'committee', 'm0', 'm1', 'm2'])
        await call('POST', `development-cases/votes/${opened.json.id}/ballot`, tokens[k], { choice: 'for' })
      return call('POST', `development-cases/votes/${opened.json.id}/close`, tokens.secretary)
    }
    expect((await voteOn({ motion: 'extend', extensionMonths: 12 })).json.passed).toBe(true)
    const extended = await payload.findByID({ collection: 'development-cases', id: c.id, depth: 0 })
    expect(extended).toMatchObject({ extended: true, extensionMonths: 12 })
    // One year and twelve months from step 15: 转正 cannot be voted on before then.
    const refused = await voteOn({ motion: 'confirm' })
    expect(refused.status).toBe(409)
    expect(refused.json.errors[0].message).toMatch(/预备期已延长 12 个月/)
    const from = shanghaiDay(new Date(step15.date)).replace(/^(\d{4})/, (y) => String(Number(y) + 2))
    expect(refused.json.errors[0].data.from).toBe(from)
    // Its stage is probationary; a sysAdmin may not correct it by hand while the case runs, nor without a reason ever.
    await rejectsWithStatus(
      payload.update({
        collection: 'users',
        id: c.person.id,
        data: { politicalStage: 'full', stageChangeNote: '按期转正' },
        user: sysAdmin,
        overrideAccess: false,
      }),
      409,
    )
    await rejectsWithStatus(
      payload.update({
        collection: 'users',
        id: members[3].id,
        data: { politicalStage: 'probationary' },
        user: sysAdmin,
        overrideAccess: false,
      }),
      400,
    )

    const cancelled = await caseAt(22, '2023-01-09')
    await payload.create({
      collection: 'development-notices',
      data: {
        title: '公示',
        case: cancelled.id,
        person: cancelled.person.id,
        organization: branchId,
        beforeStep: 23,
        postedOn: dayToDate(cancelled.last),
        endsOn: dayToDate(addDays(cancelled.last, 7)),
        objections: [],
      },
    })
    const opened = await call('POST', `development-cases/${cancelled.id}/votes`, tokens.secretary, { motion: 'cancel' })
    for (const k of ['secretary', 'committee', 'm0', 'm1'])
      await call('POST', `development-cases/votes/${opened.json.id}/ballot`, tokens[k], { choice: 'for' })
    expect((await call('POST', `development-cases/votes/${opened.json.id}/close`, tokens.secretary)).json.passed).toBe(true)
    expect((await payload.findByID({ collection: 'development-cases', id: cancelled.id, depth: 0 })).status).toBe('cancelled')
    const back = await payload.findByID({ collection: 'users', id: cancelled.person.id, depth: 0 })
    expect(back.politicalStage).toBe('masses')
    expect(back.stageHistory?.at(-1)).toMatchObject({ stage: 'masses', source: 'case', note: '支部大会决定取消预备党员资格' })
    // Now the case is over, a correction with its reason is allowed and logged.
    const corrected = await payload.update({
      collection: 'users',
      id: cancelled.person.id,
      data: { politicalStage: 'applicant', stageChangeNote: '重新递交入党申请书，按档案更正' },
      user: sysAdmin,
      overrideAccess: false,
      depth: 0,
    })
    expect(corrected.stageHistory?.at(-1)).toMatchObject({ stage: 'applicant', source: 'correction' })
    const logged = await payload.find({
      collection: 'audit-logs',
      where: { and: [{ action: { equals: 'stageCorrection' } }, { documentId: { equals: String(cancelled.person.id) } }] },
      depth: 0,
    })
    expect(logged.totalDocs).toBe(1)
  })
})

describe('documents, training evidence and overdue steps', () => {
  it('a step keeps its documents: the uploader’s own, checked by their bytes, read by the case’s readers only', async () => {
    const c = await caseAt(5, '2025-02-03')
    // A two-page PDF, as a scanner would make it.
    const two = await PDFDocument.create()
    two.addPage()
    two.addPage()
    const pdf = Buffer.from(await two.save())
    const mine = await payload.create({
      collection: 'development-documents',
      data: { title: '思想汇报（第一季度）' },
      file: { data: pdf, mimetype: 'application/pdf', name: 'report.pdf', size: pdf.length },
      user: committee,
      overrideAccess: false,
    })
    const theirs = await payload.create({
      collection: 'development-documents',
      data: { title: '别人的材料' },
      file: { data: pdf, mimetype: 'application/pdf', name: 'other.pdf', size: pdf.length },
      user: members[0],
      overrideAccess: false,
    })
    const fake = Buffer.from('<html><script>alert(1)</script></html>')
    await rejectsWithStatus(
      payload.create({
        collection: 'development-documents',
        data: { title: '伪装的PDF' },
        file: { data: fake, mimetype: 'application/pdf', name: 'x.pdf', size: fake.length },
        user: committee,
        overrideAccess: false,
      }),
      415,
    )
    expect((await call('POST', `development-cases/${c.id}/steps`, tokens.committee, { no: 6, documents: [theirs.id] })).status).toBe(400)
    const done = await call('POST', `development-cases/${c.id}/steps`, tokens.committee, {
      no: 6,
      documents: [mine.id],
      notes: '培养联系人每季度谈话一次',
    })
    expect(done.status, JSON.stringify(done.json)).toBe(201)
    // Attached once: the same file cannot be attached again.
    expect(
      (
        await payload.find({
          collection: 'development-documents',
          where: { id: { equals: mine.id } },
          user: college,
          overrideAccess: false,
        })
      ).totalDocs,
    ).toBe(1)
    expect(
      (
        await payload.find({
          collection: 'development-documents',
          where: { id: { equals: mine.id } },
          user: members[1],
          overrideAccess: false,
        })
      ).totalDocs,
    ).toBe(0)
    expect(
      (
        await payload.find({
          collection: 'development-documents',
          where: { id: { equals: mine.id } },
          user: c.person,
          overrideAccess: false,
        })
      ).totalDocs,
    ).toBe(1)
    expect(
      (
        await payload.find({
          collection: 'development-documents',
          where: { id: { equals: mine.id } },
          user: otherCollege,
          overrideAccess: false,
        })
      ).totalDocs,
    ).toBe(0)
    // 归档: the case as one PDF, a cover list and then the document's pages; nobody else gets it.
    const res = await REST_GET(config)(
      new Request(`http://localhost/api/development-cases/${c.id}/bundle.pdf`, { headers: { Authorization: `JWT ${tokens.college}` } }),
      { params: Promise.resolve({ slug: ['development-cases', String(c.id), 'bundle.pdf'] }) },
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const bundle = await PDFDocument.load(Buffer.from(await res.arrayBuffer()))
    expect(bundle.getPageCount()).toBe(1 + 2) // the cover list, then the document's two pages
    expect(bundle.getTitle()).toMatch(/^发展档案：/)
    expect((await call('GET', `development-cases/${c.id}/bundle.pdf`, tokens.m1)).status).toBe(404)
    expect((await call('GET', `development-cases/${c.id}/bundle.pdf`, tokens.otherCollege)).status).toBe(404)

    // Removing the person's data (PIPL art. 47) reaches the development record: documents, notes and objections about them go.
    const posted = await call('POST', `development-cases/${c.id}/notices`, tokens.secretary, {
      postedOn: today(),
      content: `${c.person.name}同志基本情况`,
    })
    expect(
      (
        await call('POST', `development-cases/notices/${posted.json.id}/objections`, tokens.m1, {
          text: `${c.person.name}同志的情况需要核实`,
        })
      ).status,
    ).toBe(201)
    const client = await poolOf(payload).connect()
    try {
      await anonymisePerson(client, Number(c.person.id))
    } finally {
      client.release()
    }
    for (const table of [
      'development_documents',
      'development_steps',
      'development_notices',
      'development_notices_objections',
      'development_votes',
      'development_cases',
    ]) {
      const { rows } = await poolOf(payload).query(`SELECT count(*)::int AS n FROM "${table}" t WHERE t::text LIKE $1`, [
        `%${c.person.name}%`,
      ])
      expect(rows[0].n, table).toBe(0)
    }
    expect((await payload.find({ collection: 'development-documents', where: { id: { equals: mine.id } }, depth: 0 })).totalDocs).toBe(0)
    expect(await stepsOf(c.id)).toContain(6)
  })

  it('training for the stage: a course marked 发展对象培训 and a confirmed 党校 training show at step 11 with their 学时 from the ledger', async () => {
    const c = await caseAt(10, '2024-02-05')
    const course = (await poolOf(payload).query(`SELECT c.id FROM courses c WHERE c.review_state = 'published' LIMIT 1`)).rows[0]
    await poolOf(payload).query(`UPDATE courses SET training_for = 'target' WHERE id = $1`, [course.id])
    const training = await payload.create({
      collection: 'trainings',
      data: {
        title: unique('发展对象集中培训班'),
        kind: 'concentrated',
        status: 'draft',
        organiser: '信息工程学院分党校',
        trainingFor: 'target',
        date: dayToDate(addDays(today(), -30)),
        hours: 24,
        attendees: [c.person.id],
      },
      user: secretary,
      overrideAccess: false,
    })
    await payload.update({
      collection: 'trainings',
      id: training.id,
      data: { status: 'submitted' },
      user: secretary,
      overrideAccess: false,
    })
    await payload.update({ collection: 'trainings', id: training.id, data: { status: 'confirmed' }, user: college, overrideAccess: false })
    const evidence = await trainingEvidence(payload, c.person.id, 'target')
    expect(evidence.courses.map((x) => x.id)).toContain(Number(course.id))
    expect(evidence.trainings).toEqual([expect.objectContaining({ title: training.title, hours: 24 })])
    expect(evidence.hours).toBeGreaterThanOrEqual(24)
    await poolOf(payload).query(`UPDATE courses SET training_for = NULL WHERE id = $1`, [course.id])
  })

  it('an overdue step warns the branch secretary and the college once a day', async () => {
    // Step 15 passed five months ago and no approval (17) yet: due within three months.
    const c = await caseAt(16, '2024-01-08')
    const fifteen = (
      await payload.find({
        collection: 'development-steps',
        where: { and: [{ case: { equals: c.id } }, { no: { equals: 15 } }] },
        depth: 0,
      })
    ).docs[0]
    await payload.update({ collection: 'development-steps', id: fifteen.id, data: { date: dayToDate(addDays(today(), -150)) } })
    const first = await developmentCheck(payload)
    expect(first.notified).toBeGreaterThanOrEqual(2)
    const told = await payload.find({
      collection: 'notifications',
      where: {
        and: [
          { kind: { equals: 'developmentDue' } },
          { recipient: { in: [secretary.id, college.id] } },
          { link: { contains: String(c.id) } },
        ],
      },
      depth: 0,
    })
    expect(new Set(told.docs.map((n) => n.recipient))).toEqual(new Set([secretary.id, college.id]))
    expect((await developmentCheck(payload)).notified).toBe(0)
  })
})

describe('demo data', () => {
  it('has cases at every stage, an extended probation, a cancelled case and one held up by a 公示 objection, each consistent with the person', async () => {
    const { rows } = await poolOf(payload).query(
      `SELECT c.id, c.stage::text AS stage, c.status::text AS status, c.extended, u.political_stage::text AS person_stage,
              (SELECT max(no) FROM development_steps s WHERE s.case_id = c.id) AS last,
              (SELECT sum(open_objections) FROM development_notices n WHERE n.case_id = c.id) AS open
         FROM development_cases c JOIN users u ON u.id = c.person_id JOIN organizations o ON o.id = c.organization_id WHERE o.code IN ('B-INFO-UG1', 'B-MARX-UG')`,
    )
    expect(new Set(rows.map((r) => r.stage))).toEqual(new Set(['applicant', 'activist', 'developmentTarget', 'probationary', 'masses']))
    for (const r of rows) expect(r.stage, `case ${r.id}`).toBe(r.person_stage)
    expect(rows.filter((r) => r.extended)).toHaveLength(1)
    expect(rows.filter((r) => r.status === 'cancelled')).toHaveLength(1)
    const held = rows.filter((r) => Number(r.open) > 0)
    expect(held).toHaveLength(1)
    const c = await payload.findByID({ collection: 'development-cases', id: held[0].id, depth: 0 })
    const state = caseState(
      rules,
      {
        done: Object.fromEntries(
          (await payload.find({ collection: 'development-steps', where: { case: { equals: c.id } }, depth: 0, limit: 100 })).docs.map(
            (s) => [s.no, shanghaiDay(new Date(s.date))],
          ),
        ),
        notices: (
          await payload.find({ collection: 'development-notices', where: { case: { equals: c.id } }, sort: '-postedOn', depth: 0 })
        ).docs.map((n) => ({
          beforeStep: n.beforeStep,
          postedOn: shanghaiDay(new Date(n.postedOn)),
          objections: (n.objections ?? []).map((o) => ({ on: shanghaiDay(new Date(o.receivedOn)), handled: !!o.handled })),
        })),
        votes: {},
      },
      today(),
    )
    expect(state.next?.no).toBe(15)
    expect(state.blocked?.reason).toMatch(/意见尚未处理/)
  })
})

describe('local rules', () => {
  it('the university committee adds stricter local rules as a new version; weaker ones are refused; a version in use is fixed; open cases keep theirs', async () => {
    const committee = await demoUser('committee@demo.edu.cn')
    const version = `本地${Date.now().toString(36)}`
    const data: RequiredDataFromCollectionSlug<'development-rules'> = {
      version,
      base: '2014',
      noticeBeforeSteps: ['3', '7', '15', '23'],
      noticeWorkingDays: 7,
      trainingHours: 40,
      active: true,
    }
    // A college's committee staff may not; the university's may; weaker than the 细则 is refused with what it requires.
    await rejectsWithStatus(payload.create({ collection: 'development-rules', data: data, user: college, overrideAccess: false }), 403)
    const weak = await rejectsWithStatus(
      payload.create({ collection: 'development-rules', data: { ...data, trainingHours: 16 }, user: committee, overrideAccess: false }),
      400,
    )
    expect(JSON.stringify((weak as { data?: unknown }).data)).toMatch(/不能少于 24 学时/)
    const rule = await payload.create({ collection: 'development-rules', data: data, user: committee, overrideAccess: false })
    try {
      const before = await caseAt(2, '2025-05-05')
      // A new application runs under the active local version: its 公示 is 7 working days.
      const applicant = await person('新申请人', branchId, { politicalStage: 'masses' })
      const token = await tokenFor(String(applicant.email), PASSWORD)
      const applied = await call('POST', 'development-cases/apply', token, { date: '2025-06-02' })
      expect(applied.status, JSON.stringify(applied.json)).toBe(201)
      expect((await payload.findByID({ collection: 'development-cases', id: applied.json.id, depth: 0 })).ruleVersion).toBe(
        `2014+${version}`,
      )
      await call('POST', `development-cases/${applied.json.id}/steps`, tokens.secretary, { no: 2, date: '2025-06-10' })
      // Monday 16 June 2025 + 7 working days: Tuesday 24 June.
      expect(
        (await call('POST', `development-cases/${applied.json.id}/notices`, tokens.secretary, { postedOn: '2025-06-16' })).json.endsOn,
      ).toBe('2025-06-24')
      // The case opened before keeps its version (5 working days).
      expect((await payload.findByID({ collection: 'development-cases', id: before.id, depth: 0 })).ruleVersion).toBe(CURRENT_VERSION)
      expect((await call('POST', `development-cases/${before.id}/notices`, tokens.secretary, { postedOn: '2025-06-16' })).json.endsOn).toBe(
        '2025-06-20',
      )
      // In use now: fixed.
      await rejectsWithStatus(
        payload.update({
          collection: 'development-rules',
          id: rule.id,
          data: { trainingHours: 48 },
          user: committee,
          overrideAccess: false,
        }),
        409,
      )
      await rejectsWithStatus(payload.delete({ collection: 'development-rules', id: rule.id, user: committee, overrideAccess: false }), 409)
    } finally {
      await payload.update({ collection: 'development-rules', id: rule.id, data: { active: false }, overrideAccess: true })
    }
  })
})
