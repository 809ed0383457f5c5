import { mkdtempSync, rmSync } from 'fs'
import getPort from 'get-port'
import { tmpdir } from 'os'
import path from 'path'
import type { Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closePayload } from '../../../src/db/migrate'
import { isDatabaseUnavailable } from '../../../src/db/unavailable'
import { startAttempt, submitAttempt } from '../../../src/quiz/attempts'
import { INDEX_UID, searchClient, useSearchHost } from '../../../src/search/client'
import { reviveSearchSyncs } from '../../../src/search/sync'
import { startEmbeddedMeilisearch, type MeiliHandle } from '../../../src/services/embeddedMeilisearch'
import { poolOf } from '../../../src/db/pool'
import { REVIEW_TRANSITION } from '../../../src/workflow/config'
import { draftNews, publishThrough, reviewers } from '../../helpers/content'
import { testPayload, unique } from '../../helpers/payload'
import { freshMember } from '../../helpers/study'

/**
 * The core of the fault tests (the whole set, with a real app server: `npm run test:faults`):
 * a real Meilisearch process stopped while an editor publishes, PostgreSQL dropping the app's
 * connections as a restart does, and a submission whose connection dies before its commit, as it
 * does when the app process is killed.
 */
let payload: Payload
let meili: MeiliHandle | null = null
const meiliDir = mkdtempSync(path.join(tmpdir(), 'party-faults-meili-'))
let meiliOptions: Parameters<typeof startEmbeddedMeilisearch>[0]
// Test files may share a worker process: what this file changes in the environment is put back.
const sharedIndex = process.env.MEILI_INDEX

beforeAll(async () => {
  payload = await testPayload()
  // Its own Meilisearch process (the shared one belongs to the whole run), same key, own index.
  meiliOptions = { dataDir: meiliDir, port: await getPort(), masterKey: process.env.MEILI_MASTER_KEY ?? '' }
  meili = await startEmbeddedMeilisearch(meiliOptions)
  useSearchHost(meili.host)
  process.env.MEILI_INDEX = unique('content_faults').replace(/-/g, '_')
})

afterAll(async () => {
  useSearchHost(null)
  if (sharedIndex === undefined) delete process.env.MEILI_INDEX
  else process.env.MEILI_INDEX = sharedIndex
  await meili?.stop()
  rmSync(meiliDir, { recursive: true, force: true })
  await closePayload(payload)
})

const syncJobs = async (id: number | string) =>
  (
    await poolOf(payload).query<{ id: number; total_tried: string; completed_at: Date | null; has_error: boolean }>(
      `SELECT id, total_tried, completed_at, has_error FROM payload_jobs WHERE task_slug = 'syncSearch' AND input->>'collection' = 'news' AND input->>'id' = $1`,
      [String(id)],
    )
  ).rows
const inIndex = (id: number | string) =>
  searchClient()
    .index(INDEX_UID())
    .getDocument(`news-${id}`)
    .then(
      () => true,
      () => false,
    )

describe('Meilisearch stopped while an editor publishes', () => {
  it('publishes anyway, and the failed sync is retried as soon as Meilisearch is back, however long its backoff', async () => {
    const who = await reviewers()
    await meili!.stop()
    const doc = await draftNews(payload, { title: unique('瑞金叶坪革命旧址') })
    expect((await publishThrough(payload, who, 'news', doc.id)).to).toBe('published')

    await payload.jobs.run({ queue: 'search', limit: 500 })
    const jobs = await syncJobs(doc.id) // one per save: the review steps save the item
    expect(jobs.length).toBeGreaterThan(0)
    for (const job of jobs) {
      expect(job).toMatchObject({ completed_at: null, has_error: false })
      expect(Number(job.total_tried)).toBeGreaterThanOrEqual(1)
    }
    // As after a long outage: the backoff has grown to an hour and the last try is a while ago.
    await poolOf(payload).query(
      `UPDATE payload_jobs SET wait_until = now() + interval '1 hour', updated_at = now() - interval '1 minute' WHERE id = ANY($1)`,
      [jobs.map((j) => j.id)],
    )
    expect(await reviveSearchSyncs(payload, { force: true })).toBe(0) // still down: nothing to gain

    meili = await startEmbeddedMeilisearch(meiliOptions)
    await payload.jobs.run({ queue: 'search', limit: 500 })
    expect(await syncJobs(doc.id)).not.toHaveLength(0)
    // The backoff alone would wait the hour out: reviveSearchSyncs (which the queue's own tick also
    // calls, once a minute) wakes them now that Meilisearch answers. On a slow machine a try can
    // still time out while the restarted engine catches up (queued syncs of earlier tests run in
    // the same pass); that one backs off again, and the next tick wakes it once more.
    await expect
      .poll(
        async () => {
          await reviveSearchSyncs(payload, { force: true })
          await payload.jobs.run({ queue: 'search', limit: 500 })
          return (await syncJobs(doc.id)).every((j) => j.completed_at !== null)
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true)
    expect(await inIndex(doc.id)).toBe(true)
  })
})

describe('PostgreSQL restarting', () => {
  it('recognises a refused connection and a terminated session as the database being unavailable, and nothing else', async () => {
    const refused = new pg.Client({ connectionString: `postgres://x:y@127.0.0.1:${await getPort()}/none`, connectionTimeoutMillis: 2_000 })
    const connectError = await refused.connect().then(
      () => null,
      (e: unknown) => e,
    )
    expect(isDatabaseUnavailable(connectError)).toBe(true)

    const victim = await poolOf(payload).connect()
    victim.on('error', () => {})
    const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid
    await poolOf(payload).query('SELECT pg_terminate_backend($1)', [pid])
    const terminated = await victim.query('SELECT 1').then(
      () => null,
      (e: unknown) => e,
    )
    victim.release(true)
    expect(isDatabaseUnavailable(terminated)).toBe(true)

    const syntax = await poolOf(payload)
      .query('SELEC 1')
      .then(
        () => null,
        (e: unknown) => e,
      )
    expect(isDatabaseUnavailable(syntax)).toBe(false)
    expect(isDatabaseUnavailable(new Error('duplicate key value violates unique constraint'))).toBe(false)
  })

  it('keeps the process alive when PostgreSQL closes every pooled connection, and serves the next request', async () => {
    const pool = poolOf(payload)
    // Fill the pool with idle connections, then end them all from the server side, as a restart does.
    const clients = await Promise.all(Array.from({ length: 4 }, () => pool.connect()))
    for (const c of clients) c.release()
    expect(pool.idleCount).toBeGreaterThanOrEqual(4)
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await admin.connect()
    const { rowCount } = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    )
    await admin.end()
    expect(rowCount).toBeGreaterThanOrEqual(4)
    // Without a listener on the pool's 'error' event this is an uncaught exception that ends the process.
    // pg-pool drops a connection once its 'error' arrives; other work may meanwhile open new ones.
    const pooled = () => (pool as unknown as { _clients: unknown[] })._clients
    await expect.poll(() => clients.filter((c) => pooled().includes(c)).length, { timeout: 5_000 }).toBe(0)
    const member = await freshMember(payload)
    expect(member.id).toBeTruthy()
    expect((await pool.query('SELECT 1 AS ok')).rows[0].ok).toBe(1)
  })
})

describe('a submission cut off before its commit (the app process killed)', () => {
  it('leaves the attempt untouched, and the retry with the same key records exactly one submission', async () => {
    const theme = (await payload.find({ collection: 'themes', limit: 1, depth: 0 })).docs[0].id
    const q = await payload.create({
      collection: 'questions',
      depth: 0,
      data: { type: 'trueFalse', difficulty: 'easy', themes: [theme], stem: unique('判断'), trueFalseAnswer: 'wrong' },
    })
    const quiz = await payload.create({
      collection: 'quizzes',
      context: { [REVIEW_TRANSITION]: true },
      depth: 0,
      data: {
        title: unique('每日一练'),
        mode: 'daily',
        questionSource: 'fixed',
        questions: [q.id],
        passScore: 60,
        attemptsAllowed: 1,
        _status: 'published',
        reviewState: 'published',
      },
    })
    const m = await freshMember(payload)
    const started = await startAttempt(payload, m, quiz.id, new Date(), { key: unique('start') })
    const answers = { [q.id]: ['wrong'] }
    const key = unique('submit')
    // The connection goes away between the writes and COMMIT: PostgreSQL rolls the transaction back.
    const cut = submitAttempt(payload, m, started.attemptId, answers, new Date(), {
      key,
      beforeCommit: async () => {
        await poolOf(payload).query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND query LIKE '%INSERT INTO points_ledger%'`,
        )
      },
    })
    const error = await cut.then(
      () => null,
      (e: unknown) => e,
    )
    expect(isDatabaseUnavailable(error)).toBe(true)
    const rows = async () =>
      (await poolOf(payload).query('SELECT id, status, score, answers, submit_key FROM quiz_attempts WHERE member_id = $1', [m.id])).rows
    expect(await rows()).toEqual([{ id: started.attemptId, status: 'open', score: null, answers: null, submit_key: null }])
    const points = async () =>
      Number(
        (
          await poolOf(payload).query(
            `SELECT coalesce(sum(points), 0) AS n FROM points_ledger WHERE member_id = $1 AND rule = 'dailyQuiz'`,
            [m.id],
          )
        ).rows[0].n,
      )
    expect(await points()).toBe(0)

    const retried = await submitAttempt(payload, m, started.attemptId, answers, new Date(), { key })
    const again = await submitAttempt(payload, m, started.attemptId, answers, new Date(), { key })
    expect(retried).toMatchObject({ attemptId: started.attemptId, score: 100, passed: true })
    expect(again).toEqual(retried)
    expect(await rows()).toEqual([{ id: started.attemptId, status: 'submitted', score: '100', answers, submit_key: key }])
    expect(await points()).toBe(1)
  })
})
