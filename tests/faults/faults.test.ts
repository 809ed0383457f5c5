import { randomUUID } from 'crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { blocksToLexical } from '../../src/content/lexical'
import { call, login, startStack, type Reply, type Stack } from './stack'

/**
 * 故障测试: real PostgreSQL, Meilisearch and app server processes, broken on purpose while simulated
 * people keep working through the HTTP API.
 *   1. Meilisearch stopped while editors publish: every save succeeds; the index catches up after
 *      Meilisearch is back, with nobody doing anything.
 *   2. PostgreSQL restarted while members study: requests fail cleanly (503, a Chinese message)
 *      during the outage, the app recovers without a restart, no acknowledged heartbeat or
 *      attempt is lost.
 *   3. The app server killed with SIGKILL in the middle of quiz submissions: no partial attempts;
 *      resubmitting with the same idempotency key yields exactly one attempt.
 */
let stack: Stack
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const since = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`
const log = (m: string) => console.log(`[故障测试] ${m}`)
const DB_DOWN = /数据库暂时不可用/

beforeAll(async () => {
  stack = await startStack()
  await stack.prepare()
  await stack.app.start()
}, 900_000)

afterAll(async () => {
  if (stack) {
    if (!stack.app.alive()) log(`应用服务器日志（最后几行）：\n${stack.appLogTail()}`)
    await stack.cleanup()
  }
}, 120_000)

/** The Meilisearch document of an item, or null (read directly, not through the app). */
const indexed = async (id: string) => {
  const res = await fetch(`${stack.meili.host}/indexes/${stack.env.MEILI_INDEX}/documents/${id}`, {
    headers: { Authorization: `Bearer ${stack.meili.masterKey}` },
  }).catch(() => null)
  return res?.ok ? ((await res.json()) as { title: string }) : null
}

describe('Meilisearch stopped while editors publish', () => {
  it('saves and publishes every item, and the index catches up once Meilisearch is back', async () => {
    const url = stack.url
    const [editor, r1, r2, r3] = await Promise.all(
      ['editor', 'reviewer1', 'reviewer2', 'reviewer3'].map((who) => login(url, `${who}@demo.edu.cn`)),
    )
    const down = Date.now()
    await stack.meili.stop()
    log('Meilisearch 已停止')

    const ids: number[] = []
    for (let i = 0; i < 3; i++) {
      const title = `故障演练：遵义会议精神学习（第${i + 1}篇）`
      const created = await call(url, editor, 'POST', '/api/news?draft=true&depth=0', {
        title,
        column: 'grassroots',
        body: blocksToLexical([{ p: '支部党员重温遵义会议，学习实事求是、独立自主的精神。' }]),
      })
      expect(created.status, JSON.stringify(created.json)).toBe(201)
      const id = created.json.doc.id as number
      for (const [token, action] of [
        [editor, 'submit'],
        [r1, 'approve'],
        [r2, 'approve'],
        [r3, 'approve'],
      ] as const) {
        const r = await call(url, token, 'POST', `/api/news/${id}/review`, { action })
        expect(r.status, `${action}: ${JSON.stringify(r.json)}`).toBe(200)
      }
      const read = await call(url, editor, 'GET', `/api/news/${id}?depth=0`)
      expect(read.json._status).toBe('published')
      ids.push(id)
    }
    log(`停机期间发布了 ${ids.length} 篇新闻（${since(down)}）`)
    // Search says so plainly meanwhile.
    const search = await call(url, editor, 'GET', `/api/search?q=${encodeURIComponent('遵义会议')}`)
    expect(search.status).toBe(503)
    expect(search.json.errors[0].message).toMatch(/搜索服务暂时不可用/)

    // The queue really tried and failed (it runs every 5 s in the app), then Meilisearch stays down a while longer.
    await expect
      .poll(
        async () =>
          (
            await stack.db.query(
              `SELECT count(DISTINCT input->>'id')::int AS n FROM payload_jobs WHERE task_slug = 'syncSearch' AND input->>'collection' = 'news' AND input->>'id' = ANY($1) AND total_tried >= 1 AND completed_at IS NULL`,
              [ids.map(String)],
            )
          ).rows[0].n,
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(ids.length)
    while (Date.now() - down < 30_000) await sleep(500)
    for (const id of ids) expect(await indexed(`news-${id}`)).toBeNull()

    await stack.meili.start()
    const back = Date.now()
    log(`Meilisearch 已重启（停机 ${((back - down) / 1000).toFixed(1)} s）`)
    await expect
      .poll(async () => (await Promise.all(ids.map((id) => indexed(`news-${id}`)))).every(Boolean), { timeout: 60_000, interval: 1_000 })
      .toBe(true)
    log(`索引在 Meilisearch 恢复后 ${since(back)} 内追上`)
    const found = await call(url, editor, 'GET', `/api/search?q=${encodeURIComponent('遵义会议')}`)
    expect(found.status).toBe(200)
    expect(found.json.hits.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining(ids.map((id) => `news-${id}`)))
  }, 180_000)
})

type Member = { email: string; token: string; lesson: number; quiz: number }

/** Members of one branch with an article lesson and a lesson quiz (unlimited attempts) each can open. */
const members = async (numbers: number[]): Promise<Member[]> => {
  const url = stack.url
  return Promise.all(
    numbers.map(async (n) => {
      const email = `p${String(n).padStart(3, '0')}@demo.edu.cn`
      const token = await login(url, email)
      const lessons = await call(
        url,
        token,
        'GET',
        '/api/micro-lessons?depth=0&limit=1&where[kind][equals]=article&where[_status][equals]=published',
      )
      const quizzes = await call(
        url,
        token,
        'GET',
        '/api/quizzes?depth=0&limit=1&where[mode][equals]=lesson&where[attemptsAllowed][equals]=0',
      )
      expect(lessons.json.docs?.[0], `${email} 没有可学的微党课`).toBeTruthy()
      expect(quizzes.json.docs?.[0], `${email} 没有随堂测试`).toBeTruthy()
      return { email, token, lesson: lessons.json.docs[0].id, quiz: quizzes.json.docs[0].id }
    }),
  )
}

type Sent = {
  at: number
  kind: 'beat' | 'start' | 'submit'
  member: string
  key: string
  attemptId?: number
  answers?: Record<string, string[]>
  reply: Reply
}

/** A member's paper answered at random (the test does not know the answers; grading is not the point). */
const answersFor = (questions: Array<{ id: number; type: string; options: Array<{ key: string }> }>) =>
  Object.fromEntries(
    questions.map((q) => [q.id, q.type === 'fillIn' ? ['1921'] : q.type === 'trueFalse' ? ['correct'] : [q.options[0]?.key ?? 'a']]),
  )

/**
 * One simulated member until `stop()`: heartbeats on a lesson, and every few beats a quiz attempt
 * started and submitted with idempotency keys. Every request and its answer is recorded.
 */
const simulate = (m: Member, sent: Sent[], options: { beats: boolean; pauseMs: number; flight?: { submits: number } }) => {
  let running = true
  const done = (async () => {
    let first = true
    let position = 0
    let open: { attemptId: number; answers: Record<string, string[]> } | null = null
    for (let i = 0; running; i++) {
      if (options.beats) {
        const beatId = randomUUID()
        position = Math.min(1, position + 0.02)
        const reply = await call(stack.url, m.token, 'POST', '/api/study/heartbeat', {
          collection: 'micro-lessons',
          id: m.lesson,
          event: first ? 'start' : 'heartbeat',
          position,
          beatId,
        })
        sent.push({ at: Date.now(), kind: 'beat', member: m.email, key: beatId, reply })
        if (reply.status === 200) first = false
      }
      if (!options.beats || i % 4 === 3) {
        if (!open) {
          const key = randomUUID()
          const reply = await call(stack.url, m.token, 'POST', '/api/quiz-attempts/start', { quizId: m.quiz }, { 'Idempotency-Key': key })
          sent.push({ at: Date.now(), kind: 'start', member: m.email, key, reply })
          if (reply.status === 200) open = { attemptId: reply.json.attemptId, answers: answersFor(reply.json.questions) }
        } else {
          const key = randomUUID()
          if (options.flight) options.flight.submits++
          const reply = await call(
            stack.url,
            m.token,
            'POST',
            `/api/quiz-attempts/${open.attemptId}/submit`,
            { answers: open.answers },
            { 'Idempotency-Key': key },
          )
          if (options.flight) options.flight.submits--
          sent.push({ at: Date.now(), kind: 'submit', member: m.email, key, attemptId: open.attemptId, answers: open.answers, reply })
          if (reply.status === 200 || reply.status === 409) open = null
        }
      }
      await sleep(options.pauseMs)
    }
  })()
  return {
    /** No new requests from now on (those under way continue). */
    halt: () => {
      running = false
    },
    stop: async () => {
      running = false
      await done
    },
  }
}

const tally = (sent: Sent[]) => {
  const counts = new Map<string, number>()
  for (const s of sent) counts.set(`${s.kind} ${s.reply.status}`, (counts.get(`${s.kind} ${s.reply.status}`) ?? 0) + 1)
  return [...counts].map(([k, n]) => `${k}: ${n}`).join('，')
}

/** Attempts of these members, by key, straight from the database. */
const attemptRows = async (emails: string[]) =>
  (
    await stack.db.query<{
      id: number
      email: string
      status: string
      start_key: string | null
      submit_key: string | null
      submitted_at: Date | null
      score: string | null
      answers: unknown
      results: unknown
      correct_count: string | null
      passed: boolean | null
    }>(
      `SELECT a.id, u.email, a.status, a.start_key, a.submit_key, a.submitted_at, a.score, a.answers, a.results, a.correct_count, a.passed
         FROM quiz_attempts a JOIN users u ON u.id = a.member_id WHERE u.email = ANY($1) ORDER BY a.id`,
      [emails],
    )
  ).rows

/** An attempt is either untouched and open, or completely submitted: never anything in between. */
const partial = (a: Awaited<ReturnType<typeof attemptRows>>[number]) =>
  a.status === 'open'
    ? a.submitted_at !== null || a.score !== null || a.answers !== null || a.results !== null || a.submit_key !== null
    : a.status !== 'submitted' ||
      a.submitted_at === null ||
      a.score === null ||
      a.answers === null ||
      a.results === null ||
      a.correct_count === null ||
      a.passed === null

describe('PostgreSQL restarted while members study', () => {
  it('answers 503 with a Chinese message during the outage, recovers without a restart and loses nothing acknowledged', async () => {
    const group = await members([60, 61, 62, 63, 64, 65])
    const sent: Sent[] = []
    const sims = group.map((m) => simulate(m, sent, { beats: true, pauseMs: 100 }))
    await sleep(3_000)

    const down = Date.now()
    await stack.postgres.stop()
    log('PostgreSQL 已停止')
    // Payload's own REST API and the readiness check, while the database is away.
    const rest = await call(stack.url, group[0].token, 'GET', '/api/micro-lessons?depth=0&limit=1')
    const ready = await call(stack.url, null, 'GET', '/api/ready')
    await sleep(6_000)
    await stack.postgres.start()
    const up = Date.now()
    log(`PostgreSQL 已重启（停机 ${((up - down) / 1000).toFixed(1)} s）`)
    await sleep(12_000)
    await Promise.all(sims.map((s) => s.stop()))

    expect(stack.app.alive(), `应用服务器退出了：\n${stack.appLogTail()}`).toBe(true)
    expect(rest.status, JSON.stringify(rest.json)).toBe(503)
    expect(rest.json.errors[0].message).toMatch(DB_DOWN)
    expect(ready.status).toBe(503)
    expect(ready.json.checks.database.ok).toBe(false)

    const failed = sent.filter((s) => s.reply.status !== 200)
    log(`请求结果：${tally(sent)}`)
    // The outage was real, and every failure was a clean 503 naming the database (no 500, no stack, no dropped connection).
    expect(failed.length).toBeGreaterThan(0)
    for (const f of failed) {
      expect(f.reply.status, `${f.kind}: ${JSON.stringify(f.reply)}`).toBe(503)
      expect(f.reply.json.errors[0].message).toMatch(DB_DOWN)
      expect(JSON.stringify(f.reply.json)).not.toMatch(/ at |stack|ECONN|Error:/)
    }
    // Recovered without restarting the app: everything succeeds again shortly after PostgreSQL is back.
    const lastFailure = Math.max(...failed.map((f) => f.at))
    log(`最后一次失败在 PostgreSQL 恢复后 ${((lastFailure - up) / 1000).toFixed(1)} s`)
    expect(lastFailure - up).toBeLessThan(8_000)
    const after = sent.filter((s) => s.at > up + 8_000)
    expect(after.length).toBeGreaterThan(20)
    expect(after.every((s) => s.reply.status === 200)).toBe(true)

    // Nothing acknowledged was lost: every beat answered 200 is logged, every attempt answered 200 recorded.
    const ackedBeats = sent.filter((s) => s.kind === 'beat' && s.reply.status === 200).map((s) => s.key)
    const logged = await stack.db.query<{ beat_id: string }>('SELECT beat_id FROM study_events WHERE beat_id = ANY($1)', [ackedBeats])
    expect(new Set(logged.rows.map((r) => r.beat_id)).size).toBe(ackedBeats.length)
    const rows = await attemptRows(group.map((m) => m.email))
    const ids = new Set(rows.map((r) => r.id))
    const submits = new Map(rows.map((r) => [r.submit_key, r]))
    const ackedStarts = sent.filter((s) => s.kind === 'start' && s.reply.status === 200)
    const ackedSubmits = sent.filter((s) => s.kind === 'submit' && s.reply.status === 200)
    for (const s of ackedStarts) expect(ids.has(s.reply.json.attemptId), `attempt ${s.reply.json.attemptId}`).toBe(true)
    for (const s of ackedSubmits)
      expect(submits.get(s.key)).toMatchObject({ id: s.attemptId, status: 'submitted', score: String(s.reply.json.score) })
    expect(rows.filter(partial)).toEqual([])
    log(`已确认的心跳 ${ackedBeats.length} 次、开始答题 ${ackedStarts.length} 次、交卷 ${ackedSubmits.length} 次，全部在数据库中`)
  }, 120_000)
})

describe('the app server killed with SIGKILL during quiz submissions', () => {
  it('leaves no partial attempt, and a resubmission with the same key yields exactly one attempt', async () => {
    const group = await members([70, 71, 72, 73, 74, 75, 76, 77])
    const emails = group.map((m) => m.email)
    const before = new Set((await attemptRows(emails)).map((r) => r.id))
    const sent: Sent[] = []
    const flight = { submits: 0 }
    const sims = group.map((m) => simulate(m, sent, { beats: false, pauseMs: 0, flight }))
    await sleep(2_500)
    // Kill while submissions are under way: at a moment with at least three in flight, once they reached the server.
    for (const t = Date.now(); flight.submits < 3 && Date.now() - t < 10_000;) await sleep(1)
    await sleep(10)
    // The simulated clients stop sending; what they have under way is cut off by the kill.
    for (const s of sims) s.halt()
    await stack.app.kill()
    await Promise.all(sims.map((s) => s.stop()))
    log(`应用服务器已被 SIGKILL：${tally(sent)}`)

    const rows = await attemptRows(emails)
    expect(rows.filter(partial)).toEqual([])
    // Only the requests under way went unanswered (no 500s before the kill).
    const cut = sent.filter((s) => s.reply.status !== 200)
    expect(cut.map((s) => s.reply.status).filter((st) => st !== 0)).toEqual([])
    const cutSubmits = cut.filter((s) => s.kind === 'submit')
    // Some of those may have committed just before the kill: their answer was lost, not their submission.
    const committed = cutSubmits.filter((s) => rows.some((r) => r.submit_key === s.key))
    log(
      `被中断的请求：${cutSubmits.length} 次交卷（其中 ${committed.length} 次已写入但没收到回复）、${cut.length - cutSubmits.length} 次开始`,
    )
    expect(cutSubmits.length).toBeGreaterThan(0)
    // Acknowledged submissions are all there.
    for (const s of sent.filter((x) => x.kind === 'submit' && x.reply.status === 200)) {
      expect(rows.find((r) => r.submit_key === s.key)).toMatchObject({ id: s.attemptId, status: 'submitted' })
    }

    await stack.app.start()
    log('应用服务器已重启')
    const byEmail = new Map(group.map((m) => [m.email, m]))
    // The clients retry what they never got an answer for, with the same keys.
    for (const s of cut) {
      const m = byEmail.get(s.member)!
      if (s.kind === 'submit') {
        const r = await call(
          stack.url,
          m.token,
          'POST',
          `/api/quiz-attempts/${s.attemptId}/submit`,
          { answers: s.answers },
          { 'Idempotency-Key': s.key },
        )
        expect(r.status, JSON.stringify(r.json)).toBe(200)
        expect(r.json.attemptId).toBe(s.attemptId)
        const again = await call(
          stack.url,
          m.token,
          'POST',
          `/api/quiz-attempts/${s.attemptId}/submit`,
          { answers: s.answers },
          { 'Idempotency-Key': s.key },
        )
        expect(again.json).toEqual(r.json)
        // Someone else's key (or none) is still a repeated submission.
        expect(
          (
            await call(
              stack.url,
              m.token,
              'POST',
              `/api/quiz-attempts/${s.attemptId}/submit`,
              { answers: s.answers },
              { 'Idempotency-Key': randomUUID() },
            )
          ).status,
        ).toBe(409)
      } else {
        const r = await call(stack.url, m.token, 'POST', '/api/quiz-attempts/start', { quizId: m.quiz }, { 'Idempotency-Key': s.key })
        const again = await call(stack.url, m.token, 'POST', '/api/quiz-attempts/start', { quizId: m.quiz }, { 'Idempotency-Key': s.key })
        expect(r.status).toBe(200)
        expect(again.json.attemptId).toBe(r.json.attemptId)
      }
    }
    const final = await attemptRows(emails)
    expect(final.filter(partial)).toEqual([])
    for (const s of cut) {
      if (s.kind === 'submit') {
        expect(final.filter((r) => r.submit_key === s.key)).toHaveLength(1)
        expect(final.find((r) => r.id === s.attemptId)).toMatchObject({ status: 'submitted', submit_key: s.key })
      } else {
        expect(final.filter((r) => r.start_key === s.key)).toHaveLength(1)
      }
    }
    // Every attempt made in this test came from exactly one start key that was sent: no duplicates, no strays.
    const made = final.filter((r) => !before.has(r.id))
    const sentStartKeys = new Set(sent.filter((s) => s.kind === 'start').map((s) => s.key))
    expect(made.every((r) => r.start_key && sentStartKeys.has(r.start_key))).toBe(true)
    expect(new Set(made.map((r) => r.start_key)).size).toBe(made.length)
    log(`本场景共 ${made.length} 次答题，${made.filter((r) => r.status === 'submitted').length} 次已交卷，无残缺记录`)
  }, 180_000)
})
