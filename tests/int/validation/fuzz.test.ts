import type { Payload } from 'payload'
import { appendFileSync } from 'fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  DELETE as REST_DELETE,
  GET as REST_GET,
  PATCH as REST_PATCH,
  POST as REST_POST,
} from '../../../src/app/(payload)/api/[...slug]/route'
import { POST as GRAPHQL_POST } from '../../../src/app/(payload)/api/graphql/route'
import { GET as clickRoute } from '../../../src/app/(site)/r/route'
import { closePayload } from '../../../src/db/migrate'
import { currentCode } from '../../../src/auth/totp'
import { startAttempt } from '../../../src/quiz/attempts'
import { recommendationsRoute, searchRoute } from '../../../src/search/http'
import { heartbeatRoute as heartbeat } from '../../../src/study/http'
import { callFast } from '../../helpers/routes'
import { poolOf } from '../../../src/db/pool'
import { body as lexicalBody, draftNews } from '../../helpers/content'
import { demoUser, personData, testPayload, tokenFor, unique } from '../../helpers/payload'

/**
 * Bad input, everywhere: malformed JSON, wrong top-level types, wrong field types, 1 MB strings,
 * 10,000-deep nesting, unknown fields, invalid ids and wrong content types, sent to every custom
 * endpoint (and the app server's fast-path handlers) and to Payload's REST routes, login,
 * password reset and GraphQL. Every answer must be a 4xx carrying a message a person can act on
 * (in Chinese where the endpoint is ours), and afterwards no table has gained or lost a row and
 * no row was updated.
 *
 * Requests go through the handlers Next serves (the route modules, so the REST guard of
 * src/validation/restGuard.ts is in front of Payload) and the app server's fast-path functions.
 * Before the snapshot, each template is sent once as it is and must be accepted: the refusals
 * then come from the part a case broke, not from a wrong role or a missing record.
 *
 * The inputs come from a seeded generator: the same FUZZ_SEED gives the same cases.
 * FUZZ_REPORT=/tmp/fuzz.tsv writes every case's status and message there, to read them all.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260704)
// The per-account rate limits (src/auth/rateLimit.ts) would answer most of these with 429 before
// the validation under test is reached.
process.env.RATE_LIMIT_SCALE = '100000'

const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const rand = mulberry32(SEED)
const pickN = <T>(list: readonly T[], n: number): T[] => {
  const copy = [...list]
  const out: T[] = []
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0])
  return out
}
const GARBAGE_CHARS = [
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  ':',
  ',',
  '\\',
  '\u0000',
  '\u0007',
  '\n',
  'x',
  '1',
  '-',
  'e',
  '党',
  '😀',
  '\ud800',
  ' ',
  'null',
  'true',
]
const garbageText = (length: number) => Array.from({ length }, () => GARBAGE_CHARS[Math.floor(rand() * GARBAGE_CHARS.length)]).join('')

const MB = 'x'.repeat(1024 * 1024)
const deep = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
const DEEP_ARRAY = deep(10_000, 'array')
const DEEP_OBJECT = deep(10_000, 'object')

/** A body sent as text: JSON that may be broken, nested beyond reason or of the wrong type. */
type BadBody = { name: string; text: string; contentType?: string | null }

const INVALID_JSON = [
  '{',
  '{"action":',
  "{'action':'submit'}",
  '{"a":1,}',
  'undefined',
  'NaN',
  '{"a":1}}',
  '<xml/>',
  '\u0000\u0001',
  '{"a":"\\u12"}',
]
const WRONG_TOP = ['[]', '[{"a":1}]', '"text"', '42', '-1', 'null', 'true']

/** Values of a type other than the template value's, for one field. */
const wrongValues = (value: unknown): unknown[] => {
  if (typeof value === 'string') return [123, true, ['x'], { a: 1 }, -1.5]
  if (typeof value === 'number') return ['abc', true, [1], { a: 1 }, '12abc']
  if (typeof value === 'boolean') return ['yes', 2, [], { a: 1 }]
  if (Array.isArray(value)) return ['x', 1, { a: 1 }, true]
  return ['x', 1, [1], true]
}

/**
 * Bad bodies for an endpoint whose valid body looks like `template`. The template itself is
 * never sent: each case breaks exactly one thing (or sends no valid fields at all).
 */
const badBodies = (template: Record<string, unknown>, { fieldsPerKind = 2 } = {}): BadBody[] => {
  const cases: BadBody[] = []
  for (const text of [...INVALID_JSON, garbageText(12), garbageText(40), garbageText(200)]) {
    if (
      (() => {
        try {
          JSON.parse(text)
          return true
        } catch {
          return false
        }
      })()
    )
      continue
    cases.push({ name: `invalid JSON ${JSON.stringify(text.slice(0, 20))}`, text })
  }
  cases.push({ name: 'empty body', text: '' })
  for (const text of WRONG_TOP) cases.push({ name: `top-level ${text.slice(0, 12)}`, text })
  cases.push({ name: 'top-level array of the template', text: JSON.stringify([template]) })
  for (const [key, value] of Object.entries(template)) {
    for (const wrong of pickN(wrongValues(value), fieldsPerKind))
      cases.push({ name: `${key}: ${JSON.stringify(wrong)}`, text: JSON.stringify({ ...template, [key]: wrong }) })
    if (typeof value === 'string') {
      cases.push({ name: `${key}: 1 MB string`, text: JSON.stringify({ ...template, [key]: MB }) })
      cases.push({ name: `${key}: NUL character`, text: JSON.stringify({ ...template, [key]: `${value}\u0000` }) })
    }
    const nest = rand() < 0.5 ? DEEP_ARRAY : DEEP_OBJECT
    cases.push({
      name: `${key}: 10,000-deep ${nest[0] === '[' ? 'array' : 'object'}`,
      text: JSON.stringify({ ...template, [key]: null }).replace(`"${key}":null`, `"${key}":${nest}`),
    })
  }
  cases.push({ name: 'top-level 10,000-deep object', text: DEEP_OBJECT })
  cases.push({ name: 'top-level 10,000-deep array', text: DEEP_ARRAY })
  cases.push({ name: '1 MB unknown field only', text: JSON.stringify({ [`x${garbageText(3)}`]: MB }) })
  cases.push({ name: 'unknown fields only', text: JSON.stringify({ [unique('unknown')]: garbageText(8), isAdmin: true, $where: '1=1' }) })
  cases.push({ name: '__proto__ pollution', text: '{"__proto__":{"isAdmin":true,"roles":["sysAdmin"]}}' })
  cases.push({ name: 'constructor pollution', text: '{"constructor":{"prototype":{"isAdmin":true}}}' })
  const valid = JSON.stringify(template)
  for (const contentType of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=----fuzz',
    'application/xml',
    null,
  ]) {
    cases.push({ name: `content type ${contentType ?? 'missing'}`, text: valid, contentType })
  }
  return cases
}

/** Ids that name nothing: not numbers, negative, fractional, beyond integer range, SQL-ish, absent. */
const BAD_IDS = [
  'abc',
  '-1',
  '0',
  '1.5',
  '1e3',
  '2147483648',
  '99999999999999999999',
  "1' OR '1'='1",
  '1;DROP TABLE users--',
  'NaN',
  'Infinity',
  '%00',
  '987654321',
  '[1]',
  'null',
]

type Answer = { status: number; json: unknown; text: string }

/** Payload's REST handlers, called in-process like Next would. */
const rest = async (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  opts: { token?: string; body?: string | FormData; contentType?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> => {
  const handler = { GET: REST_GET, PATCH: REST_PATCH, POST: REST_POST, DELETE: REST_DELETE }[method]
  const url = new URL(`http://localhost/api/${path}`)
  const headers: Record<string, string> = { ...opts.headers }
  const contentType = opts.contentType === undefined ? 'application/json' : opts.contentType
  // FormData sets its own multipart Content-Type with the boundary.
  if (contentType && typeof opts.body === 'string') headers['Content-Type'] = contentType
  if (opts.token) headers.Authorization = `JWT ${opts.token}`
  const res = await handler(new Request(url, { method, headers, body: opts.body }), {
    params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/').map(decodeURIComponent) }),
  })
  return read(res)
}

const read = async (res: Response): Promise<Answer> => {
  const text = await res.text()
  let json: unknown = null
  try {
    json = JSON.parse(text)
  } catch {
    /* not JSON: the text is the message */
  }
  return { status: res.status, json, text }
}

const messageOf = (a: Answer): string => {
  const j = a.json as { errors?: Array<{ message?: unknown }>; message?: unknown } | null
  const m = Array.isArray(j?.errors) ? j.errors[0]?.message : j?.message
  if (typeof m === 'string') return m
  return a.json === null ? a.text : ''
}

const CHINESE = /[\u4e00-\u9fff]/
const USELESS = /^(something went wrong\.?|internal server error|error|unknown error)$/i

/** What is wrong with an answer to garbage, or null. */
const problemWith = (a: Answer, chinese: boolean): string | null => {
  if (a.status < 400 || a.status >= 500) return `status ${a.status}: ${a.text.slice(0, 160)}`
  const m = messageOf(a).trim()
  if (!m || USELESS.test(m)) return `status ${a.status} without a usable message: ${a.text.slice(0, 160)}`
  if (chinese && !CHINESE.test(m)) return `status ${a.status} with a message that is not Chinese: ${m.slice(0, 160)}`
  return null
}

type Case = { name: string; send: () => Promise<Answer>; chinese: boolean }

/** Runs the cases a few at a time; returns every case whose answer is not a clear 4xx. */
const runAll = async (cases: Case[], concurrency = 4) => {
  const problems: string[] = []
  let next = 0
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]
      try {
        const answer = await c.send()
        if (process.env.FUZZ_REPORT)
          appendFileSync(
            process.env.FUZZ_REPORT,
            `${answer.status}\t${c.name.slice(0, 100)}\t${messageOf(answer).slice(0, 160).replace(/\s+/g, ' ')}\n`,
          )
        const p = problemWith(answer, c.chinese)
        if (p) problems.push(`${c.name} → ${p}`)
      } catch (error) {
        problems.push(`${c.name} → threw ${(error as Error)?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(error)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return problems
}

const bodyCasesFor = (label: string, template: Record<string, unknown>, send: (b: BadBody) => Promise<Answer>, chinese: boolean): Case[] =>
  badBodies(template).map((b) => ({ name: `${label} ${b.name}`, send: () => send(b), chinese }))

let payload: Payload
const tokens: Partial<
  Record<
    'member' | 'editor' | 'curator' | 'sysAdmin' | 'security' | 'committee' | 'reviewer1' | 'auditor' | 'asker' | 'leaver' | 'twoFactor',
    string
  >
> = {}
let fixtures: {
  deletionRequestId: number
  collegeId: number
  lessonId: number
  quizId: number
  competitionId: number
  attemptId: number
  newsId: number
  memberId: number
  notificationId: number | null
  themeId: number
}

/** Row counts and the latest update of every table in the public schema. */
const snapshot = async () => {
  const pool = poolOf(payload)
  const { rows: tables } = await pool.query<{ table_name: string; has_updated: boolean }>(
    `SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'updated_at') AS has_updated
       FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY t.table_name`,
  )
  const sql = tables
    .map(
      (t) =>
        `SELECT '${t.table_name}' AS t, count(*)::int AS n, ${t.has_updated ? 'max(updated_at)::text' : 'NULL::text'} AS u FROM "${t.table_name}"`,
    )
    .join(' UNION ALL ')
  const { rows } = await pool.query<{ t: string; n: number; u: string | null }>(sql)
  // The audit trail records refused logins and refused access on purpose (等保): checked on its own.
  // The job runner (its cron starts with the first REST request) retries and logs jobs queued before
  // the snapshot on its own schedule: payload_jobs is compared by its newest id instead (nothing queued).
  return Object.fromEntries(
    rows.filter((r) => r.t !== 'audit_logs' && !r.t.startsWith('payload_jobs')).map((r) => [r.t, `${r.n} rows, last update ${r.u ?? '-'}`]),
  )
}
const lastAuditId = async () =>
  (await poolOf(payload).query<{ m: number }>('SELECT coalesce(max(id), 0)::int AS m FROM audit_logs')).rows[0].m
/** What the audit trail may gain from refused requests: the records of the refusals themselves. */
const AUDITED_REFUSALS = new Set(['loginFailed', 'accessDenied'])
let auditBefore = 0
let jobsBefore = 0
const lastJobId = async () =>
  (await poolOf(payload).query<{ m: number }>('SELECT coalesce(max(id), 0)::int AS m FROM payload_jobs')).rows[0].m
let before: Record<string, string>
const controls: Record<string, number | string> = {}
/** The status of an accepted control; a refused one also says why. */
const outcome = (a: Answer) => (a.status < 300 ? a.status : `${a.status} ${messageOf(a)}`)
const beatTemplate = () => ({
  collection: 'micro-lessons',
  id: fixtures.lessonId,
  event: 'heartbeat',
  position: 12,
  beatId: 'fuzzbeat-0001',
  scrolledToEnd: false,
})
const NEWS_PATCH = { title: '改过的标题', column: 'notices', summary: '新摘要' }
// The member's own number: the accepted control must not change what other test files expect of the demo member.
const SELF_PATCH = { phone: '13900000010' }
const SETTINGS = { annualStudyHoursTarget: 32 }

beforeAll(async () => {
  payload = await testPayload()
  const emails = {
    member: 'member',
    editor: 'editor',
    curator: 'curator',
    sysAdmin: 'sysadmin',
    security: 'security',
    committee: 'committee',
    reviewer1: 'reviewer1',
    auditor: 'auditor',
  } as const
  for (const [role, local] of Object.entries(emails)) tokens[role as keyof typeof tokens] = await tokenFor(`${local}@demo.edu.cn`)
  const member = await demoUser('member@demo.edu.cn')
  const lesson = (
    await payload.find({
      collection: 'micro-lessons',
      where: { _status: { equals: 'published' } },
      depth: 0,
      limit: 1,
      overrideAccess: false,
      user: member,
    })
  ).docs[0]
  const quizzes = (
    await payload.find({
      collection: 'quizzes',
      where: { _status: { equals: 'published' } },
      depth: 0,
      limit: 100,
      overrideAccess: false,
      user: member,
    })
  ).docs
  const topic = quizzes.find((q) => q.mode === 'topic') ?? quizzes[0]
  const competition = quizzes.find((q) => q.mode === 'competition')!
  // An attempt in progress, so submit's body validation is reached with a real attempt id.
  const attempt = (await startAttempt(payload, member, topic.id)) as { attemptId: number }
  const news = await draftNews(payload)
  const notification = (
    await payload.find({ collection: 'notifications', where: { recipient: { equals: member.id } }, depth: 0, limit: 1 })
  ).docs[0]
  const theme = (await payload.find({ collection: 'themes', depth: 0, limit: 1 })).docs[0]
  const college = (await payload.find({ collection: 'organizations', where: { type: { equals: 'collegeCommittee' } }, depth: 0, limit: 1 }))
    .docs[0]
  // Two people of our own for the deletion requests: one asks during the fuzz (nothing may reach
  // the database), one has asked already (the approve and reject endpoints act on that request).
  const people = ['提问者', '申请人'].map((name) => personData(name, { organization: member.organization as number }))
  for (const data of people) await payload.create({ collection: 'users', data: data, depth: 0 })
  ;[tokens.asker, tokens.leaver] = await Promise.all(people.map((p) => tokenFor(p.email, p.password)))
  // A staff account of our own with a bound authenticator, so disabling it reaches the code check.
  const staff = personData('二次验证', { roles: ['propagandaEditor'] })
  await payload.create({ collection: 'users', data: staff, depth: 0 })
  tokens.twoFactor = await tokenFor(staff.email, staff.password)
  const { secret } = (await rest('POST', 'users/totp/setup', { token: tokens.twoFactor })).json as { secret: string }
  controls['POST users/totp/enable'] = outcome(
    await rest('POST', 'users/totp/enable', { token: tokens.twoFactor, body: JSON.stringify({ code: currentCode(secret) }) }),
  )
  const asked = await rest('POST', 'deletion-requests/request', { token: tokens.leaver, body: JSON.stringify({ reason: '毕业离校' }) })
  controls['POST deletion-requests/request'] = outcome(asked)
  fixtures = {
    deletionRequestId: (asked.json as { request: { id: number } }).request.id,
    collegeId: college.id,
    lessonId: lesson.id,
    quizId: topic.id,
    competitionId: competition.id,
    attemptId: attempt.attemptId,
    newsId: news.id,
    memberId: member.id,
    notificationId: notification?.id ?? null,
    themeId: theme.id,
  }
  // Controls: each template sent as it is, by the same role, is accepted. So the refusals below come
  // from the part the fuzz broke, not from a wrong role, a missing record or a state that refuses all.
  const beat = await callFast(
    heartbeat,
    payload,
    new Headers({ Authorization: `JWT ${tokens.member}`, 'Content-Type': 'application/json' }),
    JSON.stringify({ ...beatTemplate(), beatId: unique('control-beat') }),
  )
  controls['heartbeat'] = outcome({ status: beat.status, json: beat.json, text: '' })
  controls['review submit'] = outcome(
    await rest('POST', `news/${(await draftNews(payload)).id}/review`, {
      token: tokens.editor,
      body: JSON.stringify({ action: 'submit', reason: '请审核', sensitiveOverride: false }),
    }),
  )
  for (const t of TARGETS)
    controls[`POST ${t.slug}`] = outcome(await rest('POST', `${t.slug}?depth=0`, { token: t.token(), body: JSON.stringify(t.template()) }))
  controls['PATCH news/:id'] = outcome(
    await rest('PATCH', `news/${news.id}?depth=0&draft=true`, { token: tokens.editor, body: JSON.stringify(NEWS_PATCH) }),
  )
  controls['PATCH users/me'] = outcome(
    await rest('PATCH', `users/${member.id}?depth=0`, { token: tokens.member, body: JSON.stringify(SELF_PATCH) }),
  )
  controls['POST globals/platform-settings'] = outcome(
    await rest('POST', 'globals/platform-settings', { token: tokens.sysAdmin, body: JSON.stringify(SETTINGS) }),
  )
  // The admin saves a document as multipart with the whole form in `_payload`: a document as the
  // API returns it, sent back that way, passes the type checks (src/validation/strictInput.ts).
  const question = (await payload.find({ collection: 'questions', depth: 0, limit: 1 })).docs[0]
  for (const [slug, id, token, query] of [
    ['news', news.id, tokens.editor, '&draft=true'],
    ['organizations', college.id, tokens.sysAdmin, ''],
    ['questions', question.id, tokens.curator, ''],
  ] as const) {
    const doc = (await rest('GET', `${slug}/${id}?depth=0${query}`, { token })).json
    const form = new FormData()
    form.append('_payload', JSON.stringify(doc))
    controls[`PATCH ${slug}/:id as the admin sends it`] = outcome(
      await rest('PATCH', `${slug}/${id}?depth=0${query}`, { token, body: form }),
    )
  }
  // Jobs due now (a scheduled publication, say) run before the snapshot, not in the middle of it.
  // The cron runner may be at the same jobs: a clash there is not what this file tests.
  await payload.jobs.run({ allQueues: true, limit: 1000 }).catch(() => undefined)
  before = await snapshot()
  auditBefore = await lastAuditId()
  jobsBefore = await lastJobId()
}, 180_000)

afterAll(async () => {
  await closePayload(payload)
})

describe('bad input to our own endpoints', () => {
  it('accepts each template as it is (the cases below differ from an accepted request in one part)', () => {
    expect(controls).toEqual(
      Object.fromEntries(
        Object.keys(controls).map((k) => [k, k.startsWith('POST ') && !k.includes('globals') && !k.includes('totp') ? 201 : 200]),
      ),
    )
  })

  it('heartbeat (fast-path function and Next route) answers every bad body with a clear Chinese 4xx', async () => {
    const template = beatTemplate()
    const headers = (contentType?: string | null) => {
      const h = new Headers({ Authorization: `JWT ${tokens.member}` })
      if (contentType !== null) h.set('Content-Type', contentType ?? 'application/json')
      return h
    }
    const cases = [
      ...bodyCasesFor(
        'heartbeat()',
        template,
        async (b) => {
          const r = await callFast(heartbeat, payload, headers(b.contentType), b.text)
          return { status: r.status, json: r.json, text: JSON.stringify(r.json) }
        },
        true,
      ),
      ...bodyCasesFor(
        'POST /api/study/heartbeat',
        template,
        async (b) =>
          read(
            await REST_POST(
              new Request('http://localhost/api/study/heartbeat', { method: 'POST', headers: headers(b.contentType), body: b.text }),
              { params: Promise.resolve({ slug: ['study', 'heartbeat'] }) },
            ),
          ),
        true,
      ),
      ...BAD_IDS.map((id) => ({
        name: `heartbeat() id ${id}`,
        chinese: true,
        send: async () => {
          const r = await callFast(
            heartbeat,
            payload,
            headers(),
            JSON.stringify({ ...template, id: Number.isNaN(Number(id)) ? id : Number(id) }),
          )
          return { status: r.status, json: r.json, text: JSON.stringify(r.json) }
        },
      })),
      {
        name: 'heartbeat() anonymous',
        chinese: true,
        send: async () => {
          const r = await callFast(heartbeat, payload, new Headers({ 'Content-Type': 'application/json' }), JSON.stringify(template))
          return { status: r.status, json: r.json, text: JSON.stringify(r.json) }
        },
      },
    ]
    expect(await runAll(cases)).toEqual([])
  })

  it('review answers bad bodies, ids and content types with a clear Chinese 4xx', async () => {
    const template = { action: 'submit', reason: '请审核', sensitiveOverride: false }
    const cases: Case[] = [
      ...bodyCasesFor(
        'POST news/:id/review',
        template,
        (b) => rest('POST', `news/${fixtures.newsId}/review`, { token: tokens.editor, body: b.text, contentType: b.contentType }),
        true,
      ),
      ...BAD_IDS.map((id) => ({
        name: `POST news/${id}/review`,
        chinese: true,
        send: () => rest('POST', `news/${encodeURIComponent(id)}/review`, { token: tokens.editor, body: JSON.stringify(template) }),
      })),
      ...BAD_IDS.slice(0, 4).map((id) => ({
        name: `POST courses/${id}/review (curator)`,
        chinese: true,
        send: () => rest('POST', `courses/${encodeURIComponent(id)}/review`, { token: tokens.curator, body: JSON.stringify(template) }),
      })),
      {
        name: 'review anonymous',
        chinese: true,
        send: () => rest('POST', `news/${fixtures.newsId}/review`, { body: JSON.stringify(template) }),
      },
      {
        name: 'review of a draft by a reviewer (approve)',
        chinese: true,
        send: () =>
          rest('POST', `news/${fixtures.newsId}/review`, {
            token: tokens.reviewer1,
            body: JSON.stringify({ action: 'approve', reason: MB }),
          }),
      },
    ]
    expect(await runAll(cases)).toEqual([])
  })

  it('quiz start / submit / leaderboard answer bad input with a clear Chinese 4xx', async () => {
    const idValues = BAD_IDS.map((id) => (Number.isNaN(Number(id)) ? id : Number(id)))
    const cases: Case[] = [
      ...bodyCasesFor(
        'POST quiz-attempts/start',
        { quizId: fixtures.quizId },
        (b) => rest('POST', 'quiz-attempts/start', { token: tokens.member, body: b.text, contentType: b.contentType }),
        true,
      ),
      ...idValues.map((quizId) => ({
        name: `start quizId ${JSON.stringify(quizId)}`,
        chinese: true,
        send: () => rest('POST', 'quiz-attempts/start', { token: tokens.member, body: JSON.stringify({ quizId }) }),
      })),
      ...[true, [fixtures.quizId], String(fixtures.quizId) + 'x', { id: fixtures.quizId }, fixtures.quizId + 0.5].map((quizId) => ({
        name: `start quizId ${JSON.stringify(quizId)}`,
        chinese: true,
        send: () => rest('POST', 'quiz-attempts/start', { token: tokens.member, body: JSON.stringify({ quizId }) }),
      })),
      ...bodyCasesFor(
        'POST quiz-attempts/:id/submit',
        { answers: { '1': ['A'] } },
        (b) =>
          rest('POST', `quiz-attempts/${fixtures.attemptId}/submit`, { token: tokens.member, body: b.text, contentType: b.contentType }),
        true,
      ),
      ...[
        { '1': 'A' },
        { '1': [1] },
        { '1': [MB] },
        { '1': { a: 1 } },
        Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [String(i), ['A']])),
        { '-1': ['A'] },
        { abc: ['A'] },
      ].map((answers, i) => ({
        name: `submit answers #${i}`,
        chinese: true,
        send: () => rest('POST', `quiz-attempts/${fixtures.attemptId}/submit`, { token: tokens.member, body: JSON.stringify({ answers }) }),
      })),
      ...BAD_IDS.map((id) => ({
        name: `submit attempt ${id}`,
        chinese: true,
        send: () =>
          rest('POST', `quiz-attempts/${encodeURIComponent(id)}/submit`, { token: tokens.member, body: JSON.stringify({ answers: {} }) }),
      })),
      ...[...BAD_IDS, '', String(fixtures.quizId)].map((id) => ({
        // The topic test is not a competition: a leaderboard for it is a 400 too.
        name: `leaderboard quiz=${id}`,
        chinese: true,
        send: () => rest('GET', `quiz-attempts/leaderboard?quiz=${encodeURIComponent(id)}`, { token: tokens.member }),
      })),
      {
        name: 'leaderboard quiz=MB',
        chinese: true,
        send: () => rest('GET', `quiz-attempts/leaderboard?quiz=${MB.slice(0, 100_000)}`, { token: tokens.member }),
      },
      {
        name: 'start anonymous',
        chinese: true,
        send: () => rest('POST', 'quiz-attempts/start', { body: JSON.stringify({ quizId: fixtures.quizId }) }),
      },
    ]
    expect(await runAll(cases)).toEqual([])
  })

  it('search and recommendations (Payload endpoint and fast path) answer bad queries with a clear Chinese 4xx', async () => {
    const queries = [
      '',
      'q=',
      'q=%20%20',
      `q=${'党'.repeat(101)}`,
      `q=${MB.slice(0, 200_000)}`,
      'q=党建&collection=users',
      'q=党建&collection=%00',
      'q=党建&collection[]=news',
      'q=党建&theme=abc',
      'q=党建&theme=1.5',
      'q=党建&theme=99999999999999999999',
      'q=党建&theme=-1',
      'q=党建&page=abc',
      'q=党建&page=-3',
      'q=党建&page=1.5',
      'q=党建&page=99999999999',
      `q=${encodeURIComponent("' OR 1=1 --")}&page=0`,
    ]
    const recs = ['limit=abc', 'limit=-5', 'limit=1.5', 'limit=99999999999999999999', `limit=${MB.slice(0, 10_000)}`]
    const fast = async (token: string | undefined, path: string, query: string) => {
      const headers = new Headers(token ? { Authorization: `JWT ${token}` } : {})
      const url = `http://app/api/${path}?${query}`
      const r = await callFast(path === 'search' ? searchRoute : recommendationsRoute, payload, headers, '', url)
      return { status: r.status, json: r.json, text: JSON.stringify(r.json) }
    }
    const cases: Case[] = [
      ...queries.flatMap((q) => [
        { name: `GET /api/search?${q.slice(0, 40)} (anonymous)`, chinese: true, send: () => rest('GET', `search?${q}`) },
        { name: `fast search ?${q.slice(0, 40)} (member)`, chinese: true, send: () => fast(tokens.member, 'search', q) },
      ]),
      ...recs.flatMap((q) => [
        {
          name: `GET /api/recommendations?${q.slice(0, 40)}`,
          chinese: true,
          send: () => rest('GET', `recommendations?${q}`, { token: tokens.member }),
        },
        { name: `fast recommendations ?${q.slice(0, 40)}`, chinese: true, send: () => fast(tokens.member, 'recommendations', q) },
      ]),
      { name: 'fast recommendations anonymous', chinese: true, send: () => fast(undefined, 'recommendations', 'limit=5') },
      {
        name: 'fast search with a garbage token',
        chinese: true,
        send: () => fast(`x.${'A'.repeat(40)}.${Math.floor(rand() * 1e9)}`, 'search', 'q='),
      },
    ]
    expect(await runAll(cases)).toEqual([])
  })

  it('cockpit, its lists, export and the learning archive answer bad parameters with a clear Chinese 4xx', async () => {
    const params = [
      'org=abc',
      'org=-1',
      'org=0',
      'org=1.5',
      'org=99999999999999999999',
      'org=987654321',
      `org=${encodeURIComponent("1' OR '1'='1")}`,
      'year=1999',
      'year=abc',
      'year=20260',
      'band=nonsense',
      'band[]=a',
      'org[]=1',
    ]
    const cases: Case[] = [
      ...['cockpit', 'cockpit/members', 'cockpit/export'].flatMap((path) =>
        params.map((p) => ({
          name: `GET ${path}?${p}`,
          chinese: true,
          send: () => rest('GET', `${path}?${p}`, { token: tokens.committee }),
        })),
      ),
      ...['table=nonsense', `table=${MB.slice(0, 50_000)}`, 'table[]=members'].map((p) => ({
        name: `GET cockpit/export?${p.slice(0, 30)}`,
        chinese: true,
        send: () => rest('GET', `cockpit/export?${p}`, { token: tokens.committee }),
      })),
      ...['cockpit', 'cockpit/members', 'cockpit/export'].map((path) => ({
        name: `GET ${path} as a member`,
        chinese: true,
        send: () => rest('GET', path, { token: tokens.member }),
      })),
      ...BAD_IDS.map((id) => ({
        name: `GET archive/${id}`,
        chinese: true,
        send: () => rest('GET', `archive/${encodeURIComponent(id)}`, { token: tokens.committee }),
      })),
      { name: 'GET archive/me anonymous', chinese: true, send: () => rest('GET', 'archive/me') },
      {
        name: 'GET archive/<sysadmin> as a member',
        chinese: true,
        send: async () => rest('GET', `archive/${(await demoUser('sysadmin@demo.edu.cn')).id}`, { token: tokens.member }),
      },
    ]
    expect(await runAll(cases)).toEqual([])
  })

  it('the recommendation click link (/r) answers bad parameters with a clear 4xx', async () => {
    const cases: Case[] = [
      '',
      'c=users&id=1',
      'c=news&id=abc',
      'c=news&id=-1',
      'c=news&id=1.5',
      'c=news',
      `c=${MB.slice(0, 10_000)}&id=1`,
      'c[]=news&id=1',
    ].map((q) => ({
      name: `GET /r?${q.slice(0, 30)}`,
      chinese: true,
      send: async () => read(await clickRoute(new Request(`http://localhost/r?${q}`))),
    }))
    expect(await runAll(cases)).toEqual([])
  })

  it('a custom endpoint called with the wrong method or an unknown path is a 404, not a crash', async () => {
    const cases: Case[] = [
      { name: 'GET quiz-attempts/start', chinese: false, send: () => rest('GET', 'quiz-attempts/start', { token: tokens.member }) },
      {
        name: 'DELETE news/1/review',
        chinese: false,
        send: () => rest('DELETE', `news/${fixtures.newsId}/review`, { token: tokens.editor }),
      },
      { name: 'POST search', chinese: false, send: () => rest('POST', 'search', { body: '{}' }) },
      { name: 'GET nothing-here', chinese: false, send: () => rest('GET', `nothing-${garbageText(5)}`) },
    ]
    expect(await runAll(cases)).toEqual([])
  })
})

describe('bad input to the privacy, audit-export and two-factor endpoints', () => {
  it('deletion requests (ask, approve, reject) answer bad bodies and ids with a clear Chinese 4xx', async () => {
    const at = (id: number | string) => encodeURIComponent(String(id))
    const cases: Case[] = [
      ...bodyCasesFor(
        'POST deletion-requests/request',
        { reason: '毕业离校' },
        (b) => rest('POST', 'deletion-requests/request', { token: tokens.asker, body: b.text, contentType: b.contentType }),
        true,
      ).filter(
        // Asking without a reason is allowed: only the other cases are bad input.
        (c) => !/empty body/.test(c.name),
      ),
      ...bodyCasesFor(
        'POST deletion-requests/:id/approve',
        { note: '已核实' },
        (b) =>
          rest('POST', `deletion-requests/${fixtures.deletionRequestId}/approve`, {
            token: tokens.sysAdmin,
            body: b.text,
            contentType: b.contentType,
          }),
        true,
      ).filter((c) => !/empty body/.test(c.name)),
      ...bodyCasesFor(
        'POST deletion-requests/:id/reject',
        { note: '仍在籍' },
        (b) =>
          rest('POST', `deletion-requests/${fixtures.deletionRequestId}/reject`, {
            token: tokens.sysAdmin,
            body: b.text,
            contentType: b.contentType,
          }),
        true,
      ),
      ...BAD_IDS.flatMap((id) => [
        {
          name: `approve deletion request ${id}`,
          chinese: true,
          send: () => rest('POST', `deletion-requests/${at(id)}/approve`, { token: tokens.sysAdmin, body: '{}' }),
        },
        {
          name: `reject deletion request ${id}`,
          chinese: true,
          send: () =>
            rest('POST', `deletion-requests/${at(id)}/reject`, { token: tokens.sysAdmin, body: JSON.stringify({ note: '理由' }) }),
        },
      ]),
    ]
    expect(await runAll(cases)).toEqual([])
  })

  it('the audit export and the personal-data download answer bad parameters with a clear Chinese 4xx', async () => {
    const queries = [
      'action=nonsense',
      'result=maybe',
      'from=1',
      'from=abc',
      'to=2026-13-45',
      'from=99999-01-01',
      `q=${'x'.repeat(200)}`,
      'action[]=login',
      'limit=abc',
      'from=2026-01-01&from=2026-02-01',
    ]
    const cases: Case[] = [
      ...queries.map((q) => ({
        name: `GET audit-logs/export?${q.slice(0, 40)}`,
        chinese: true,
        send: () => rest('GET', `audit-logs/export?${q}`, { token: tokens.auditor }),
      })),
      {
        name: 'GET personal-data?format=zip',
        chinese: true,
        send: () => rest('GET', 'personal-data?format=zip', { token: tokens.member }),
      },
      { name: 'GET personal-data anonymous', chinese: true, send: () => rest('GET', 'personal-data') },
    ]
    expect(await runAll(cases)).toEqual([])
  })

  it('two-factor enrolment answers bad bodies with a clear Chinese 4xx', async () => {
    const cases = [
      ...bodyCasesFor(
        'POST users/totp/enable',
        { code: '000000' },
        (b) => rest('POST', 'users/totp/enable', { token: tokens.editor, body: b.text, contentType: b.contentType }),
        true,
      ),
      ...bodyCasesFor(
        'POST users/totp/disable',
        { code: '000000' },
        (b) => rest('POST', 'users/totp/disable', { token: tokens.twoFactor, body: b.text, contentType: b.contentType }),
        true,
      ),
    ]
    expect(await runAll(cases)).toEqual([])
  })
})

/** One collection's REST routes with a role allowed to write it, and a body that would be valid. */
type Target = { slug: string; token: () => string | undefined; template: () => Record<string, unknown>; updateId?: () => number | null }

const TARGETS: Target[] = [
  {
    slug: 'news',
    token: () => tokens.editor,
    template: () => ({ title: '测试新闻', column: 'grassroots', body: lexicalBody('正文'), summary: '摘要', themes: [fixtures.themeId] }),
    updateId: () => fixtures.newsId,
  },
  {
    slug: 'questions',
    token: () => tokens.curator,
    template: () => ({
      type: 'single',
      difficulty: 'easy',
      stem: '题干',
      options: [
        { text: '甲', isCorrect: true },
        { text: '乙', isCorrect: false },
      ],
      themes: [fixtures.themeId],
    }),
  },
  {
    slug: 'themes',
    token: () => tokens.editor,
    template: () => ({ name: unique('专题'), slug: unique('theme'), description: '简介', sortOrder: 5 }),
  },
  {
    slug: 'organizations',
    token: () => tokens.sysAdmin,
    template: () => ({
      name: '测试支部',
      type: 'branch',
      parent: fixtures.collegeId,
      termStart: '2025-01-01',
      termEnd: '2027-12-31',
      hasCommittee: true,
    }),
  },
  {
    slug: 'users',
    token: () => tokens.sysAdmin,
    template: () => ({
      email: `${unique('fuzz')}@test.edu.cn`,
      password: 'Vq7#Lm2$Xr9',
      name: '测试',
      roles: ['member'],
      politicalStage: 'masses',
      phone: '13812345678',
    }),
  },
  { slug: 'sensitive-words', token: () => tokens.security, template: () => ({ word: unique('词'), category: 'political', note: '备注' }) },
]

describe('bad input to Payload REST routes', () => {
  it.each(TARGETS.map((t) => [t.slug, t] as const))(
    'POST /api/%s (create) answers every bad body with a clear 4xx',
    async (_slug, target) => {
      const cases = bodyCasesFor(
        `POST ${target.slug}`,
        target.template(),
        (b) => rest('POST', `${target.slug}?depth=0`, { token: target.token(), body: b.text, contentType: b.contentType }),
        false,
      )
      expect(await runAll(cases)).toEqual([])
    },
  )

  it('PATCH on an existing document answers wrong types, huge strings and deep nesting with a clear 4xx', async () => {
    const cases = bodyCasesFor(
      'PATCH news/:id',
      NEWS_PATCH,
      (b) =>
        rest('PATCH', `news/${fixtures.newsId}?depth=0&draft=true`, { token: tokens.editor, body: b.text, contentType: b.contentType }),
      false,
    ).filter(
      // A PATCH naming no known field changes nothing: those cases are covered on create.
      (c) => !/unknown field|pollution/.test(c.name),
    )
    cases.push(
      ...bodyCasesFor(
        'PATCH users/me',
        SELF_PATCH,
        (b) => rest('PATCH', `users/${fixtures.memberId}?depth=0`, { token: tokens.member, body: b.text, contentType: b.contentType }),
        false,
      ).filter((c) => !/unknown field|pollution/.test(c.name)),
    )
    expect(await runAll(cases)).toEqual([])
  })

  it('invalid ids on find-by-id, update and delete are a 4xx', async () => {
    const cases: Case[] = TARGETS.flatMap((t) =>
      BAD_IDS.flatMap((id) => [
        {
          name: `GET ${t.slug}/${id}`,
          chinese: false,
          send: () => rest('GET', `${t.slug}/${encodeURIComponent(id)}`, { token: t.token() }),
        },
        {
          name: `PATCH ${t.slug}/${id}`,
          chinese: false,
          send: () => rest('PATCH', `${t.slug}/${encodeURIComponent(id)}`, { token: t.token(), body: JSON.stringify(t.template()) }),
        },
        {
          name: `DELETE ${t.slug}/${id}`,
          chinese: false,
          send: () => rest('DELETE', `${t.slug}/${encodeURIComponent(id)}`, { token: t.token() }),
        },
      ]),
    )
    for (const slug of [
      'study-progress',
      'quiz-attempts',
      'audit-logs',
      'notifications',
      'micro-lessons',
      'courses',
      'quizzes',
      'red-resources',
    ]) {
      for (const id of pickN(BAD_IDS, 5))
        cases.push({
          name: `GET ${slug}/${id} (member)`,
          chinese: false,
          send: () => rest('GET', `${slug}/${encodeURIComponent(id)}`, { token: tokens.member }),
        })
    }
    expect(await runAll(cases)).toEqual([])
  })

  it('bad queries on find are a 4xx', async () => {
    const queries = [
      'where[id][equals]=abc',
      'where[id][in]=1,abc',
      'where[id][equals]=99999999999999999999',
      'where[nonexistent][equals]=1',
      'where[title][nonsense]=1',
      'where[or][0][and][0][or][0][and][0][title][equals]=x&where[or][0][and][0][or][0][and][0][password][exists]=true',
      'where[themes][in]=abc',
      'limit=abc',
      'limit=-1',
      'limit=1.5',
      'page=abc',
      'page=-1',
      'page=0',
      'page=99999999999999999999',
      'depth=abc',
      'depth=-1',
      'depth=1000',
      'sort=nonexistent',
      `sort=${encodeURIComponent('title; DROP TABLE users')}`,
      'where=abc',
      'limit=5&limit=6',
    ]
    const cases: Case[] = ['news', 'users', 'organizations'].flatMap((slug) =>
      queries.map((q) => ({
        name: `GET ${slug}?${q.slice(0, 60)}`,
        chinese: false,
        send: () => rest('GET', `${slug}?${q}`, { token: slug === 'news' ? tokens.editor : tokens.sysAdmin }),
      })),
    )
    expect(await runAll(cases)).toEqual([])
  })

  it('well-formed filters that match nothing answer an empty list, never a 500', async () => {
    // Not garbage: a filter by a value no record has is a question with the answer "none".
    for (const q of [
      'where[title][equals]=abc',
      'where[createdAt][greater_than]=not-a-date',
      `where[title][equals]=${'党'.repeat(20_000)}`,
    ]) {
      const res = await rest('GET', `news?${q}`, { token: tokens.editor })
      expect([q.slice(0, 40), res.status, (res.json as { totalDocs?: number }).totalDocs]).toEqual([q.slice(0, 40), 200, 0])
    }
  })

  it('bulk update and delete with garbage where are a 4xx and touch nothing', async () => {
    const cases: Case[] = [
      {
        name: 'PATCH news?where=abc',
        chinese: false,
        send: () => rest('PATCH', 'news?where=abc', { token: tokens.editor, body: JSON.stringify({ title: 123 }) }),
      },
      {
        name: 'PATCH news?where[id][equals]=abc',
        chinese: false,
        send: () => rest('PATCH', 'news?where[id][equals]=abc', { token: tokens.editor, body: JSON.stringify({ title: 'x' }) }),
      },
      {
        name: 'DELETE news?where[nonexistent][equals]=1',
        chinese: false,
        send: () => rest('DELETE', 'news?where[nonexistent][equals]=1', { token: tokens.editor }),
      },
      // Payload reads this body outside its error handling: a 500 without the guard.
      {
        name: 'POST news with X-HTTP-Method-Override: GET and broken JSON',
        chinese: false,
        send: () => rest('POST', 'news', { token: tokens.editor, body: '{"where":', headers: { 'X-HTTP-Method-Override': 'GET' } }),
      },
      {
        name: 'POST news with X-HTTP-Method-Override: GET and an array',
        chinese: false,
        send: () => rest('POST', 'news', { token: tokens.editor, body: '[1]', headers: { 'X-HTTP-Method-Override': 'GET' } }),
      },
      { name: 'DELETE users (no where)', chinese: false, send: () => rest('DELETE', 'users', { token: tokens.sysAdmin }) },
      {
        name: 'DELETE users?where[id][equals]=99999999999999999999',
        chinese: false,
        send: () => rest('DELETE', 'users?where[id][equals]=99999999999999999999', { token: tokens.sysAdmin }),
      },
    ]
    expect(await runAll(cases)).toEqual([])
  })

  it('globals answer bad bodies with a clear 4xx', async () => {
    const cases = bodyCasesFor(
      'POST globals/platform-settings',
      SETTINGS,
      (b) => rest('POST', 'globals/platform-settings', { token: tokens.sysAdmin, body: b.text, contentType: b.contentType }),
      false,
    ).filter((c) => !/unknown field|pollution/.test(c.name))
    expect(await runAll(cases)).toEqual([])
  })
})

describe('bad input to authentication routes and GraphQL', () => {
  // Addresses that belong to nobody: a wrong password must not lock a demo account.
  const nobody = () => `${unique('nobody')}@test.edu.cn`

  it('login, forgot-password and reset-password answer bad bodies with a clear 4xx', async () => {
    const cases: Case[] = [
      ...bodyCasesFor(
        'POST users/login',
        { email: nobody(), password: 'Wrong@12345' },
        (b) => rest('POST', 'users/login', { body: b.text, contentType: b.contentType }),
        false,
      ),
      ...bodyCasesFor(
        'POST users/forgot-password',
        { email: 'not-an-address' },
        (b) => rest('POST', 'users/forgot-password', { body: b.text, contentType: b.contentType }),
        false,
      ),
      ...bodyCasesFor(
        'POST users/reset-password',
        { token: garbageText(20), password: 'New@123456' },
        (b) => rest('POST', 'users/reset-password', { body: b.text, contentType: b.contentType }),
        false,
      ),
    ]
    expect(await runAll(cases)).toEqual([])
  })

  it('GraphQL answers malformed requests and invalid mutations with a clear 4xx', async () => {
    const gql =
      (text: string, contentType: string | null = 'application/json', token?: string) =>
      async () => {
        const headers: Record<string, string> = {}
        if (contentType) headers['Content-Type'] = contentType
        if (token) headers.Authorization = `JWT ${token}`
        return read(await GRAPHQL_POST(new Request('http://localhost/api/graphql', { method: 'POST', headers, body: text })))
      }
    const bodies = badBodies({ query: '{ Themes { docs { id } } }' }).filter((b) => !/content type/.test(b.name))
    const cases: Case[] = [
      ...bodies.map((b) => ({ name: `graphql ${b.name}`, chinese: false, send: gql(b.text, b.contentType) })),
      { name: 'graphql syntax error', chinese: false, send: gql(JSON.stringify({ query: '{ Themes { docs { id } ' })) },
      { name: 'graphql unknown field', chinese: false, send: gql(JSON.stringify({ query: '{ Themes { docs { nonexistent } } }' })) },
      {
        name: 'graphql 10,000-deep selection',
        chinese: false,
        send: gql(JSON.stringify({ query: `{${' a {'.repeat(10_000)} b ${'}'.repeat(10_001)}` })),
      },
      { name: 'graphql 1 MB query', chinese: false, send: gql(JSON.stringify({ query: `{ Themes { docs { id } } } #${MB}` })) },
      {
        name: 'graphql create with wrong types',
        chinese: false,
        send: gql(
          JSON.stringify({ query: 'mutation { createTheme(data: { name: 123, slug: true }) { id } }' }),
          'application/json',
          tokens.editor,
        ),
      },
      {
        name: 'graphql create missing required',
        chinese: false,
        send: gql(JSON.stringify({ query: 'mutation { createNews(data: { title: "x" }) { id } }' }), 'application/json', tokens.editor),
      },
      {
        name: 'graphql update invalid id',
        chinese: false,
        send: gql(
          JSON.stringify({ query: 'mutation { updateTheme(id: 987654321, data: { name: "x" }) { id } }' }),
          'application/json',
          tokens.editor,
        ),
      },
      {
        name: 'graphql delete invalid id',
        chinese: false,
        send: gql(JSON.stringify({ query: 'mutation { deleteTheme(id: -1) { id } }' }), 'application/json', tokens.sysAdmin),
      },
      {
        name: 'graphql variables of the wrong type',
        chinese: false,
        send: gql(JSON.stringify({ query: 'query($id: Int!) { Theme(id: $id) { id } }', variables: { id: 'abc' } })),
      },
      {
        name: 'graphql login wrong types',
        chinese: false,
        send: gql(JSON.stringify({ query: 'mutation { loginUser(email: 1, password: 2) { token } }' })),
      },
    ]
    expect(await runAll(cases)).toEqual([])
  })
})

describe('after all of it', () => {
  it('no table gained or lost a row, and no row was updated; the audit trail only recorded refusals', async () => {
    const after = await snapshot()
    const changed = Object.keys({ ...before, ...after })
      .filter((t) => before[t] !== after[t])
      .map((t) => `${t}: ${before[t]} → ${after[t]}`)
    expect(changed).toEqual([])
    // Nothing queued: no job newer than the snapshot (older ones may finish meanwhile, and a finished
    // job is deleted, so the newest id can even go down).
    const { rows: newJobs } = await poolOf(payload).query('SELECT id, task_slug FROM payload_jobs WHERE id > $1', [jobsBefore])
    expect(newJobs).toEqual([])
    const { rows } = await poolOf(payload).query<{ action: string; n: number }>(
      'SELECT action, count(*)::int AS n FROM audit_logs WHERE id > $1 GROUP BY action ORDER BY action',
      [auditBefore],
    )
    expect(rows.filter((r) => !AUDITED_REFUSALS.has(r.action))).toEqual([])
  })
})
