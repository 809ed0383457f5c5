import type { Payload, PayloadRequest } from 'payload'

type User = NonNullable<PayloadRequest['user']>

const userByEmail = async (payload: Payload, email: string): Promise<User | null> => {
  const { docs } = await payload.find({ collection: 'users', where: { email: { equals: email } }, depth: 0, limit: 1 })
  return docs[0] ? ({ ...docs[0], collection: 'users' } as User) : null
}

/**
 * Demo 培训登记 (the 学时台账's first offline source): the demo branch's concentrated training,
 * confirmed by the college committee (its 学时 are on every attendee's ledger), and a 党校 course for
 * the applicant waiting for the college to confirm, so college@demo.edu.cn opens with one to decide.
 * Made through the same hooks as the admin (recorded by the secretary, decided by the college), once.
 */
export const seedTrainings = async (payload: Payload, now: Date): Promise<number> => {
  if ((await payload.count({ collection: 'trainings', overrideAccess: true })).totalDocs > 0) return 0
  const [secretary, college, applicant] = await Promise.all(
    ['secretary', 'college', 'applicant'].map((w) => userByEmail(payload, `${w}@demo.edu.cn`)),
  )
  if (!secretary || !college || !applicant) return 0
  const branch = Number(secretary.organization)
  const { docs: members } = await payload.find({
    collection: 'users',
    where: {
      and: [{ organization: { equals: branch } }, { active: { not_equals: false } }, { politicalStage: { in: ['probationary', 'full'] } }],
    },
    depth: 0,
    limit: 200,
    overrideAccess: true,
  })
  // Days before the seed ran (in early January they count for the year before, as such a record would).
  const day = (daysBack: number) => new Date(now.getTime() - daysBack * 86_400_000)
  const as = (user: User) => ({ user, overrideAccess: false, depth: 0 })
  const training = await payload.create({
    collection: 'trainings',
    data: {
      title: '学习贯彻党的二十届四中全会精神专题培训',
      kind: 'concentrated',
      organiser: '信息科学与工程学院党委',
      date: day(21).toISOString(),
      hours: 4,
      attendees: members.map((m) => m.id),
      evidence: '院党委〔培训通知〕，半天集中学习，按半天 4 学时计',
      status: 'submitted',
    },
    ...as(secretary),
  })
  await payload.update({ collection: 'trainings', id: training.id, data: { status: 'confirmed' }, ...as(college) })
  await payload.create({
    collection: 'trainings',
    data: {
      title: '入党积极分子党校培训班',
      kind: 'partySchool',
      organiser: '学校党校',
      date: day(3).toISOString(),
      hours: 24,
      attendees: [applicant.id],
      evidence: '党校结业证书（编号待补）',
      status: 'submitted',
    },
    ...as(secretary),
  })
  return 2
}
