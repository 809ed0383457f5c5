import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'

import { seedDemoData } from '../../seed'
import { COURSES } from '../../seed/content/courses'
import { DEMO_ACCOUNTS } from '../../seed/people'
import { releasePayload, testPayload } from '../helpers/payload'

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
})
afterAll(async () => {
  await releasePayload(payload)
})

const counts = async () => ({
  users: (await payload.count({ collection: 'users', where: { email: { like: '@demo.edu.cn' } } })).totalDocs,
  organizations: (await payload.count({ collection: 'organizations', where: { code: { exists: true } } })).totalDocs,
  themes: (await payload.count({ collection: 'themes' })).totalDocs,
  questions: (await payload.count({ collection: 'questions' })).totalDocs,
  sensitiveWords: (await payload.count({ collection: 'sensitive-words' })).totalDocs,
  news: (await payload.count({ collection: 'news' })).totalDocs,
  courses: (await payload.count({ collection: 'courses' })).totalDocs,
  reviewLogs: (await payload.count({ collection: 'review-logs' })).totalDocs,
})

/** Latest versions (drafts and items in review included) of a collection. */
const latestOf = async <T extends 'news' | 'red-resources' | 'courses' | 'micro-lessons' | 'quizzes'>(collection: T) =>
  (await payload.find({ collection, draft: true, limit: 0, depth: 0 })).docs

describe('demo seed', () => {
  it('creates nothing the second time (the global setup already ran it once)', async () => {
    const before = await counts()
    const report = await seedDemoData(payload)
    expect(report.created).toEqual({})
    expect(await counts()).toEqual(before)
  })

  it('holds a believable university with one demo account per role', async () => {
    const orgs = await payload.find({ collection: 'organizations', limit: 0, depth: 0 })
    const byType = (t: string) => orgs.docs.filter((o) => o.type === t).length
    expect(byType('universityCommittee')).toBe(1)
    expect(byType('collegeCommittee')).toBe(3)
    expect(byType('branch')).toBeGreaterThanOrEqual(8)
    const roles = new Set(DEMO_ACCOUNTS.flatMap((a) => a.roles))
    for (const r of [
      'member',
      'branchSecretary',
      'partyCommittee',
      'propagandaEditor',
      'courseCurator',
      'reviewer',
      'sysAdmin',
      'securityAdmin',
      'auditor',
    ]) {
      expect(roles).toContain(r)
    }
    const stages = await payload.find({ collection: 'users', limit: 0, depth: 0, select: { politicalStage: true } })
    expect(new Set(stages.docs.map((u) => u.politicalStage))).toEqual(
      new Set(['masses', 'applicant', 'activist', 'developmentTarget', 'probationary', 'full']),
    )
  })
})

describe('demo content', () => {
  it('has courses of 3 to 6 lessons whose hours add up', async () => {
    // Only the seeded courses: other test files add their own.
    const courses = await payload.find({
      collection: 'courses',
      limit: 0,
      depth: 1,
      draft: true,
      where: { title: { in: COURSES.map((c) => c.title) } },
    })
    expect(courses.docs.length).toBeGreaterThanOrEqual(6)
    for (const c of courses.docs) {
      expect(c.lessons.length, c.title).toBeGreaterThanOrEqual(3)
      expect(c.lessons.length, c.title).toBeLessThanOrEqual(6)
      const sum = c.lessons.reduce<number>((s, l) => s + (typeof l === 'object' ? (l.creditHours ?? 0) : 0), 0)
      expect(c.totalCreditHours).toBeCloseTo(sum)
    }
    const kinds = new Set((await latestOf('micro-lessons')).map((l) => l.kind))
    expect(kinds).toEqual(new Set(['video', 'audio', 'article']))
  })

  it('covers every red-resource kind, news column, question type and quiz mode', async () => {
    const red = await latestOf('red-resources')
    expect(red.length).toBeGreaterThanOrEqual(30)
    expect(new Set(red.map((r) => r.kind)).size).toBe(7)
    expect(red.filter((r) => r.kind === 'educationBase').every((r) => r.address && r.latitude && r.longitude)).toBe(true)
    const news = await latestOf('news')
    expect(news.length).toBeGreaterThanOrEqual(30)
    expect(new Set(news.map((n) => n.column))).toEqual(new Set(['headlines', 'notices', 'grassroots', 'theory']))
    const questions = await payload.find({ collection: 'questions', limit: 0, depth: 0 })
    expect(questions.docs.length).toBeGreaterThanOrEqual(120)
    expect(new Set(questions.docs.map((q) => q.type))).toEqual(new Set(['single', 'multiple', 'trueFalse', 'fillIn']))
    expect(new Set((await latestOf('quizzes')).map((q) => q.mode))).toEqual(new Set(['lesson', 'daily', 'topic', 'competition']))
  })

  it('leaves work in every review queue', async () => {
    const states = new Set(
      [...(await latestOf('news')), ...(await latestOf('red-resources')), ...(await latestOf('courses'))].map((d) => d.reviewState),
    )
    for (const s of ['draft', 'pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled', 'published', 'returned', 'withdrawn']) {
      expect(states, s).toContain(s)
    }
    // A live news item whose revision waits for review: members still read the published text.
    const revised = (await latestOf('news')).find((n) => n.summary?.includes('（修订：'))
    expect(revised?.reviewState).toBe('pendingFirst')
    const live = await payload.findByID({ collection: 'news', id: revised!.id, depth: 0 })
    expect(live._status).toBe('published')
    expect(live.summary).not.toContain('（修订：')
  })
})
