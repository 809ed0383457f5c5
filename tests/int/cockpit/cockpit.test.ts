import { REST_GET } from '@payloadcms/next/routes'
import ExcelJS from 'exceljs'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { cockpitData } from '../../../src/cockpit/data'
import { rebuildRollups } from '../../../src/cockpit/rollups'
import { scopeOf } from '../../../src/cockpit/scope'
import { enqueueDue, SCHEDULES } from '../../../src/jobs/scheduler'
import { poolOf } from '../../../src/db/pool'
import { expectedHours, yearOf } from '../../../src/study/pace'
import { branchCheck, studyPaceCheck } from '../../../src/warnings/checks'
import { demoUser, releasePayload, testPayload, type TestUser, tokenFor } from '../../helpers/payload'
import { after, freshMember, publishedLesson, readArticle, T0 } from '../../helpers/study'
import { shanghaiDay } from '../../../src/dates'

let payload: Payload
let committee: TestUser
let college: TestUser
let secretary: TestUser
const tokens: Record<string, string> = {}

const get = async (path: string, who: string | null) => {
  const url = new URL(`http://localhost/api/${path}`)
  const res = await REST_GET(config)(new Request(url, { headers: who ? { Authorization: `JWT ${tokens[who]}` } : {} }), {
    params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/') }),
  })
  return res
}
const orgId = async (code: string) =>
  (await payload.find({ collection: 'organizations', where: { code: { equals: code } }, depth: 0 })).docs[0].id as number
const req = (user: TestUser) => ({ user, payload })

beforeAll(async () => {
  payload = await testPayload()
  committee = await demoUser('committee@demo.edu.cn')
  college = await demoUser('college@demo.edu.cn')
  secretary = await demoUser('secretary@demo.edu.cn')
  for (const who of ['committee', 'college', 'secretary', 'member']) tokens[who] = await tokenFor(`${who}@demo.edu.cn`)
})
afterAll(async () => {
  await releasePayload(payload)
})

/**
 * The same figures computed straight from the raw tables, with no rollup involved: 学时 from the
 * 学时台账 (every source; online entries equal study_progress, the credit invariant checks), each
 * member against their role's target. 学时 held by a study-integrity flag (issue 13 §2) count in no
 * total; their completions do.
 */
const rawFigures = async (orgIds: number[], year: number, expected: number, target: number, cadreExpected: number, cadreTarget: number) => {
  const pool = poolOf(payload)
  const members = await pool.query(
    `WITH m AS (
       SELECT u.id, (SELECT coalesce(sum(h.hours), 0) FROM study_hours h WHERE h.member_id = u.id AND NOT h.held AND h.year = $2) AS hours,
              EXISTS (SELECT 1 FROM users_roles c WHERE c.parent_id = u.id AND c.value IN ('branchSecretary', 'partyCommittee')) AS cadre,
              (SELECT count(*) FROM quiz_attempts a WHERE a.member_id = u.id AND a.status = 'submitted' AND extract(year FROM a.submitted_at AT TIME ZONE 'Asia/Shanghai') = $2) AS attempts,
              (SELECT count(*) FROM quiz_attempts a WHERE a.member_id = u.id AND a.status = 'submitted' AND a.passed AND extract(year FROM a.submitted_at AT TIME ZONE 'Asia/Shanghai') = $2) AS passed
         FROM users u WHERE u.organization_id = ANY($1::int[]) AND u.active IS NOT FALSE AND u.political_stage::text IN ('probationary', 'full')
          AND EXISTS (SELECT 1 FROM users_roles r WHERE r.parent_id = u.id AND r.value = 'member'))
     SELECT count(*)::int AS members, count(*) FILTER (WHERE hours >= CASE WHEN cadre THEN $5::numeric ELSE $3::numeric END)::int AS on_pace,
            count(*) FILTER (WHERE hours >= CASE WHEN cadre THEN $6::numeric ELSE $4::numeric END)::int AS at_target,
            count(*) FILTER (WHERE hours = 0)::int AS zero, sum(hours) AS hours, count(*) FILTER (WHERE attempts > 0)::int AS participants,
            sum(attempts)::int AS attempts, sum(passed)::int AS passed FROM m`,
    [orgIds, year, expected, target, cadreExpected, cadreTarget],
  )
  const months = await pool.query(
    `SELECT extract(month FROM counts_on AT TIME ZONE 'Asia/Shanghai')::int AS month, sum(hours) AS hours FROM study_hours
      WHERE NOT held AND coalesce(organization_id, 0) = ANY($1::int[]) AND extract(year FROM counts_on AT TIME ZONE 'Asia/Shanghai') = $2 GROUP BY 1`,
    [orgIds, year],
  )
  const seconds = await pool.query(
    `SELECT extract(month FROM created_at AT TIME ZONE 'Asia/Shanghai')::int AS month, sum(credited_seconds) AS seconds FROM study_events
      WHERE coalesce(organization_id, 0) = ANY($1::int[]) AND extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai') = $2 GROUP BY 1`,
    [orgIds, year],
  )
  const top = await pool.query(
    `SELECT item_collection::text AS c, item_id::int AS id, count(*)::int AS n FROM study_progress
      WHERE completed_at IS NOT NULL AND coalesce(organization_id, 0) = ANY($1::int[]) AND extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai') = $2
      GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 10`,
    [orgIds, year],
  )
  return { totals: members.rows[0], months: months.rows, seconds: seconds.rows, top: top.rows }
}

const expectEqualToRaw = async (user: TestUser, year: number) => {
  const scope = await scopeOf(req(user))
  const data = await cockpitData(payload, scope, new Date(), year)
  const raw = await rawFigures(scope.orgIds, year, data.expectedHours, data.target, data.cadreExpectedHours, data.cadreTarget)
  expect(data.study.members).toBe(raw.totals.members)
  expect(data.study.onPace).toBe(raw.totals.on_pace)
  expect(data.study.atTarget).toBe(raw.totals.at_target)
  expect(data.study.distribution.find((d) => d.band === 'zero')!.members).toBe(raw.totals.zero)
  expect(data.study.distribution.reduce((a, d) => a + d.members, 0)).toBe(raw.totals.members)
  // The cockpit shows hours to one decimal; 学时 themselves have up to four (src/study/length.ts).
  const toTenth = (shown: number, exact: number) => expect(Math.abs(shown - exact)).toBeLessThanOrEqual(0.05 + 1e-9)
  toTenth(data.study.averageHours, raw.totals.members ? Number(raw.totals.hours) / raw.totals.members : 0)
  expect(data.quizzes.participants).toBe(raw.totals.participants)
  expect(data.quizzes.attempts).toBe(raw.totals.attempts ?? 0)
  for (const m of data.study.byMonth) {
    toTenth(m.hours, Number(raw.months.find((r) => r.month === m.month)?.hours ?? 0))
    expect(m.studyHours).toBeCloseTo(Number(raw.seconds.find((r) => r.month === m.month)?.seconds ?? 0) / 3600, 1)
  }
  expect(data.learning.topItems.map((i) => [i.collection, i.id, i.completions])).toEqual(raw.top.map((r) => [r.c, r.id, r.n]))
  return data
}

describe('cockpit numbers', () => {
  it('equal what the raw tables give, for the whole university and for a college, and follow new study at once', async () => {
    const year = yearOf(T0)
    await expectEqualToRaw(committee, year)
    await expectEqualToRaw(college, year)
    // New study through the real heartbeat path: the rollups follow in the same transaction.
    const before = await cockpitData(payload, await scopeOf(req(college)), new Date(), year)
    // A 90-minute article: 2 学时 (45 minutes each), read for its whole length.
    const lesson = await publishedLesson(payload, { readingMinutes: 90 })
    expect(lesson.creditHours).toBe(2)
    const m = await freshMember(payload, { organization: await orgId('B-INFO-GRAD') })
    const done = await readArticle(payload, m, lesson, after(5400), 5400)
    expect(done).toMatchObject({ completed: true, hoursCredited: 2 })
    const afterStudy = await expectEqualToRaw(college, year)
    expect(afterStudy.study.members).toBe(before.study.members + 1)
    expect(afterStudy.study.byMonth[2].hours).toBeCloseTo(before.study.byMonth[2].hours + 2, 5)
    // The nightly rebuild changes nothing when the triggers kept up.
    await rebuildRollups(payload)
    await expectEqualToRaw(committee, year)
  })

  it('keep the per-member figures between requests and drop them at the first change (study, quiz, who counts)', async () => {
    const year = yearOf(T0)
    const scope = await scopeOf(req(college))
    const steps = async () => {
      const timing: Array<[string, number]> = []
      await cockpitData(payload, scope, new Date(), year, timing)
      return timing.map(([step]) => step)
    }
    const m = await freshMember(payload, { organization: await orgId('B-INFO-GRAD') })
    await expectEqualToRaw(college, year)
    // Nothing changed: a request serves the kept figures. (Polled: work the new member's creation
    // set off may still commit and notify just after it; once quiet, the figures must be kept.)
    const servesKept = () => expect.poll(steps, { timeout: 10_000, interval: 200 }).toContain('members-cached')
    await servesKept()
    // Study by a member already counted (no change to users): the completion's 学时 show at once.
    const lesson = await publishedLesson(payload, { readingMinutes: 45 })
    const before = await cockpitData(payload, scope, new Date(), year)
    await readArticle(payload, m, lesson, after(3 * 86_400 + 2700), 2700)
    const afterStudy = await expectEqualToRaw(college, year)
    const zero = (d: typeof before) => d.study.distribution.find((b) => b.band === 'zero')!.members
    expect(zero(afterStudy)).toBe(zero(before) - 1)
    // A quiz submission (written straight to the table; its rollup trigger notifies).
    await servesKept()
    const quiz = (await poolOf(payload).query(`SELECT id FROM quizzes ORDER BY id LIMIT 1`)).rows[0].id as number
    await poolOf(payload).query(
      `INSERT INTO quiz_attempts (member_id, organization_id, quiz_id, mode, day, status, started_at, submitted_at, score, correct_count, total, passed, paper, results, updated_at, created_at)
       VALUES ($1, $2, $3, 'topic', to_char($4::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), 'submitted', $4, $4, 100, 1, 1, true, '[]'::jsonb, '[]'::jsonb, now(), now())`,
      [m.id, await orgId('B-INFO-GRAD'), quiz, after(4 * 86_400)],
    )
    expect((await expectEqualToRaw(college, year)).quizzes.attempts).toBe(afterStudy.quizzes.attempts + 1)
    // Who counts: the member's stage changes (an applicant is not bound by the study rules).
    await servesKept()
    await poolOf(payload).query(`UPDATE users SET political_stage = 'applicant' WHERE id = $1`, [m.id])
    expect((await expectEqualToRaw(college, year)).study.members).toBe(afterStudy.study.members - 1)
    await poolOf(payload).query(`UPDATE users SET political_stage = 'full' WHERE id = $1`, [m.id])
    expect((await expectEqualToRaw(college, year)).study.members).toBe(afterStudy.study.members)
  })

  it('keep the whole answer of /api/cockpit between requests, equal to a fresh one, and drop it at any change it shows', async () => {
    type Answer = Awaited<ReturnType<typeof cockpitData>> & { content: { returnsByLevel: Array<{ level: string; returns: number }> } }
    // The year of the study the test makes (T0's), whatever today's date is.
    const year = yearOf(T0)
    const answer = async () => {
      const res = await get(`cockpit?year=${year}`, 'committee')
      expect(res.status).toBe(200)
      // `kept` alone: the whole answer kept (a part of it kept is `<name>-kept`).
      return { kept: /(^|, )kept;/.test(res.headers.get('Server-Timing') ?? ''), body: (await res.json()) as Answer }
    }
    // Kept once nothing moves (polled: work earlier tests set off may still commit and notify).
    const kept = async () => {
      let last: Answer | undefined
      await expect
        .poll(
          async () => {
            const a = await answer()
            last = a.body
            return a.kept
          },
          { timeout: 15_000, interval: 200 },
        )
        .toBe(true)
      return last!
    }
    const first = await kept()
    // What is kept is what a fresh computation gives (the content figures aside: they are the route's).
    const scope = await scopeOf(req(committee))
    const { content: _content, ...keptData } = first
    expect(JSON.parse(JSON.stringify(await cockpitData(payload, scope, new Date(), year))) as unknown).toEqual(keptData)
    const pool = poolOf(payload)
    // A branch renamed elsewhere (another connection: any worker, any instance) shows at once.
    const branch = first.branches.rows[0]
    await kept()
    await pool.query(`UPDATE organizations SET name = name || '（改）' WHERE id = $1`, [branch.id])
    try {
      const renamed = await answer()
      expect(renamed.kept).toBe(false)
      expect(renamed.body.branches.rows.find((b) => b.id === branch.id)?.name).toBe(`${branch.name}（改）`)
    } finally {
      await pool.query(`UPDATE organizations SET name = $2 WHERE id = $1`, [branch.id, branch.name])
    }
    // A question's stem among the hardest (the seeded history gives T0's year some at the pinned
    // clock; at the edge dates that year may lie outside the history and have none).
    const hard = first.quizzes.hardest[0]
    if (hard) {
      await kept()
      await pool.query(`UPDATE questions SET stem = stem || '（改）' WHERE id = $1`, [hard.id])
      try {
        expect((await answer()).body.quizzes.hardest.find((q) => q.id === hard.id)?.stem).toBe(`${hard.stem}（改）`)
      } finally {
        await pool.query(`UPDATE questions SET stem = $2 WHERE id = $1`, [hard.id, hard.stem])
      }
    }
    // A theme renamed (one with completions in that year: likewise there at the pinned clock).
    const theme = first.learning.themes[0]
    if (theme) {
      await kept()
      await pool.query(`UPDATE themes SET name = name || '（改）' WHERE id = $1`, [theme.id])
      try {
        expect((await answer()).body.learning.themes.find((t) => t.id === theme.id)?.name).toBe(`${theme.name}（改）`)
      } finally {
        await pool.query(`UPDATE themes SET name = $2 WHERE id = $1`, [theme.id, theme.name])
      }
    }
    // A completion: the member figures and the month's 学时.
    const lesson = await publishedLesson(payload, { readingMinutes: 45 })
    const m = await freshMember(payload, { organization: await orgId('B-INFO-GRAD') })
    const before = await kept()
    await readArticle(payload, m, lesson, after(6 * 86_400 + 2700), 2700)
    const studied = (await answer()).body
    expect(studied.study.completions).toBe(before.study.completions + 1)
    expect(studied.study.byMonth[2].hours).toBeCloseTo(before.study.byMonth[2].hours + 1, 5)
  })

  it('keep each viewer to their own scope', async () => {
    const grad = await orgId('B-INFO-GRAD')
    const marxBranch = await orgId('B-MARX-GRAD')
    const ug1 = await orgId('B-INFO-UG1')
    // A college committee sees its branches only.
    const collegeScope = await scopeOf(req(college))
    expect(collegeScope.level).toBe('college')
    expect(collegeScope.orgIds).toContain(grad)
    expect(collegeScope.orgIds).not.toContain(marxBranch)
    expect((await get(`cockpit?org=${grad}`, 'college')).status).toBe(200)
    const refused = await get(`cockpit?org=${marxBranch}`, 'college')
    expect(refused.status).toBe(403)
    expect((await refused.json()).errors[0].message).toContain('本组织以外')
    // A branch secretary sees their branch and nothing else.
    const mine = await (await get('cockpit', 'secretary')).json()
    expect(mine.scope).toMatchObject({ level: 'branch', id: ug1 })
    expect(mine.content).toBeNull()
    expect((await get(`cockpit?org=${grad}`, 'secretary')).status).toBe(403)
    expect((await get(`cockpit/members?org=${grad}`, 'secretary')).status).toBe(403)
    // The Party committee sees everything, content work included.
    const all = await (await get('cockpit', 'committee')).json()
    expect(all.scope.level).toBe('university')
    expect(all.study.byCollege.length).toBe(3)
    expect(all.content.waiting).toHaveLength(3)
    // Members and visitors see no cockpit; bad parameters are named.
    expect((await get('cockpit', 'member')).status).toBe(403)
    expect((await get('cockpit', null)).status).toBe(401)
    const bad = await get('cockpit?org=abc', 'committee')
    expect(bad.status).toBe(400)
    expect((await bad.json()).errors[0].message).toContain('org')
    expect((await get('cockpit/members?band=lots', 'committee')).status).toBe(400)
  })

  it('exports a drill-down list to Excel that opens and holds the same rows', async () => {
    // Someone in the secretary's branch with no hours: behind pace on any day of the year (the
    // seeded history alone may leave nobody behind there, e.g. on 29 February).
    // Probationary (bound by the pace, not counted toward the branch's full members), and removed
    // at the end: the organisation tests judge B-INFO-UG1's size after this file.
    const zero = await freshMember(payload, { organization: await orgId('B-INFO-UG1'), politicalStage: 'probationary' })
    const list = await (await get('cockpit/members?behind=1', 'secretary')).json()
    const res = await get('cockpit/export?table=members&behind=1', 'secretary')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const ws = wb.worksheets[0]
    const header = ws.getRow(3).values as unknown[]
    expect(header).toContain('姓名')
    const names: string[] = []
    ws.eachRow((row, n) => {
      if (n > 3) names.push(String(row.getCell(1).value))
    })
    expect(names).toEqual(list.rows.map((r: { name: string }) => r.name))
    expect(names.length).toBeGreaterThan(0)
    // The export of personal data is in the audit trail.
    const audit = await payload.find({
      collection: 'audit-logs',
      where: { action: { equals: 'export' } },
      sort: '-createdAt',
      limit: 1,
      depth: 0,
    })
    expect(audit.docs[0]?.summary).toContain('党员学时')
    expect((await get('cockpit/export?table=nope', 'committee')).status).toBe(400)
    await payload.delete({ collection: 'users', id: zero.id, overrideAccess: true })
  })

  it('serves a member their own learning archive, their secretary too, and nobody else', async () => {
    const member = await demoUser('member@demo.edu.cn')
    const own = await get('archive/me', 'member')
    expect(own.status).toBe(200)
    expect((await own.json()).member.name).toBe('林子涵')
    expect((await get(`archive/${member.id}`, 'secretary')).status).toBe(200)
    expect((await get(`archive/${secretary.id}`, 'member')).status).toBe(404)
    const otherCollege = await freshMember(payload, { organization: await orgId('B-MARX-GRAD') })
    expect((await get(`archive/${otherCollege.id}`, 'college')).status).toBe(404)
    const xlsx = await get('archive/me?format=xlsx', 'member')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await xlsx.arrayBuffer())
    expect(wb.worksheets.map((w) => w.name)).toEqual(['学时', '学习内容', '线下学时', '组织生活', '测验', '结业证书'])
  })
})

describe('warnings', () => {
  it('warn a member behind pace and their secretary once a day, whichever check runs how often', async () => {
    const now = new Date('2026-06-30T20:00:00Z') // 1 July, 04:00 in Shanghai
    const m = await freshMember(payload, { organization: await orgId('B-INFO-UG2') })
    const first = await studyPaceCheck(payload, now)
    expect(first.expected).toBeCloseTo(expectedHours(32, now), 5)
    const [again, racing] = await Promise.all([studyPaceCheck(payload, now), studyPaceCheck(payload, now)])
    expect(again.created + racing.created).toBe(0)
    const mine = await payload.find({ collection: 'notifications', where: { recipient: { equals: m.id } }, depth: 0, overrideAccess: true })
    expect(mine.docs).toHaveLength(1)
    expect(mine.docs[0]).toMatchObject({ kind: 'studyBehind', day: '2026-07-01' })
    expect(mine.docs[0].title).toContain(`按进度应达 ${expectedHours(32, now).toFixed(1)} 学时`)
    const ug2 = await payload.findByID({ collection: 'organizations', id: await orgId('B-INFO-UG2'), depth: 0 })
    // The branch summary (the secretary may also get their own warning: how many hours they have
    // for 2026 depends on the day the history was seeded, e.g. only December's on 1 January 2027).
    const secretaryNotes = await payload.find({
      collection: 'notifications',
      where: {
        and: [
          { recipient: { equals: ug2.secretary } },
          { day: { equals: '2026-07-01' } },
          { conditionKey: { equals: `studyBehindBranch:${ug2.id}:2026` } },
        ],
      },
      depth: 0,
      overrideAccess: true,
    })
    expect(secretaryNotes.docs).toHaveLength(1)
    expect(secretaryNotes.docs[0].title).toMatch(/本支部 \d+ 名党员学时落后进度/)
    // The next day is a new day.
    expect((await studyPaceCheck(payload, new Date('2026-07-01T20:00:00Z'))).created).toBeGreaterThan(0)
  })

  it('count the year in Shanghai across the year boundary and in leap years', async () => {
    const m = await freshMember(payload, { organization: await orgId('B-INFO-UG2') })
    const lesson = await publishedLesson(payload, { readingMinutes: 90 })
    // 2 hours (a 90-minute article) completed on 31 December 2026, 23:50 in Shanghai: they count for 2026, not for 2027.
    expect((await readArticle(payload, m, lesson, new Date('2026-12-31T15:50:00Z'), 5400)).completed).toBe(true)
    const notesFor = async (day: string) =>
      (
        await payload.find({
          collection: 'notifications',
          where: { and: [{ recipient: { equals: m.id } }, { day: { equals: day } }] },
          depth: 0,
          overrideAccess: true,
        })
      ).docs
    const lastDay = await studyPaceCheck(payload, new Date('2026-12-31T15:59:00Z')) // 23:59 on 31 December
    expect(lastDay.expected).toBe(32)
    expect((await notesFor('2026-12-31'))[0]?.title).toBe('学时预警：今年已学 2.0 学时，按进度应达 32.0 学时')
    const newYear = new Date('2026-12-31T16:30:00Z') // 00:30 on 1 January 2027
    const r = await studyPaceCheck(payload, newYear)
    expect(r.expected).toBeCloseTo(32 / 365, 2)
    expect((await notesFor('2027-01-01'))[0]?.title).toContain('今年已学 0.0 学时')
    // 29 February 2028: day 60 of a 366-day year.
    expect((await studyPaceCheck(payload, new Date('2028-02-29T04:00:00Z'))).expected).toBeCloseTo((32 * 60) / 366, 2)
  })

  it('tell the secretary and the college committee about branch rules and ending terms, once a day', async () => {
    // Today: the seed sets terms relative to the day it ran (B-ADMIN-1's ends within 90 days of it).
    const now = new Date()
    const first = await branchCheck(payload, now)
    expect(first.branches).toBeGreaterThan(0)
    expect(first.terms).toBeGreaterThan(0) // B-ADMIN-1's term ends within 90 days in the seed
    expect((await branchCheck(payload, now)).created).toBe(0)
    const adminBranch = await payload.findByID({ collection: 'organizations', id: await orgId('B-ADMIN-1'), depth: 0 })
    const notes = await payload.find({
      collection: 'notifications',
      where: {
        and: [{ organization: { equals: adminBranch.id } }, { kind: { equals: 'termEnding' } }, { day: { equals: shanghaiDay(now) } }],
      },
      depth: 0,
      overrideAccess: true,
    })
    expect(notes.docs.map((n) => n.recipient)).toContain(adminBranch.secretary)
    // Info college's committee staff hear of their branches' problems, not of other colleges'. (Other
    // notices may concern another college: an inspection they were drawn for, tests/int/meetings/meetings.test.ts.)
    const collegeNotes = await payload.find({
      collection: 'notifications',
      where: {
        and: [
          { recipient: { equals: college.id } },
          { day: { equals: shanghaiDay(now) } },
          { kind: { in: ['branchRule', 'termEnding', 'studyBehind', 'meetingGap'] } },
        ],
      },
      depth: 1,
      overrideAccess: true,
    })
    const infoBranches = (await scopeOf(req(college))).orgIds
    for (const n of collegeNotes.docs)
      expect(infoBranches).toContain(typeof n.organization === 'object' ? n.organization!.id : n.organization)
  })

  it('let a recipient read and mark their own notifications, and nothing more', async () => {
    const member = await demoUser('member@demo.edu.cn')
    await studyPaceCheck(payload, new Date('2026-11-20T20:00:00Z'))
    const list = await (await get('notifications?limit=50', 'member')).json()
    expect(list.docs.length).toBeGreaterThan(0)
    expect(
      list.docs.every(
        (n: { recipient: number | { id: number } }) => (typeof n.recipient === 'object' ? n.recipient.id : n.recipient) === member.id,
      ),
    ).toBe(true)
    const id = list.docs[0].id
    await expect(
      payload.update({ collection: 'notifications', id, data: { title: '改掉' }, user: member, overrideAccess: false }),
    ).rejects.toThrow(/不能修改：title/)
    const read = await payload.update({
      collection: 'notifications',
      id,
      data: { readAt: new Date().toISOString() },
      user: member,
      overrideAccess: false,
    })
    expect(read.readAt).toBeTruthy()
    await expect(
      payload.update({ collection: 'notifications', id, data: { readAt: null }, user: secretary, overrideAccess: false }),
    ).rejects.toThrow()
    await expect(
      payload.create({
        collection: 'notifications',
        data: { recipient: member.id, kind: 'studyBehind', title: 'x', conditionKey: 'x', day: 'x' },
        user: secretary,
        overrideAccess: false,
      }),
    ).rejects.toThrow()
  })
})

describe('schedules', () => {
  it('queue each nightly job once per day however many schedulers tick against one database', async () => {
    const pool = poolOf(payload)
    const now = new Date('2030-05-06T00:00:00Z') // 08:00 in Shanghai: everything is due (the last, the mail digest, at 07:30)
    const early = await enqueueDue(payload, new Date('2030-05-04T16:10:00Z'), 'early') // 00:10: nothing yet
    expect(early).toEqual([])
    const ticks = await Promise.all([
      enqueueDue(payload, now, 'app-1'),
      enqueueDue(payload, now, 'app-2'),
      enqueueDue(payload, now, 'worker'),
    ])
    expect(ticks.flat().sort()).toEqual(SCHEDULES.map((s) => s.name).sort())
    const runs = await pool.query(`SELECT schedule, count(*)::int AS n FROM schedule_runs WHERE period = '2030-05-06' GROUP BY 1`)
    expect(runs.rows.every((r) => r.n === 1)).toBe(true)
    const jobs = await payload.find({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'studyPaceCheck' } },
      depth: 0,
      limit: 100,
      overrideAccess: true,
    })
    expect(jobs.docs.filter((j) => (j.input as { period?: string })?.period === '2030-05-06')).toHaveLength(1)
    // A later tick the same day adds nothing.
    expect(await enqueueDue(payload, new Date('2030-05-06T10:00:00Z'), 'app-1')).toEqual([])
  })
})
