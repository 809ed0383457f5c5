import { REST_GET, REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../payload.config'
import { POST as heartbeatRoute } from '../../src/app/(payload)/api/study/heartbeat/route'
import { closePayload } from '../../src/db/migrate'
import { myPoints } from '../../src/points/read'
import { hoursByYear, myProgress, yearHours } from '../../src/study/read'
import { clearItemCache } from '../../src/study/items'
import { poolOf } from '../../src/study/service'
import { after, beat, freshMember, publishedLesson, publishedNews, T0 } from '../helpers/study'
import { act, reviewers } from '../helpers/content'
import { rejectsWithStatus, testPayload } from '../helpers/payload'

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
  clearItemCache()
}, 60_000)
afterAll(async () => {
  await closePayload(payload)
})

const total = async (memberId: number, itemId: number) => {
  const { rows } = await poolOf(payload).query('SELECT seconds_credited, completed_at, hours_credited FROM study_progress WHERE member_id = $1 AND item_id = $2', [memberId, itemId])
  return rows[0] ? { seconds: Number(rows[0].seconds_credited), completed: Boolean(rows[0].completed_at), hours: Number(rows[0].hours_credited) } : null
}

describe('heartbeat crediting', () => {
  it('credits no more than the wall-clock time since the previous beat, and not long gaps', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'video', durationMinutes: 10 })
    await beat(payload, m, lesson, 'start', T0)
    expect((await beat(payload, m, lesson, 'heartbeat', after(25), { position: 25 })).credited).toBe(25)
    expect((await beat(payload, m, lesson, 'heartbeat', after(26), { position: 26 })).credited).toBe(1)
    // The phone slept for ten minutes: that is not study time.
    expect((await beat(payload, m, lesson, 'heartbeat', after(626), { position: 50 })).credited).toBe(60)
    // A beat whose time lies before the last one credits nothing.
    expect((await beat(payload, m, lesson, 'heartbeat', after(600), { position: 50 })).credited).toBe(0)
    expect((await total(m.id as number, lesson.id))?.seconds).toBe(86)
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

  it('never credits more than 1.5 times the item’s length', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'audio', durationMinutes: 5 })
    await beat(payload, m, lesson, 'start', T0)
    for (let i = 1; i <= 12; i++) await beat(payload, m, lesson, 'heartbeat', after(i * 60), { position: 10 })
    expect((await total(m.id as number, lesson.id))?.seconds).toBe(450)
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
    await Promise.all(Array.from({ length: 5 }, () => beat(payload, m, lesson, 'heartbeat', after(50), { beatId: 'beat-concurrent-01', position: 50 })))
    expect((await total(m.id as number, lesson.id))?.seconds).toBe(50)
    await Promise.all(Array.from({ length: 10 }, (_, i) => beat(payload, m, lesson, 'heartbeat', after(70), { beatId: `beat-burst-${i}-xyz`, position: 70 })))
    expect((await total(m.id as number, lesson.id))?.seconds).toBe(70)
    const { rows } = await poolOf(payload).query('SELECT count(*)::int AS n FROM study_events WHERE member_id = $1', [m.id])
    expect(rows[0].n).toBe(1 + 1 + 1 + 10) // start, the first beat, one of the five, the ten
  })
})

describe('completion', () => {
  it('needs 90% of a video watched with credited time to match, and credits its hours once', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'video', durationMinutes: 5, creditHours: 1 })
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
    expect(last).toMatchObject({ completed: true, hoursCredited: 1, percent: 100 })
    expect(t).toBeGreaterThanOrEqual(270)
    await beat(payload, m, lesson, 'complete', after(t + 30), { position: 300 })
    expect(await total(m.id as number, lesson.id)).toMatchObject({ completed: true, hours: 1 })
    expect((await yearHours(payload, m, 2026, after(t + 60))).hours).toBe(1)
  })

  it('needs an article read for its reading time and scrolled to the end', async () => {
    const m = await freshMember(payload)
    const lesson = await publishedLesson(payload, { kind: 'article', creditHours: 0.5 }) // ~440 characters: about 66 s
    await beat(payload, m, lesson, 'start', T0)
    expect((await beat(payload, m, lesson, 'heartbeat', after(30), { position: 0.5 })).completed).toBe(false)
    // Scrolled to the end after 40 s: too fast for its length.
    expect((await beat(payload, m, lesson, 'complete', after(40), { position: 1, scrolledToEnd: true })).completed).toBe(false)
    // Still on the page 40 s later: now it has been read.
    const done = await beat(payload, m, lesson, 'heartbeat', after(80), { position: 1 })
    expect(done).toMatchObject({ completed: true, hoursCredited: 0.5 })
    // Time alone, without reaching the end, does not complete an article.
    const other = await publishedLesson(payload, { kind: 'article', creditHours: 0.5 })
    await beat(payload, m, other, 'start', after(100))
    await beat(payload, m, other, 'heartbeat', after(160), { position: 0.4 })
    expect((await beat(payload, m, other, 'heartbeat', after(220), { position: 0.8 })).completed).toBe(false)
  })

  it('completes a course with its last lesson, and awards points capped per day and once per event', async () => {
    const m = await freshMember(payload)
    const lessons = await Promise.all([1, 2].map(() => publishedLesson(payload, { kind: 'article', creditHours: 1 })))
    const course = await payload.create({
      collection: 'courses',
      context: { reviewTransition: true },
      data: { title: `课程-${Date.now()}`, requirement: 'elective', lessons: lessons.map((l) => l.id), _status: 'published', reviewState: 'published' } as never,
    })
    clearItemCache()
    let t = 0
    for (const l of lessons) {
      await beat(payload, m, l, 'start', after(t))
      await beat(payload, m, l, 'heartbeat', after((t += 60)), { position: 0.5 })
      await beat(payload, m, l, 'complete', after((t += 20)), { position: 1, scrolledToEnd: true })
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
    expect((await beat(payload, m, { collection: 'news', id: news.id as number }, 'heartbeat', after(20), { position: 0.5 })).credited).toBe(20)
    // As the review service in another process would leave it: no hook runs here.
    await poolOf(payload).query(`UPDATE news SET _status = 'draft', review_state = 'withdrawn' WHERE id = $1`, [news.id])
    await rejectsWithStatus(beat(payload, m, { collection: 'news', id: news.id as number }, 'heartbeat', after(40), { position: 1, scrolledToEnd: true }), 404)
    expect(await total(m.id as number, news.id as number)).toMatchObject({ seconds: 20, completed: false })
    const { rows } = await poolOf(payload).query('SELECT count(*)::int AS n FROM study_events WHERE member_id = $1', [m.id])
    expect(rows[0].n).toBe(2) // the refused beat leaves no event
  })
})

describe('year totals', () => {
  it('split at midnight on 31 December in Shanghai', async () => {
    const m = await freshMember(payload)
    const complete = async (at: Date) => {
      const l = await publishedLesson(payload, { kind: 'article', creditHours: 2 })
      await beat(payload, m, l, 'start', new Date(at.getTime() - 100_000))
      await beat(payload, m, l, 'heartbeat', new Date(at.getTime() - 50_000), { position: 0.5 })
      await beat(payload, m, l, 'complete', at, { position: 1, scrolledToEnd: true })
    }
    await complete(new Date('2025-12-31T15:57:00Z')) // 23:58 in Shanghai, 31 December 2025
    await complete(new Date('2025-12-31T16:01:00Z')) // 00:02 in Shanghai, 1 January 2026
    expect((await yearHours(payload, m, 2025, new Date('2026-01-05T00:00:00Z'))).hours).toBe(2)
    expect((await yearHours(payload, m, 2026, new Date('2026-01-05T00:00:00Z'))).hours).toBe(2)
    expect(await hoursByYear(payload, m)).toEqual([
      { year: 2026, hours: 2 },
      { year: 2025, hours: 2 },
    ])
  })
})

describe('access to progress', () => {
  it('only through the heartbeat route, signed in; nobody writes progress through REST; members read only their own', async () => {
    const lesson = await publishedLesson(payload)
    const unauth = await heartbeatRoute(new Request('http://localhost/api/study/heartbeat', { method: 'POST', body: '{}' }))
    expect(unauth.status).toBe(401)

    const a = await freshMember(payload)
    const b = await freshMember(payload)
    const login = async (u: typeof a) => (await payload.login({ collection: 'users', data: { email: u.email, password: 'Vq7#Lm2$Xr9' } })).token!
    const tokenA = await login(a)
    const send = (token: string, body: unknown) =>
      heartbeatRoute(new Request('http://localhost/api/study/heartbeat', { method: 'POST', headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }))
    const bad = await send(tokenA, { collection: 'micro-lessons', id: lesson.id, event: 'jump', beatId: 'x' })
    expect(bad.status).toBe(400)
    expect((await bad.json()).errors[0].message).toMatch(/event/)
    const ok = await send(tokenA, { collection: 'micro-lessons', id: lesson.id, event: 'start', position: 0, beatId: 'route-start-0001' })
    expect(ok.status).toBe(200)
    await beat(payload, b, lesson, 'start', new Date())

    const restAs = (token: string, path: string) =>
      REST_GET(config)(new Request(`http://localhost/api/${path}`, { headers: { Authorization: `JWT ${token}` } }), { params: Promise.resolve({ slug: path.split('?')[0].split('/') }) })
    const mine = await (await restAs(tokenA, 'study-progress?limit=100')).json()
    expect(mine.docs.map((d: { member: number | { id: number } }) => (typeof d.member === 'object' ? d.member.id : d.member))).toEqual([a.id])
    const create = await REST_POST(config)(
      new Request('http://localhost/api/study-progress', {
        method: 'POST',
        headers: { Authorization: `JWT ${tokenA}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ member: a.id, itemCollection: 'micro-lessons', itemId: lesson.id, secondsCredited: 9999, hoursCredited: 32 }),
      }),
      { params: Promise.resolve({ slug: ['study-progress'] }) },
    )
    expect(create.status).toBe(403)
    await rejectsWithStatus(payload.find({ collection: 'study-events', user: a, overrideAccess: false, where: { member: { equals: b.id } } }).then((r) => {
      if (r.docs.length) throw Object.assign(new Error('read another member’s events'), { status: 200 })
      throw Object.assign(new Error('none visible'), { status: 404 })
    }), 404)

    // After logout the same token no longer credits.
    const logout = await REST_POST(config)(new Request('http://localhost/api/users/logout', { method: 'POST', headers: { Authorization: `JWT ${tokenA}` } }), {
      params: Promise.resolve({ slug: ['users', 'logout'] }),
    })
    expect(logout.status).toBe(200)
    expect((await send(tokenA, { collection: 'micro-lessons', id: lesson.id, event: 'heartbeat', position: 1, beatId: 'route-after-logout' })).status).toBe(401)
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
