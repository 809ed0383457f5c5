import type { Payload, PayloadRequest } from 'payload'

import { poolOf } from '../src/db/pool'
import type { MeetingType } from '../src/meetings/rules'

type User = NonNullable<PayloadRequest['user']>

/** A small deterministic generator: the same demo every time. */
const rng = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}

const SHANGHAI = 8 * 3600_000
/** An instant from an Asia/Shanghai calendar date and time. */
const at = (year: number, month: number, day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(year, month - 1, day, hour, minute) - SHANGHAI)

const TOPICS = [
  '学习贯彻党的二十届四中全会精神',
  '重温入党誓词，牢记初心使命',
  '学习《中国共产党纪律处分条例》',
  '传承红色基因，参观校史馆',
  '学习习近平总书记关于教育的重要论述',
  '开展志愿服务，走进社区',
  '学习党章，做合格党员',
  '讲好中国故事，青年说党史',
  '深入学习贯彻中央八项规定精神',
  '主题教育专题研讨',
  '毕业季党员先锋岗',
  '迎新季：党员示范岗',
]

type Plan = { types: MeetingType[]; topic: string; startsAt: Date; minutes: number; place: string }

/**
 * A branch's organisation life over the twelve months before `now`: a 主题党日 every month (60
 * minutes), in the last month of each quarter also the quarter's 支部党员大会 and 党课 (the secretary
 * lectures), and a 支委会 each month where the branch has a committee; `every` thins it out (a branch
 * falling behind). Only meetings that ended at least a day before `now`.
 */
const yearOfLife = (now: Date, hasCommittee: boolean, every: number): Plan[] => {
  const local = new Date(now.getTime() + SHANGHAI)
  const plans: Plan[] = []
  for (let back = 12; back >= 1; back--) {
    if (back % every !== 0) continue
    const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - back, 1))
    const [y, m] = [d.getUTCFullYear(), d.getUTCMonth() + 1]
    const quarterEnd = m % 3 === 0
    const topic = TOPICS[(m - 1) % TOPICS.length]
    plans.push({
      types: quarterEnd ? ['themeDay', 'generalMeeting', 'partyLecture'] : ['themeDay'],
      topic: quarterEnd ? `${y}年第${'一二三四'[m / 3 - 1]}季度支部党员大会暨主题党日：${topic}` : `主题党日：${topic}`,
      startsAt: at(y, m, 12, 14, 30),
      minutes: quarterEnd ? 120 : 60,
      place: '信息楼 301 会议室',
    })
    if (hasCommittee)
      plans.push({
        types: ['committeeMeeting'],
        topic: `${y}年${m}月支委会：研究本月党建工作`,
        startsAt: at(y, m, 5, 12, 0),
        minutes: 45,
        place: '支部活动室',
      })
  }
  return plans.filter((p) => p.startsAt.getTime() + p.minutes * 60_000 < now.getTime() - 86_400_000)
}

/**
 * Demo 组织生活: a year of meetings for 信息工程学院本科生第一党支部 (secretary@demo.edu.cn; member@demo.edu.cn
 * keeps the records) and for 本科生第二党支部, which falls behind (every third month only, so the
 * frequency check has something to say); each planned by the secretary and approved by
 * college@demo.edu.cn through the same hooks as the site, the sign-ins of the day written as the QR
 * endpoint writes them (about nine in ten present, one or two on leave), and the minutes drafted by the
 * recorder and confirmed by the secretary, which credits the attendees' 学时; 信息工程学院党委's
 * inspectors' pool and a filed 督查 for about a third of the meetings (every one of the lagging branch). Then, for the demo: an
 * approved 主题党日 next week (members may ask for leave) and a plan waiting for the college's review.
 */
export const seedMeetings = async (payload: Payload, now: Date): Promise<number> => {
  if ((await payload.count({ collection: 'meetings', overrideAccess: true })).totalDocs > 0) {
    // A demo database seeded before 谈心谈话 existed (version 5) gains its talks.
    await seedTalks(payload, now)
    return 0
  }
  const pool = poolOf(payload)
  const userById = async (id: number) =>
    ({ ...(await payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true })), collection: 'users' }) as User
  const byEmail = async (email: string) => {
    const { docs } = await payload.find({
      collection: 'users',
      where: { email: { equals: email } },
      depth: 0,
      limit: 1,
      overrideAccess: true,
    })
    return docs[0] ? ({ ...docs[0], collection: 'users' } as User) : null
  }
  const college = await byEmail('college@demo.edu.cn')
  const recorderUG1 = await byEmail('member@demo.edu.cn')
  if (!college || !recorderUG1) return 0
  const as = (user: User) => ({ user, overrideAccess: false, depth: 0 }) as const
  const random = rng(20261204)
  // Two leading cadres of 信息工程学院教工党支部 (双重组织生活): one lectures to the first student branch
  // once this year, the other has not given a 党课 (the record and the cockpit say so).
  const { rows: cadres } = await pool.query<{ id: number }>(
    `UPDATE users SET leading_cadre = true WHERE email IN ('p025@demo.edu.cn', 'p026@demo.edu.cn') RETURNING id`,
  )
  const lecturer = cadres.length ? Math.min(...cadres.map((c) => c.id)) : null
  let guestLecture = false
  let made = 0
  // 督查员库 of 信息工程学院党委: college@ and two staff of its 教工党支部 (never sent to their own branch).
  const { rows: poolPeople } = await pool.query<{ id: number; organization_id: number }>(
    `(SELECT id, organization_id FROM users WHERE email = 'college@demo.edu.cn')
     UNION ALL (SELECT u.id, u.organization_id FROM users u JOIN organizations o ON o.id = u.organization_id WHERE o.code = 'B-INFO-STAFF' ORDER BY u.id LIMIT 2)`,
  )
  for (const p of poolPeople)
    await payload.create({
      collection: 'inspectors',
      data: { person: p.id, note: p.id === college.id ? '院党委组织员' : '教工党支部党员' },
      ...as(college),
    })
  const inspect = async (meeting: number, branch: number, startsAt: Date, lagging: boolean) => {
    const eligible = poolPeople.filter((p) => p.organization_id !== branch)
    const who = eligible[Math.floor(random() * eligible.length)]
    const rate = () => (lagging ? (['good', 'fair', 'poor'] as const)[Math.floor(random() * 3)] : random() < 0.8 ? 'good' : 'fair')
    await pool.query(
      `INSERT INTO meeting_inspections (meeting_id, inspector_id, organization_id, drawn_by_id, status, on_time, attendance, content, procedure, comments, filed_at, updated_at, created_at)
       VALUES ($1, $2, $3, $4, 'filed', $5, $6, $7, $8, $9, $10, $10, $10)`,
      [
        meeting,
        who.id,
        branch,
        college.id,
        rate(),
        rate(),
        rate(),
        rate(),
        lagging ? '会议频次不足，建议按计划落实三会一课' : '会议准备充分，党员发言联系实际',
        new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
      ],
    )
  }
  for (const [code, every] of [
    ['B-INFO-UG1', 1],
    ['B-INFO-UG2', 3],
  ] as const) {
    const { rows } = await pool.query<{ id: number; secretary_id: number | null; has_committee: boolean | null }>(
      `SELECT id, secretary_id, has_committee FROM organizations WHERE code = $1`,
      [code],
    )
    const branch = rows[0]
    if (!branch?.secretary_id) continue
    const secretary = await userById(branch.secretary_id)
    const { rows: people } = await pool.query<{ id: number }>(
      `SELECT id FROM users WHERE organization_id = $1 AND active IS NOT FALSE AND political_stage::text IN ('full', 'probationary') ORDER BY id`,
      [branch.id],
    )
    const recorder = code === 'B-INFO-UG1' ? recorderUG1 : await userById(people.find((p) => p.id !== secretary.id)?.id ?? secretary.id)
    for (const p of yearOfLife(now, branch.has_committee === true, every)) {
      const m = await payload.create({
        collection: 'meetings',
        data: {
          topic: p.topic,
          types: p.types,
          startsAt: p.startsAt.toISOString(),
          endsAt: new Date(p.startsAt.getTime() + p.minutes * 60_000).toISOString(),
          place: p.place,
          chair: secretary.id,
          recorder: recorder.id,
          speaker: p.types.includes('partyLecture')
            ? code === 'B-INFO-UG1' && lecturer && !guestLecture && (guestLecture = true)
              ? lecturer
              : secretary.id
            : null,
          agenda: p.types.includes('partyLecture') ? '一、书记讲专题党课；二、集体学习；三、党员大会议事' : '一、集中学习；二、交流研讨',
          status: 'submitted',
        },
        ...as(secretary),
      })
      await payload.update({ collection: 'meetings', id: m.id, data: { status: 'approved' }, ...as(college) })
      // The day's sign-ins, as POST /api/meetings/sign-in writes them; one member in ten absent or on leave.
      const marks = people.map((person) => ({ person: person.id, r: random() }))
      for (const { person, r } of marks) {
        if (r < 0.05) continue
        const leave = r < 0.1
        const signedIn = new Date(p.startsAt.getTime() - 10 * 60_000 + Math.floor(random() * 15 * 60_000))
        await pool.query(
          `INSERT INTO meeting_attendance (meeting_id, member_id, organization_id, status, method, reason, signed_in_at, decided_by_id, decided_at, updated_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
          [
            m.id,
            person,
            branch.id,
            leave ? 'leave' : 'present',
            leave ? 'leave' : 'qr',
            leave ? '外出实习' : null,
            leave ? null : signedIn.toISOString(),
            leave ? secretary.id : null,
            leave ? p.startsAt.toISOString() : null,
            (leave ? p.startsAt : signedIn).toISOString(),
          ],
        )
      }
      const minutes = await payload.create({
        collection: 'meeting-minutes',
        data: {
          meeting: Number(m.id),
          status: 'draft',
          summary: `${p.topic}。${p.types.includes('partyLecture') ? '支部书记讲授专题党课；' : ''}与会党员围绕主题交流学习体会，联系学习工作实际谈认识、找差距、提措施。`,
          resolutions: p.types.includes('generalMeeting')
            ? [{ text: '通过本季度支部工作安排', votesFor: marks.filter((x) => x.r >= 0.1).length, votesAgainst: 0, abstentions: 0 }]
            : [],
        },
        ...as(recorder),
      })
      await payload.update({ collection: 'meeting-minutes', id: minutes.id, data: { status: 'confirmed' }, ...as(secretary) })
      // About one meeting in three was inspected (drawn from the pool then; the assessment as filed).
      if (random() < 0.35 || every > 1) await inspect(Number(m.id), branch.id, p.startsAt, every > 1)
      made++
    }
    if (code !== 'B-INFO-UG1') continue
    // Next week's 主题党日, approved; and the next month's plan waiting for the college.
    const next = new Date(now.getTime() + 7 * 86_400_000)
    const nextLocal = new Date(next.getTime() + SHANGHAI)
    const upcoming = at(nextLocal.getUTCFullYear(), nextLocal.getUTCMonth() + 1, nextLocal.getUTCDate(), 14, 30)
    const a = await payload.create({
      collection: 'meetings',
      data: {
        topic: '主题党日：学习贯彻全会精神交流研讨',
        types: ['themeDay'],
        startsAt: upcoming.toISOString(),
        endsAt: new Date(upcoming.getTime() + 90 * 60_000).toISOString(),
        place: '信息楼 301 会议室',
        chair: secretary.id,
        recorder: recorder.id,
        status: 'submitted',
      },
      ...as(secretary),
    })
    await payload.update({ collection: 'meetings', id: a.id, data: { status: 'approved' }, ...as(college) })
    const later = new Date(upcoming.getTime() + 21 * 86_400_000)
    await payload.create({
      collection: 'meetings',
      data: {
        topic: '支部党员大会：讨论确定发展对象',
        types: ['generalMeeting'],
        startsAt: later.toISOString(),
        endsAt: new Date(later.getTime() + 90 * 60_000).toISOString(),
        place: '信息楼 301 会议室',
        chair: secretary.id,
        recorder: recorder.id,
        status: 'submitted',
      },
      ...as(secretary),
    })
    made += 2
  }
  await seedTalks(payload, now)
  return made
}

/**
 * 谈心谈话 this year: in 本科生第二党支部 (a committee: the secretary and two 支部委员) the secretary has
 * not talked with the second member of the committee, and a third of the members with nobody; in
 * 本科生第一党支部 (no committee) the secretary has talked with every member but two. The record and
 * the cockpit list who is missing.
 */
const seedTalks = async (payload: Payload, now: Date) => {
  if ((await payload.count({ collection: 'heart-talks', overrideAccess: true })).totalDocs > 0) return
  const pool = poolOf(payload)
  const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString()
  for (const code of ['B-INFO-UG1', 'B-INFO-UG2']) {
    const { rows } = await pool.query<{ id: number; secretary_id: number | null; has_committee: boolean | null }>(
      `SELECT id, secretary_id, has_committee FROM organizations WHERE code = $1`,
      [code],
    )
    const branch = rows[0]
    if (!branch?.secretary_id) continue
    const secretary = {
      ...(await payload.findByID({ collection: 'users', id: branch.secretary_id, depth: 0, overrideAccess: true })),
      collection: 'users',
    } as User
    const { rows: people } = await pool.query<{ id: number }>(
      `SELECT id FROM users WHERE organization_id = $1 AND id <> $2 AND active IS NOT FALSE AND political_stage::text IN ('full', 'probationary') ORDER BY id`,
      [branch.id, branch.secretary_id],
    )
    const talk = (a: number, b: number, daysAgo: number, topic?: string) =>
      payload.create({
        collection: 'heart-talks',
        data: { date: day(daysAgo), participants: [a, b], topic },
        user: secretary,
        overrideAccess: false,
        depth: 0,
      })
    if (branch.has_committee && people.length >= 4) {
      const [first, second, ...members] = people.map((p) => p.id)
      await payload.update({
        collection: 'organizations',
        id: branch.id,
        data: { committeeMembers: [first, second] },
        overrideAccess: true,
        depth: 0,
      })
      await talk(secretary.id, first, 40, '支委分工与本学期工作思路')
      await talk(first, second, 35)
      for (const [i, m] of members.entries()) if (i % 3 !== 2) await talk(i % 2 ? second : first, m, 30 - (i % 20))
    } else {
      for (const [i, p] of people.slice(0, Math.max(0, people.length - 2)).entries())
        await talk(secretary.id, p.id, 60 - (i % 50), i === 0 ? '学习与思想情况交流' : undefined)
    }
  }
}
