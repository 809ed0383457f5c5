import { REST_GET } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import type { CockpitData } from '../../../src/cockpit/data'
import { themeCompletions, topItemRows } from '../../../src/cockpit/queries'
import { CADRE_ROLES } from '../../../src/ledger/targets'
import { scopeOf, type Scope } from '../../../src/cockpit/scope'
import { poolOf } from '../../../src/db/pool'
import { yearOf } from '../../../src/study/pace'
import { demoUser, releasePayload, testPayload, type TestUser, tokenFor, unique } from '../../helpers/payload'
import { after, freshMember, publishedLesson, readArticle, T0 } from '../../helpers/study'

/**
 * The cockpit keeps each part of its answer (src/cockpit/cache.ts SECTIONS) until a notice about
 * what that part reads: after a change, GET /api/cockpit reads again only what the change touched
 * (Server-Timing names a kept part `<name>-kept`), and what it answers equals reading everything
 * afresh. The completions per item are kept and patched one item at a time (`items-patched`); the top
 * items and themes worked out from them equal the queries that sum study_item_org_year afresh. The
 * branch is the test's own, so nothing else moves its figures.
 */
let payload: Payload
let token: string
let branch: { id: number; name: string }
let members: TestUser[]
let lesson: { id: number }
let scopes: { branch: Scope; university: Scope }
const YEAR = yearOf(T0)
const SECTIONS = ['settings', 'studyMonths', 'quizMonths', 'itemTitles', 'itemThemes', 'hardest', 'branches']
const attempts: number[] = []

beforeAll(async () => {
  payload = await testPayload()
  token = await tokenFor('committee@demo.edu.cn')
  const committee = await demoUser('committee@demo.edu.cn')
  const college = (await payload.find({ collection: 'organizations', where: { type: { equals: 'collegeCommittee' } }, limit: 1, depth: 0 }))
    .docs[0]
  const made = await payload.create({
    collection: 'organizations',
    data: { name: unique('驾驶舱分块测试支部'), type: 'branch', parent: college.id },
  })
  branch = { id: made.id as number, name: made.name }
  members = [await freshMember(payload, { organization: branch.id }), await freshMember(payload, { organization: branch.id })]
  const theme = (await payload.find({ collection: 'themes', limit: 1, depth: 0 })).docs[0]
  lesson = await publishedLesson(payload, { readingMinutes: 45, themes: [theme.id] })
  scopes = { branch: await scopeOf({ user: committee, payload }, branch.id), university: await scopeOf({ user: committee, payload }) }
})
afterAll(async () => {
  if (attempts.length) await poolOf(payload).query(`DELETE FROM quiz_attempts WHERE id = ANY($1::int[])`, [attempts])
  await releasePayload(payload)
})

type Answer = CockpitData & { content: unknown }
const get = async (query: string) => {
  const url = new URL(`http://localhost/api/cockpit?year=${YEAR}${query}`)
  const res = await REST_GET(config)(new Request(url, { headers: { Authorization: `JWT ${token}` } }), {
    params: Promise.resolve({ slug: ['cockpit'] }),
  })
  expect(res.status).toBe(200)
  const steps = [...(res.headers.get('Server-Timing') ?? '').matchAll(/([\w-]+);dur=/g)].map((m) => m[1])
  return { steps, body: (await res.json()) as Answer }
}
const pool = () => poolOf(payload)
/**
 * The answer put together again (a notice naming no one's member row drops the whole answer, and
 * no section, so that the sections show what they would after a change).
 */
const reassembled = async (query = `&org=${branch.id}`) => {
  await pool().query(`NOTIFY cockpit_members, 'member:0'`)
  return get(query)
}
/** Waits until every section is kept (work earlier steps set off may still commit and notify). */
const quiet = async (query = `&org=${branch.id}`, sections = SECTIONS) => {
  await expect
    .poll(async () => (await reassembled(query)).steps, { timeout: 15_000, interval: 200 })
    .toEqual(expect.arrayContaining([...sections.map((s) => `${s}-kept`), 'items-cached']))
}
/** Everything read again: every section and every member row dropped by notices they cannot place. */
const afresh = async (query = `&org=${branch.id}`) => {
  await pool().query(`NOTIFY cockpit_figures, 'test'; NOTIFY cockpit_members, 'test'`)
  const fresh = await get(query)
  expect(fresh.steps).toEqual(expect.arrayContaining([...SECTIONS, 'members', 'items']))
  expect(fresh.steps.filter((s) => s.endsWith('-kept') || s === 'kept')).toEqual([])
  return fresh.body
}
/** The top items and themes as the queries that sum study_item_org_year over the scope give them, read now. */
const summedAfresh = async (scope: Scope) => {
  const pace = { expected: 0, target: 0, cadreExpected: 0, cadreTarget: 0 }
  const [top, themes] = await Promise.all([topItemRows(pool(), scope, YEAR, pace), themeCompletions(pool(), scope, YEAR, pace)])
  return {
    topItems: top.map((r) => ({ collection: r.item_collection, id: r.item_id, title: r.title, completions: r.completions })),
    themes: themes.map((r) => ({ id: r.id, name: r.name, completions: r.completions })),
  }
}
const learningOf = (body: Answer) => ({ topItems: body.learning.topItems, themes: body.learning.themes })
const expectItemsPatched = (steps: string[]) => {
  expect(steps).toContain('items-patched')
  expect(steps).not.toContain('items')
}
const expectKept = (steps: string[], kept: string[], read: string[]) => {
  expect(steps).toEqual(expect.arrayContaining([...kept.map((s) => `${s}-kept`), ...read]))
  for (const s of read) expect(steps).not.toContain(`${s}-kept`)
}

describe('the cockpit sections', () => {
  it('after a completion read again the month chart, the top items and the themes, and equal reading everything', async () => {
    await quiet()
    const before = (await get(`&org=${branch.id}`)).body
    const done = await readArticle(payload, members[0], lesson, after(10 * 86_400 + 2700), 2700)
    expect(done).toMatchObject({ completed: true })
    const { steps, body } = await get(`&org=${branch.id}`)
    expectKept(steps, ['settings', 'quizMonths', 'itemThemes', 'hardest', 'branches'], ['studyMonths'])
    expect(steps).toContain('members-patched')
    expectItemsPatched(steps)
    expect(learningOf(body)).toEqual(await summedAfresh(scopes.branch))
    expect(body.study.completions).toBe(before.study.completions + 1)
    expect(body.learning.topItems.find((i) => i.id === lesson.id)?.completions).toBe(1)
    expect(body.learning.themes.reduce((a, t) => a + t.completions, 0)).toBe(
      before.learning.themes.reduce((a, t) => a + t.completions, 0) + 1,
    )
    expect(body).toEqual(await afresh())
  })

  it('after a quiz result read again the quiz sections only', async () => {
    const question = (await pool().query(`SELECT id FROM questions ORDER BY id LIMIT 1`)).rows[0].id as number
    const quiz = (await pool().query(`SELECT id FROM quizzes ORDER BY id LIMIT 1`)).rows[0].id as number
    await quiet()
    const before = (await get(`&org=${branch.id}`)).body
    // Three answers to one question, two wrong (written straight to the table; its rollup triggers notify).
    const inserted = await pool().query(
      `INSERT INTO quiz_attempts (member_id, organization_id, quiz_id, mode, day, status, started_at, submitted_at, score, correct_count, total, passed, paper, results, updated_at, created_at)
       SELECT $1, $2, $3, 'topic', to_char($4::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), 'submitted', $4, $4, s, 0, 1, s >= 60, '[]'::jsonb,
              jsonb_build_array(jsonb_build_object('questionId', $5::int, 'correct', s >= 60)), now(), now()
         FROM unnest(ARRAY[40, 50, 100]) s RETURNING id`,
      [members[1].id, branch.id, quiz, after(11 * 86_400), question],
    )
    attempts.push(...inserted.rows.map((r) => r.id as number))
    const { steps, body } = await get(`&org=${branch.id}`)
    expectKept(steps, ['settings', 'studyMonths', 'itemTitles', 'itemThemes', 'branches'], ['quizMonths', 'hardest'])
    expect(steps).toContain('items-cached')
    expect(steps).toContain('members-patched')
    expect(body.quizzes.attempts).toBe(before.quizzes.attempts + 3)
    expect(body.quizzes.hardest.find((q) => q.id === question)).toMatchObject({ answers: 3, wrong: 2 })
    expect(body).toEqual(await afresh())
  })

  it('after an organisation is renamed read again the branches, and show the new name', async () => {
    await quiet()
    await pool().query(`UPDATE organizations SET name = name || '（改）' WHERE id = $1`, [branch.id])
    const { steps, body } = await get(`&org=${branch.id}`)
    expectKept(steps, ['settings', 'studyMonths', 'quizMonths', 'itemTitles', 'itemThemes', 'hardest'], ['branches'])
    expect(steps).toContain('members-cached')
    expect(body.branches.rows.map((b) => b.name)).toEqual([`${branch.name}（改）`])
    expect(body).toEqual(await afresh())
  })

  it('keep the content work of the whole university through a completion', async () => {
    const sections = [...SECTIONS, 'content']
    await quiet('', sections)
    await readArticle(payload, members[1], lesson, after(12 * 86_400 + 2700), 2700)
    const { steps, body } = await get('')
    expectKept(steps, ['content', 'quizMonths', 'itemThemes', 'hardest', 'branches'], ['studyMonths'])
    expectItemsPatched(steps)
    // The whole university: many items and themes, ties among them ordered as the queries order them.
    expect(learningOf(body)).toEqual(await summedAfresh(scopes.university))
    expect(body).toEqual(await afresh(''))
  })

  it('read the item sums whole again after a rebuild of the item rollup (TRUNCATE), and equal the queries', async () => {
    await quiet()
    const client = await pool().connect()
    try {
      // What the nightly rebuild does to the table (src/cockpit/queries.ts rebuildRollupsSql), with the same rows after.
      await client.query('BEGIN')
      await client.query(`CREATE TEMP TABLE item_rows ON COMMIT DROP AS SELECT * FROM study_item_org_year`)
      await client.query(`TRUNCATE study_item_org_year`)
      await client.query(`INSERT INTO study_item_org_year SELECT * FROM item_rows`)
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK')
      throw error
    } finally {
      client.release()
    }
    const { steps, body } = await get(`&org=${branch.id}`)
    expect(steps).toContain('items')
    expect(steps).not.toContain('items-patched')
    expect(learningOf(body)).toEqual(await summedAfresh(scopes.branch))
  })

  it("read the themes again after an item's themes change, and count the item's completions for its new theme", async () => {
    await quiet()
    const before = (await get(`&org=${branch.id}`)).body
    const completions = before.learning.topItems.find((i) => i.id === lesson.id)?.completions
    expect(completions).toBeGreaterThan(0)
    const other = (
      await pool().query(
        `SELECT id, name FROM themes WHERE id NOT IN (SELECT themes_id FROM micro_lessons_rels WHERE parent_id = $1 AND themes_id IS NOT NULL) ORDER BY id LIMIT 1`,
        [lesson.id],
      )
    ).rows[0] as { id: number; name: string }
    await pool().query(`INSERT INTO micro_lessons_rels ("order", parent_id, path, themes_id) VALUES (99, $1, 'themes', $2)`, [
      lesson.id,
      other.id,
    ])
    const { steps, body } = await get(`&org=${branch.id}`)
    // The item's tables send a content notice too (the member site keeps what audiences read), so
    // the top items' titles are read again with their themes.
    expectKept(steps, ['hardest', 'branches'], ['itemThemes', 'itemTitles'])
    expect(steps).toContain('items-cached')
    expect(body.learning.themes).toContainEqual({ id: other.id, name: other.name, completions })
    expect(learningOf(body)).toEqual(await summedAfresh(scopes.branch))
  })

  it('after a change of who counts patch only that person’s row: moved out and back, made a cadre, deactivated; each equals reading everything', async () => {
    const other = (await pool().query(`SELECT id FROM organizations WHERE type = 'branch' AND id <> $1 ORDER BY id LIMIT 1`, [branch.id]))
      .rows[0].id as number
    const who = members[1].id
    const change = async (statement: string, params: unknown[]) => {
      await quiet()
      await pool().query(statement, params)
      const { steps, body } = await get(`&org=${branch.id}`)
      // The person's row is read again; every other member's is kept, and the parts not about members too.
      expect(steps, steps.join(' ')).toContain('members-patched')
      expect(steps).not.toContain('members')
      expectKept(steps, ['settings', 'studyMonths', 'quizMonths', 'itemTitles', 'itemThemes', 'hardest'], [])
      expect(body).toEqual(await afresh())
      return body
    }
    const before = (await get(`&org=${branch.id}`)).body
    expect(before.study.members).toBe(2)
    const out = await change(`UPDATE users SET organization_id = $2 WHERE id = $1`, [who, other])
    expect(out.study.members).toBe(1)
    const back = await change(`UPDATE users SET organization_id = $2 WHERE id = $1`, [who, branch.id])
    expect(back.study.members).toBe(2)
    // Roles as Payload writes them: a row per role in users_roles. A cadre is held to the cadre pace.
    await change(`INSERT INTO users_roles ("order", parent_id, value) VALUES (9, $1, $2)`, [who, CADRE_ROLES[0]])
    await change(`DELETE FROM users_roles WHERE parent_id = $1 AND value = $2`, [who, CADRE_ROLES[0]])
    const inactive = await change(`UPDATE users SET active = false WHERE id = $1`, [who])
    expect(inactive.study.members).toBe(1)
    const active = await change(`UPDATE users SET active = true WHERE id = $1`, [who])
    expect(active.study.members).toBe(2)
  })
})
