import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { QUALITY_QUERIES, type QueryKind } from '../../../bench/search-queries'
import { documentId } from '../../../src/search/documents'
import { searchContent } from '../../../src/search/query'
import { reindexAll } from '../../../src/search/reindex'
import { searchRoute } from '../../../src/search/http'
import { callAs } from '../../helpers/routes'
import { demoUser, releasePayload, testPayload, type TestUser } from '../../helpers/payload'

/**
 * Search forgives typos, pinyin, traditional characters and abbreviations (issue 14 §4), against
 * the real Meilisearch and the seeded content: one query of each kind from the benchmark's list
 * (bench/search-queries.ts) must find its item in the first five, and the audience filter holds
 * for what is found by sound too.
 */
let payload: Payload
let member: TestUser
let editor: TestUser

const search = (user: TestUser | null, q: string) => searchContent({ user, payload, context: {} }, { q, hitsPerPage: 5 })
const idOf = async (collection: 'micro-lessons' | 'red-resources' | 'courses' | 'news' | 'quizzes', title: string) => {
  const { docs } = await payload.find({
    collection,
    where: { title: { equals: title }, _status: { equals: 'published' } },
    depth: 0,
    limit: 1,
    overrideAccess: true,
  })
  if (!docs[0]) throw new Error(`seeded ${collection} “${title}” missing`)
  return documentId(collection, docs[0].id)
}

beforeAll(async () => {
  payload = await testPayload()
  member = await demoUser('member@demo.edu.cn')
  editor = await demoUser('editor@demo.edu.cn')
  // The whole seeded catalogue in one bulk write (run alone, this file would otherwise wait for
  // every seeded item's own sync job); the index settings — pinyin, typo rules — are applied with it.
  await reindexAll(payload)
}, 300_000)
afterAll(async () => {
  await releasePayload(payload)
})

describe('search tolerance against the seeded content', () => {
  const KEY_CASES: Array<[QueryKind, string]> = [
    ['typo', '井岗山'],
    ['typo', '三会一刻'],
    ['pinyin', 'sanhuiyike'],
    ['pinyin', 'jiaoyulu'],
    ['pinyin', 'yanan geming jinianguan'],
    ['traditional', '黨的二十大'],
    ['traditional', '遵義會議紀念館'],
    ['abbreviation', '建党百年'],
  ]
  it.each(KEY_CASES)('%s: “%s” finds its item in the first five', async (kind, q) => {
    const item = QUALITY_QUERIES.find((x) => x.q === q && x.kind === kind)!
    const wanted = await idOf(item.collection, item.title)
    const result = await search(editor, q)
    expect(result.hits.map((h) => h.id)).toContain(wanted)
  })

  it('offers 你是不是要找 with the sound-alike when only the sound matched, and none when the text did', async () => {
    const typo = await search(member, '井岗山')
    expect(typo.suggestion).toBe('井冈山')
    const exact = await search(member, '井冈山')
    expect(exact.suggestion).toBeNull()
    expect(exact.hits.length).toBeGreaterThan(0)
  })

  it('suggests the nearest theme when nothing at all is found', async () => {
    const result = await search(member, '廉正教肓')
    expect(result.hits).toEqual([])
    expect(result.suggestion).toBe('廉政教育')
    expect((await search(member, '量子纠缠计算机')).suggestion).toBeNull()
  })

  it('keeps the audience filter for items found by sound: a lesson for applicants stays hidden from a full member', async () => {
    // “两学一做”与合格党员标准 belongs to a course for applicants, activists and development targets.
    const lesson = await idOf('micro-lessons', '“两学一做”与合格党员标准')
    const applicant = await demoUser('applicant@demo.edu.cn')
    expect((await search(applicant, '两学一作')).hits.map((h) => h.id)).toContain(lesson)
    expect((await search(member, '两学一作')).hits.map((h) => h.id)).not.toContain(lesson)
    // Visitors read news and red resources only, whatever the spelling.
    const visitor = await search(null, 'sanhuiyike')
    expect(visitor.hits.every((h) => h.collection === 'news' || h.collection === 'red-resources')).toBe(true)
  })

  it('answers a pinyin query over HTTP with the same reply shape, and still refuses an empty one', async () => {
    const ok = await callAs(searchRoute, { user: member, payload, context: {} }, 'http://x/api/search?q=jiaoyulu')
    expect(ok.status).toBe(200)
    expect((ok.json as { hits: Array<{ title: string }> }).hits.some((h) => h.title.includes('焦裕禄'))).toBe(true)
    const empty = await callAs(searchRoute, { user: member, payload, context: {} }, 'http://x/api/search?q=%20')
    expect(empty.status).toBe(400)
  })
})
