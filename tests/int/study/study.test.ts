import { REST_GET, REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { myPoints } from '../../../src/points/read'
import { hoursByYear, myProgress, yearHours } from '../../../src/study/read'
import { clearItemCache } from '../../../src/study/items'
import { poolOf } from '../../../src/db/pool'
import { studyRules } from '../../../src/study/derive'
import { creditInvariantViolations } from '../../../src/study/invariant'
import { replayStudyLog } from '../../../src/study/replay'
import { after, beat, freshMember, membersMade, publishedLesson, publishedNews, readArticle, T0 } from '../../helpers/study'
import { act, reviewers } from '../../helpers/content'
import { blocksToLexical } from '../../../src/content/lexical'
import { demoUser, rejectsWithStatus, releasePayload, testPayload, unique } from '../../helpers/payload'

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
  clearItemCache()
})
afterAll(async () => {
  await releasePayload(payload)
})
// After every scenario: credited 学时 never exceed credited study time ÷ minutes per 学时, and credited
// time is real time (src/study/invariant.ts), for every member the scenario made.
let firstMember = 0
beforeEach(() => {
  firstMember = membersMade.length
})
afterEach(async () => {
  const members = membersMade.slice(firstMember)
  if (members.length) expect(await creditInvariantViolations(poolOf(payload), members)).toEqual([])
})

const total = async (memberId: number, itemId: number) => {
  const { rows } = await poolOf(payload).query(
    'SELECT seconds_credited, completed_at, hours_credited FROM study_progress WHERE member_id = $1 AND item_id = $2',
    [memberId, itemId],
  )
  return rows[0]
    ? { seconds: Number(rows[0].seconds_credited), completed: Boolean(rows[0].completed_at), hours: Number(rows[0].hours_credited) }
    : null
}

describe('heartbeat crediting', () => {
  it('credits no more than the wall-clock time since the previous beat, and not long gaps', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'video', durationMinutes: 10 })
    await beat(payload, m, lesson, 'start', T0)
    expect((await beat(payload, m, lesson, 'heartbeat', after(25), { position: 25 })).credited).toBe(25)
    expect((await beat(payload, m, lesson, 'heartbeat', after(26), { position: 26 })).credited).toBe(1)
    // The phone slept for ten minutes: none of it is study time, not even the first minute.
    expect((await beat(payload, m, lesson, 'heartbeat', after(626), { position: 50 })).credited).toBe(0)
    // Just over the longest gap (60 s) is a gap too; the clock restarts at each beat.
    expect((await beat(payload, m, lesson, 'heartbeat', after(687), { position: 50 })).credited).toBe(0)
    // Back to regular beats: credited as usual from the last one.
    expect((await beat(payload, m, lesson, 'heartbeat', after(707), { position: 46 })).credited).toBe(20)
    expect((await beat(payload, m, lesson, 'heartbeat', after(767), { position: 106 })).credited).toBe(60)
    // A beat whose time lies before the last one credits nothing.
    expect((await beat(payload, m, lesson, 'heartbeat', after(600), { position: 50 })).credited).toBe(0)
    expect((await total(m.id as number, lesson.id))?.seconds).toBe(106)
  })

  it('credits one item at a time: the newest wins', async () => {
    const m = await freshMember(payload)
    const a = await publishedLesson(payload, { kind: 'video', durationMinutes: 10 })
    const b = await publishedLesson(payload, { kind: 'video', durationMinutes: 10 })
    await beat(payload, m, a, 'start', T0)
    await beat(payload, m, b, 'start', after(5))
    // Two tabs alternating: each switch only restarts the clock.
    expect((await beat(payload, m, a, 'heartbeat', after(20), { position: 20 })).credited).toBe(0)
    expect((await beat(payload, m, b, 'heartbeat', after(25), { position: 20 })).credited).toBe(0)
    expect((await beat(payload, m, b, 'heartbeat', after(45), { position: 40 })).credited).toBe(20)
  })

  it('never credits more than 1.5 times the item’s real length (the file’s, whatever the client says)', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'audio', durationMinutes: 5 })
    expect(lesson.durationSeconds).toBeCloseTo(300, 1) // read from the uploaded file
    await beat(payload, m, lesson, 'start', T0)
    for (let i = 1; i <= 12; i++) await beat(payload, m, lesson, 'heartbeat', after(i * 60), { position: 10 })
    expect((await total(m.id as number, lesson.id))?.seconds).toBeCloseTo(1.5 * Number(lesson.durationSeconds), 2)
  })

  it('credits a replayed or concurrent beat once', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'video', durationMinutes: 10 })
    await beat(payload, m, lesson, 'start', T0)
    const first = await beat(payload, m, lesson, 'heartbeat', after(20), { beatId: 'beat-replayed-0001', position: 20 })
    const replay = await beat(payload, m, lesson, 'heartbeat', after(40), { beatId: 'beat-replayed-0001', position: 40 })
    expect(first.credited).toBe(20)
    expect(replay).toMatchObject({ credited: 0, secondsCredited: 20 })
    // The same beat sent five times at once, and ten different beats sent at once.
    await Promise.all(
      Array.from({ length: 5 }, () => beat(payload, m, lesson, 'heartbeat', after(50), { beatId: 'beat-concurrent-01', position: 50 })),
    )
    expect((await total(m.id as number, lesson.id))?.seconds).toBe(50)
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        beat(payload, m, lesson, 'heartbeat', after(70), { beatId: `beat-burst-${i}-xyz`, position: 70 }),
      ),
    )
    expect((await total(m.id as number, lesson.id))?.seconds).toBe(70)
    const { rows } = await poolOf(payload).query('SELECT count(*)::int AS n FROM study_events WHERE member_id = $1', [m.id])
    expect(rows[0].n).toBe(1 + 1 + 1 + 10) // start, the first beat, one of the five, the ten
  })
})

describe('completion', () => {
  it('needs 90% of a video watched with credited time to match, and credits its hours once', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'video', durationMinutes: 5 })
    expect(lesson).toMatchObject({ durationSeconds: 300, durationMinutes: 5, creditHours: 0.11 }) // 5 of 45 minutes
    await beat(payload, m, lesson, 'start', T0)
    // Skipping to the end is not watching.
    expect((await beat(payload, m, lesson, 'heartbeat', after(20), { position: 290 })).completed).toBe(false)
    let t = 20
    let last
    while (t < 290) {
      t += 30
      last = await beat(payload, m, lesson, 'heartbeat', after(t), { position: Math.min(t, 300) })
      if (last.completed) break
    }
    // Complete at 290 s of 300: the 学时 of the time studied so far (290 ÷ 2700), not yet all of them.
    expect(last).toMatchObject({ completed: true, hoursCredited: 0.1074, percent: 100 })
    expect(t).toBeGreaterThanOrEqual(270)
    // Watching to the end earns the rest, never more than the lesson's 学时.
    await beat(payload, m, lesson, 'complete', after(t + 30), { position: 300 })
    expect(await total(m.id as number, lesson.id)).toMatchObject({ completed: true, hours: 0.11 })
    expect((await yearHours(payload, m, 2026, after(t + 60))).hours).toBe(0.11)
  })

  it('needs an article read for its reading time and scrolled to the end', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'article' }) // ~456 characters at 300 a minute: 91 s, 82 s needed
    expect(lesson.durationSeconds).toBeGreaterThanOrEqual(90)
    expect(lesson.durationSeconds).toBeLessThanOrEqual(92)
    await beat(payload, m, lesson, 'start', T0)
    expect((await beat(payload, m, lesson, 'heartbeat', after(30), { position: 0.5 })).completed).toBe(false)
    // Scrolled to the end after 40 s: too fast for its length.
    expect((await beat(payload, m, lesson, 'complete', after(40), { position: 1, scrolledToEnd: true })).completed).toBe(false)
    // Still on the page 45 s later (85 s in all): now it has been read.
    const done = await beat(payload, m, lesson, 'heartbeat', after(85), { position: 1 })
    expect(done).toMatchObject({ completed: true, hoursCredited: 0.03 })
    // Time alone, without reaching the end, does not complete an article.
    const other = await publishedLesson(payload, { kind: 'article' })
    await beat(payload, m, other, 'start', after(100))
    await beat(payload, m, other, 'heartbeat', after(160), { position: 0.4 })
    expect((await beat(payload, m, other, 'heartbeat', after(220), { position: 0.8 })).completed).toBe(false)
  })

  it('completes a course with its last lesson, and awards points capped per day and once per event', async () => {
    const m = await freshMember(payload)
    const lessons = await Promise.all([1, 2].map(() => publishedLesson(payload, { kind: 'article' })))
    const course = await payload.create({
      collection: 'courses',
      context: { reviewTransition: true },
      data: {
        title: `课程-${Date.now()}`,
        requirement: 'elective',
        lessons: lessons.map((l) => l.id),
        _status: 'published',
        reviewState: 'published',
      },
    })
    clearItemCache()
    let t = 0
    for (const l of lessons) {
      await beat(payload, m, l, 'start', after(t))
      await beat(payload, m, l, 'heartbeat', after((t += 60)), { position: 0.5 })
      await beat(payload, m, l, 'complete', after((t += 25)), { position: 1, scrolledToEnd: true })
      await beat(payload, m, l, 'complete', after((t += 5)), { position: 1, scrolledToEnd: true })
    }
    const progress = await myProgress(payload, m, [{ collection: 'courses', id: course.id }])
    expect(progress.get(`courses:${course.id}`)?.completedAt).toBeTruthy()
    const points = await myPoints(payload, m)
    // Two articles (1 each) and two lesson completions (2 each), each once.
    expect(points.total).toBe(6)

    // Reading eight articles in one day earns at most the article cap (6).
    const reader = await freshMember(payload)
    const news = await Promise.all(Array.from({ length: 8 }, () => publishedNews(payload)))
    t = 0
    for (const n of news) {
      await beat(payload, reader, { collection: 'news', id: n.id }, 'start', after(t))
      await beat(payload, reader, { collection: 'news', id: n.id }, 'complete', after((t += 45)), { position: 1, scrolledToEnd: true })
    }
    const r = await myPoints(payload, reader)
    expect(r.history.filter((h) => h.rule === 'article').reduce((s, h) => s + h.points, 0)).toBe(6)
  })
})

describe('学时 equal real study (issue 13)', () => {
  const seconds = async (m: { id: unknown }, lesson: { id: number }) =>
    (await total(m.id as number, lesson.id)) ?? { seconds: 0, completed: false, hours: 0 }

  it('derive an item’s 学时 from its real length: the file read on upload, the text at the study-reading speed', async () => {
    const video = await publishedLesson(payload, { kind: 'video', durationMinutes: 18 })
    expect(video).toMatchObject({ durationSeconds: 1080, durationMinutes: 18, creditHours: 0.4 })
    const article = await publishedLesson(payload, { readingMinutes: 45 })
    expect(article.creditHours).toBe(1)
    // A curator cannot type them: what a client sends is replaced by the derived values.
    const curator = await demoUser('curator@demo.edu.cn')
    const typed = await payload.create({
      collection: 'micro-lessons',
      draft: true,
      depth: 0,
      user: curator,
      overrideAccess: false,
      data: {
        title: unique('手填学时'),
        kind: 'article',
        durationMinutes: 20,
        creditHours: 4,
        body: blocksToLexical([{ p: '学习党章。'.repeat(60) }]),
      },
    })
    // About 316 characters (title and text) at 300 a minute: 63 s, 0.02 学时.
    expect(typed).toMatchObject({ durationMinutes: 1, creditHours: 0.02 })
    expect(typed.durationSeconds).toBeGreaterThanOrEqual(60)
    // 平台设置: minutes per 学时 re-derives every lesson at once.
    await payload.updateGlobal({ slug: 'platform-settings', data: { minutesPerCreditHour: 40 }, depth: 0 })
    try {
      const reread = await payload.findByID({ collection: 'micro-lessons', id: video.id, depth: 0 })
      expect(reread.creditHours).toBe(0.45) // 18 of 40 minutes
    } finally {
      await payload.updateGlobal({ slug: 'platform-settings', data: { minutesPerCreditHour: 45 }, depth: 0 })
      clearItemCache()
    }
    expect((await payload.findByID({ collection: 'micro-lessons', id: video.id, depth: 0 })).creditHours).toBe(0.4)
  })

  it('faster than real time: a position running ahead of the time passed is clamped, completion waits for 90% of the real length', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'video', durationMinutes: 5 })
    await beat(payload, m, lesson, 'start', T0)
    let completedAt = 0
    for (let t = 20; t <= 300 && !completedAt; t += 20) {
      // A player at 2× speed (or a script): twice as much media as time.
      const r = await beat(payload, m, lesson, 'heartbeat', after(t), { position: 2 * t })
      expect(r.position).toBeLessThanOrEqual(t + 5)
      if (r.completed) completedAt = t
    }
    expect(completedAt).toBeGreaterThanOrEqual(270) // 90% of 300 s, in real time
    const after300 = await seconds(m, lesson)
    expect(after300.seconds).toBe(completedAt)
  })

  it('forged positions: position 600 on a 10-minute file after 20 s, or on a 12-second file, earns nothing', async () => {
    const m = await freshMember(payload)
    const tenMinutes = await publishedLesson(payload, { kind: 'audio', durationMinutes: 10 })
    await beat(payload, m, tenMinutes, 'start', T0)
    const r = await beat(payload, m, tenMinutes, 'heartbeat', after(20), { position: 600 })
    expect(r).toMatchObject({ credited: 20, position: 25, completed: false, hoursCredited: 0 })
    expect((await beat(payload, m, tenMinutes, 'complete', after(40), { position: 600 })).completed).toBe(false)

    // The old demo clip: 12 seconds is 0 学时, however long a script claims to listen.
    const clip = await publishedLesson(payload, { kind: 'audio', lengthSeconds: 12 })
    expect(clip.creditHours).toBe(0)
    await beat(payload, m, clip, 'start', after(100))
    for (let t = 120; t <= 300; t += 20) await beat(payload, m, clip, 'heartbeat', after(t), { position: 600 })
    const c = await seconds(m, clip)
    expect(c.seconds).toBeLessThanOrEqual(18) // 1.5 × its real 12 s
    expect(c.hours).toBe(0)
    expect((await yearHours(payload, m, 2026, after(400))).hours).toBe(0)
  })

  it('seeking to the end: the position stays where the member was credited to, also after reopening', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'video', durationMinutes: 5 })
    await beat(payload, m, lesson, 'start', T0)
    await beat(payload, m, lesson, 'heartbeat', after(30), { position: 30 })
    const seek = await beat(payload, m, lesson, 'complete', after(35), { position: 300 })
    expect(seek).toMatchObject({ completed: false, position: 40 })
    // Reopened (a new page) at the end: opened where they were credited to, not at 290.
    await beat(payload, m, lesson, 'start', after(100), { position: 290 })
    const again = await beat(payload, m, lesson, 'heartbeat', after(120), { position: 310 })
    expect(again.position).toBeLessThanOrEqual(40 + 20 + 5)
    expect(again.completed).toBe(false)
  })

  it('instant complete: start and complete a second later credits a second and completes nothing', async () => {
    const m = await freshMember(payload)
    const video = await publishedLesson(payload, { kind: 'video', durationMinutes: 5 })
    await beat(payload, m, video, 'start', T0)
    expect(await beat(payload, m, video, 'complete', after(1), { position: 300 })).toMatchObject({
      credited: 1,
      completed: false,
      hoursCredited: 0,
    })
    const article = await publishedLesson(payload, { readingMinutes: 10 })
    await beat(payload, m, article, 'start', after(10))
    expect(await beat(payload, m, article, 'complete', after(11), { position: 1, scrolledToEnd: true })).toMatchObject({
      credited: 1,
      completed: false,
    })
  })

  it('replay: an honest session sent again, as recorded or re-stamped, adds nothing', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'audio', durationMinutes: 5 })
    const sent: Array<{ event: 'start' | 'heartbeat' | 'complete'; at: Date; position: number; beatId: string }> = []
    sent.push({ event: 'start', at: T0, position: 0, beatId: `replay-${m.id}-start` })
    for (let t = 20; t <= 300; t += 20)
      sent.push({ event: t === 300 ? 'complete' : 'heartbeat', at: after(t), position: t, beatId: `replay-${m.id}-${t}` })
    for (const b of sent) await beat(payload, m, lesson, b.event, b.at, b)
    const honest = await seconds(m, lesson)
    expect(honest).toMatchObject({ completed: true, hours: lesson.creditHours })
    for (const b of sent) expect((await beat(payload, m, lesson, b.event, b.at, b)).credited).toBe(0)
    // The same beats with new ids, stamped as before: time that already passed credits nothing.
    for (const b of sent) expect((await beat(payload, m, lesson, b.event, b.at, { position: b.position })).credited).toBe(0)
    expect(await seconds(m, lesson)).toEqual(honest)
  })

  it('parallel tabs on one item credit the wall-clock time once, and complete no sooner', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'video', durationMinutes: 5 })
    await beat(payload, m, lesson, 'start', T0)
    let completedAt = 0
    for (let t = 10; t <= 300 && !completedAt; t += 10) {
      // Tab A plays from 0, tab B (opened at the same time) claims to be 150 s further on.
      const tab = t % 20 === 0 ? t : t + 150
      if ((await beat(payload, m, lesson, 'heartbeat', after(t), { position: tab })).completed) completedAt = t
    }
    expect((await seconds(m, lesson)).seconds).toBe(completedAt)
    expect(completedAt).toBeGreaterThanOrEqual(270)
  })

  it('an honest member playing a file to its end completes it and gets all its 学时', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'audio', lengthSeconds: 45 * 60 })
    expect(lesson.creditHours).toBe(1)
    await beat(payload, m, lesson, 'start', T0)
    for (let t = 20; t < 2700; t += 20) await beat(payload, m, lesson, 'heartbeat', after(t), { position: t })
    expect(await beat(payload, m, lesson, 'complete', after(2700), { position: 2700 })).toMatchObject({
      completed: true,
      hoursCredited: 1,
      percent: 100,
    })
  })
})

describe('existing records (migration 20261203_144338_study_real_length)', () => {
  it('are re-derived from the event log under the new rule: forged completions undone, honest ones credited as studied', async () => {
    const pool = poolOf(payload)
    const honest = await freshMember(payload)
    const forger = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'audio', durationMinutes: 10 })
    // The honest member played it through; the forger sent position 600 every 20 s for a minute.
    await beat(payload, honest, lesson, 'start', T0)
    for (let t = 20; t <= 600; t += 20) await beat(payload, honest, lesson, t === 600 ? 'complete' : 'heartbeat', after(t), { position: t })
    await beat(payload, forger, lesson, 'start', T0)
    for (let t = 20; t <= 60; t += 20) await beat(payload, forger, lesson, 'heartbeat', after(t), { position: 600 })
    const before = await total(honest.id as number, lesson.id)
    // As the old rule left them: the forger complete with the full 学时, the honest member's hours typed.
    await pool.query(
      `UPDATE study_progress SET completed_at = $2, hours_credited = 1, percent = 100 WHERE member_id = ANY($1::int[]) AND item_id = $3`,
      [[honest.id, forger.id], after(60), lesson.id],
    )
    expect(await creditInvariantViolations(pool, [forger.id as number])).not.toEqual([])

    const { events } = await replayStudyLog(
      (text) => pool.query(text).then((r) => (Array.isArray(r) ? [] : r.rows)),
      await studyRules(payload, undefined, true),
      [honest.id as number, forger.id as number],
    )
    expect(events).toBe(1 + 30 + 1 + 3)
    expect(await total(forger.id as number, lesson.id)).toMatchObject({ seconds: 60, completed: false, hours: 0 })
    expect(await total(honest.id as number, lesson.id)).toEqual({ ...before, hours: lesson.creditHours })
    expect(lesson.creditHours).toBe(0.22)
  })
})

describe('withdrawn items', () => {
  // Issue 13: a withdrawn item kept crediting for up to 60 s (per-process caches). The check is in
  // the crediting SQL itself, so it holds in every app-server worker, not only the one that saw the change.
  it('credit nothing from the next beat after a withdrawal through review', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'video', durationMinutes: 10 })
    await beat(payload, m, lesson, 'start', T0)
    expect((await beat(payload, m, lesson, 'heartbeat', after(20), { position: 20 })).credited).toBe(20)
    await act(payload, (await reviewers()).r3, 'micro-lessons', lesson.id, { action: 'withdraw', reason: '内容需要更新' })
    await rejectsWithStatus(beat(payload, m, lesson, 'heartbeat', after(40), { position: 40 }), 404)
    await rejectsWithStatus(beat(payload, m, lesson, 'complete', after(60), { position: 600 }), 404)
    expect(await total(m.id as number, lesson.id)).toMatchObject({ seconds: 20, completed: false, hours: 0 })
  })

  it('credit nothing when another worker took the item down (this process’s caches are warm and not told)', async () => {
    const m = await freshMember(payload)
    const news = await publishedNews(payload)
    await beat(payload, m, { collection: 'news', id: news.id as number }, 'start', T0)
    expect(
      (await beat(payload, m, { collection: 'news', id: news.id as number }, 'heartbeat', after(20), { position: 0.5 })).credited,
    ).toBe(20)
    // As the review service in another process would leave it: no hook runs here.
    await poolOf(payload).query(`UPDATE news SET _status = 'draft', review_state = 'withdrawn' WHERE id = $1`, [news.id])
    await rejectsWithStatus(
      beat(payload, m, { collection: 'news', id: news.id as number }, 'heartbeat', after(40), { position: 1, scrolledToEnd: true }),
      404,
    )
    expect(await total(m.id as number, news.id as number)).toMatchObject({ seconds: 20, completed: false })
    const { rows } = await poolOf(payload).query('SELECT count(*)::int AS n FROM study_events WHERE member_id = $1', [m.id])
    expect(rows[0].n).toBe(2) // the refused beat leaves no event
  })
})

describe('year totals', () => {
  it('split at midnight on 31 December in Shanghai', async () => {
    const m = await freshMember(payload)
    // 90-minute articles: 2 学时 each, read for their whole length.
    const complete = async (at: Date) => readArticle(payload, m, await publishedLesson(payload, { readingMinutes: 90 }), at, 5400)
    await complete(new Date('2025-12-31T15:58:00Z')) // 23:58 in Shanghai, 31 December 2025
    await complete(new Date('2025-12-31T17:30:00Z')) // 01:30 in Shanghai, 1 January 2026 (the next 90 minutes)
    expect((await yearHours(payload, m, 2025, new Date('2026-01-05T00:00:00Z'))).hours).toBe(2)
    expect((await yearHours(payload, m, 2026, new Date('2026-01-05T00:00:00Z'))).hours).toBe(2)
    expect(await hoursByYear(payload, m)).toEqual([
      { year: 2026, hours: 2 },
      { year: 2025, hours: 2 },
    ])
  })
})

// The heartbeat as Payload serves it (its root endpoint from the route table, what `next dev` answers);
// the app server's fast path answers the same route (tests/int/security/headers.test.ts, bench:ingest).
const heartbeatRoute = (request: Request) => REST_POST(config)(request, { params: Promise.resolve({ slug: ['study', 'heartbeat'] }) })

describe('access to progress', () => {
  it('only through the heartbeat route, signed in; nobody writes progress through REST; members read only their own', async () => {
    const lesson = await publishedLesson(payload)
    const unauth = await heartbeatRoute(new Request('http://localhost/api/study/heartbeat', { method: 'POST', body: '{}' }))
    expect(unauth.status).toBe(401)

    const a = await freshMember(payload)
    const b = await freshMember(payload)
    const login = async (u: typeof a) =>
      (await payload.login({ collection: 'users', data: { email: u.email, password: 'Vq7#Lm2$Xr9' } })).token!
    const tokenA = await login(a)
    const send = (token: string, body: unknown) =>
      heartbeatRoute(
        new Request('http://localhost/api/study/heartbeat', {
          method: 'POST',
          headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }),
      )
    const bad = await send(tokenA, { collection: 'micro-lessons', id: lesson.id, event: 'jump', beatId: 'x' })
    expect(bad.status).toBe(400)
    expect((await bad.json()).errors[0].message).toMatch(/event/)
    const ok = await send(tokenA, { collection: 'micro-lessons', id: lesson.id, event: 'start', position: 0, beatId: 'route-start-0001' })
    expect(ok.status).toBe(200)
    await beat(payload, b, lesson, 'start', new Date())

    const restAs = (token: string, path: string) =>
      REST_GET(config)(new Request(`http://localhost/api/${path}`, { headers: { Authorization: `JWT ${token}` } }), {
        params: Promise.resolve({ slug: path.split('?')[0].split('/') }),
      })
    const mine = await (await restAs(tokenA, 'study-progress?limit=100')).json()
    expect(mine.docs.map((d: { member: number | { id: number } }) => (typeof d.member === 'object' ? d.member.id : d.member))).toEqual([
      a.id,
    ])
    const create = await REST_POST(config)(
      new Request('http://localhost/api/study-progress', {
        method: 'POST',
        headers: { Authorization: `JWT ${tokenA}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          member: a.id,
          itemCollection: 'micro-lessons',
          itemId: lesson.id,
          secondsCredited: 9999,
          hoursCredited: 32,
        }),
      }),
      { params: Promise.resolve({ slug: ['study-progress'] }) },
    )
    expect(create.status).toBe(403)
    await rejectsWithStatus(
      payload.find({ collection: 'study-events', user: a, overrideAccess: false, where: { member: { equals: b.id } } }).then((r) => {
        if (r.docs.length) throw Object.assign(new Error('read another member’s events'), { status: 200 })
        throw Object.assign(new Error('none visible'), { status: 404 })
      }),
      404,
    )

    // After logout the same token no longer credits.
    const logout = await REST_POST(config)(
      new Request('http://localhost/api/users/logout', { method: 'POST', headers: { Authorization: `JWT ${tokenA}` } }),
      {
        params: Promise.resolve({ slug: ['users', 'logout'] }),
      },
    )
    expect(logout.status).toBe(200)
    expect(
      (await send(tokenA, { collection: 'micro-lessons', id: lesson.id, event: 'heartbeat', position: 1, beatId: 'route-after-logout' }))
        .status,
    ).toBe(401)
  })
})

describe('the test clock control', () => {
  it('does not exist without TEST_CLOCK=1: the path goes on to the API, which answers 404', async () => {
    expect(process.env.TEST_CLOCK).toBeUndefined()
    const res = await REST_POST(config)(
      new Request('http://localhost/api/test/clock', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"rate":16}',
      }),
      {
        params: Promise.resolve({ slug: ['test', 'clock'] }),
      },
    )
    expect(res.status).toBe(404)
  })
})

describe('login points', () => {
  it('award one point a day for signing in, however often', async () => {
    const m = await freshMember(payload)
    for (let i = 0; i < 3; i++) await payload.login({ collection: 'users', data: { email: m.email, password: 'Vq7#Lm2$Xr9' } })
    // Awarded just after the login's transaction.
    await expect.poll(async () => (await myPoints(payload, m)).history.filter((h) => h.rule === 'login').length).toBe(1)
    await new Promise((r) => setTimeout(r, 200))
    const points = await myPoints(payload, m)
    expect(points.history.filter((h) => h.rule === 'login')).toHaveLength(1)
    expect(points.today).toBeGreaterThanOrEqual(1)
  })
})
