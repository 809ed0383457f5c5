import { DEMO_SEED } from '../src/auth/hooks'
import type { Payload, Where } from 'payload'

import { IMPORT_STAGE_HISTORY } from '../src/people/hooks'
import { POLITICAL_STAGES, type PoliticalStage } from '../src/people/stages'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, generatedPeople, ORGS, type PersonSeed } from './people'
import { seedContent } from './content'
import { seedStudyHistory } from './history'
import { seedTrainings } from './trainings'
import { seedDevelopment } from './development'
import { seedMeetings } from './meetings'
import { meetingGapCheck } from '../src/meetings/gaps'
import { branchCheck, studyPaceCheck } from '../src/warnings/checks'
import { SENSITIVE_WORDS } from './sensitiveWords'
import { THEMES } from './themes'

/**
 * Bump when the demo data grows (a new content type, more records): `npm start` then seeds again,
 * and because every record is found or created by its key, only the new records are added.
 * Version 4: a year of study history for the demo members (seed/history.ts), added once.
 * Version 5: 培训登记 and a year of 组织生活 (seed/trainings.ts, seed/meetings.ts), added once.
 * Version 6: 支部委员 and 谈心谈话 of the two student branches (seed/meetings.ts), added once.
 */
export const SEED_VERSION = 7

export type SeedReport = { created: Record<string, number>; skipped: Record<string, number> }

const DAY = 24 * 60 * 60 * 1000

/** Years before today each stage was reached, for a plausible development history. */
const YEARS_AGO: Record<PoliticalStage, number> = {
  masses: 6,
  applicant: 4,
  activist: 3.5,
  developmentTarget: 2.2,
  probationary: 2,
  full: 1,
}

const historyFor = (stage: PoliticalStage, now: number, jitterDays: number) => {
  const reached = POLITICAL_STAGES.slice(1, POLITICAL_STAGES.indexOf(stage) + 1)
  const steps = reached.length ? reached : (['masses'] as PoliticalStage[])
  // A probationary member is a year into probation at most; shift everyone's dates accordingly.
  const shift = stage === 'probationary' || stage === 'developmentTarget' ? -1 : 0
  return steps.map((s) => ({
    stage: s,
    date: new Date(now - ((YEARS_AGO[s] + shift) * 365 + jitterDays) * DAY).toISOString(),
    note: s === 'full' ? '经支部大会讨论通过，按期转正' : null,
  }))
}

/**
 * Seeds the demo university. Idempotent per record: organisations are matched by code, themes by
 * slug and people by email, so running it twice creates nothing the second time.
 */
export const seedDemoData = async (payload: Payload, log: (m: string) => void = () => {}): Promise<SeedReport> => {
  const report: SeedReport = { created: {}, skipped: {} }
  const tally = (kind: keyof SeedReport, collection: string) => {
    report[kind][collection] = (report[kind][collection] ?? 0) + 1
  }
  const now = Date.now()

  /** Finds the record by its natural key or creates it; counts which happened. */
  const findOrCreate = async (
    collection: 'themes' | 'sensitive-words',
    where: Where,
    create: () => Promise<{ id: number }>,
  ): Promise<number> => {
    const found = await payload.find({ collection, where, limit: 1, depth: 0 })
    if (found.docs[0]) {
      tally('skipped', collection)
      return found.docs[0].id as number
    }
    const doc = await create()
    tally('created', collection)
    return doc.id as number
  }

  const themeIds = new Map<string, number>()
  for (const [i, theme] of THEMES.entries()) {
    themeIds.set(
      theme.slug,
      await findOrCreate('themes', { slug: { equals: theme.slug } }, () =>
        payload.create({ collection: 'themes', data: { ...theme, sortOrder: (i + 1) * 10 }, depth: 0 }),
      ),
    )
  }

  for (const entry of SENSITIVE_WORDS) {
    await findOrCreate('sensitive-words', { word: { equals: entry.word } }, () =>
      payload.create({ collection: 'sensitive-words', data: { ...entry }, depth: 0 }),
    )
  }

  const orgIds = new Map<string, number>()
  for (const org of ORGS) {
    const found = await payload.find({ collection: 'organizations', where: { code: { equals: org.code } }, limit: 1, depth: 0 })
    if (found.docs[0]) {
      orgIds.set(org.code, found.docs[0].id as number)
      tally('skipped', 'organizations')
      continue
    }
    const termYears = org.type === 'branch' ? 3 : 5
    const termEnd = new Date(now + org.termEndsInDays * DAY)
    const termStart = new Date(termEnd.getTime() - termYears * 365 * DAY)
    const doc = await payload.create({
      collection: 'organizations',
      depth: 0,
      data: {
        code: org.code,
        name: org.name,
        type: org.type,
        parent: org.parent ? orgIds.get(org.parent) : undefined,
        hasCommittee: org.hasCommittee ?? false,
        termStart: termStart.toISOString(),
        termEnd: termEnd.toISOString(),
      },
    })
    orgIds.set(org.code, doc.id as number)
    tally('created', 'organizations')
  }

  const people: PersonSeed[] = [...DEMO_ACCOUNTS, ...generatedPeople()]
  const secretaries = new Map<string, number>()
  for (const [i, person] of people.entries()) {
    const found = await payload.find({ collection: 'users', where: { email: { equals: person.email } }, limit: 1, depth: 0 })
    let id = found.docs[0]?.id as number | undefined
    if (id) {
      tally('skipped', 'users')
    } else {
      const history = historyFor(person.stage, now, (i * 37) % 120)
      const doc = await payload.create({
        collection: 'users',
        depth: 0,
        context: { [IMPORT_STAGE_HISTORY]: true, [DEMO_SEED]: true },
        data: {
          email: person.email,
          password: DEMO_PASSWORD,
          name: person.name,
          staffNumber: person.staffNumber,
          phone: person.phone,
          roles: person.roles,
          reviewLevel: person.reviewLevel,
          organization: orgIds.get(person.org),
          politicalStage: person.stage,
          stageSince: history[history.length - 1].date,
          stageHistory: history,
          interests: person.interests.map((s) => themeIds.get(s)).filter((v): v is number => v !== undefined),
          active: true,
        },
      })
      id = doc.id as number
      tally('created', 'users')
    }
    if (person.secretaryOf) secretaries.set(person.secretaryOf, id)
  }

  for (const [code, userId] of secretaries) {
    const orgId = orgIds.get(code)
    if (!orgId) continue
    const org = await payload.findByID({ collection: 'organizations', id: orgId, depth: 0 })
    if (!org.secretary) await payload.update({ collection: 'organizations', id: orgId, depth: 0, data: { secretary: userId } })
  }

  // Content needs the authors and reviewers above: news, red resources, courses, quizzes, questions.
  await seedContent(payload, themeIds, tally, now, log)

  // A year of study history for the demo members (needs the people and the published content);
  // skipped when it is there already.
  const history = await seedStudyHistory(payload, { now: new Date(now), log })
  if (history.skipped) tally('skipped', 'study-history')
  else {
    report.created['study-progress'] = history.studyProgress
    report.created['study-events'] = history.studyEvents
    report.created['quiz-attempts'] = history.quizAttempts
    report.created['points-ledger'] = history.pointsLedger
  }
  // 培训登记 and 组织生活 (each added once, so a database seeded at an earlier version gets them too).
  const trainings = await seedTrainings(payload, new Date(now))
  if (trainings) report.created.trainings = trainings
  const meetings = await seedMeetings(payload, new Date(now))
  if (meetings) report.created.meetings = meetings
  const cases = await seedDevelopment(payload, new Date(now))
  if (cases) report.created['development-cases'] = cases
  if (!history.skipped) {
    // With the history in place, today's warnings as the nightly checks would raise them, so the
    // demo opens with its notifications.
    const warned =
      (await studyPaceCheck(payload, new Date(now))).created +
      (await branchCheck(payload, new Date(now))).created +
      (await meetingGapCheck(payload, new Date(now))).created
    if (warned) report.created.notifications = warned
  }

  log(
    `演示数据：新建 ${
      Object.entries(report.created)
        .map(([k, v]) => `${k} ${v}`)
        .join('，') || '无'
    }；` +
      `已存在 ${
        Object.entries(report.skipped)
          .map(([k, v]) => `${k} ${v}`)
          .join('，') || '无'
      }`,
  )
  return report
}
