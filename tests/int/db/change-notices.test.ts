import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { poolOf } from '../../../src/db/pool'
import { ancestors, descendants } from '../../../src/organizations/tree'
import { pointRules } from '../../../src/points/award'
import type { PointRule } from '../../../src/points/rules'
import { homeNews } from '../../../src/site/queries'
import { allThemes } from '../../../src/content/themes'
import { studyRules } from '../../../src/study/derive'
import { itemMeta } from '../../../src/study/items'
import { viewerById } from '../../../src/viewer'
import { demoUser, releasePayload, testPayload } from '../../helpers/payload'
import { publishedLesson } from '../../helpers/study'

/**
 * Per-process caches (the organisation tree, platform settings, points rules, themes, item
 * metadata) hold for 10 s to a minute. A change made anywhere else (here: another connection, as another app-server worker, an
 * instance or a script would, with none of this process's hooks running) must reach them through
 * the database's NOTIFY well within that: each check polls for 3 s, shorter than any cache's life.
 */
let payload: Payload
let other: pg.Client
const within = { timeout: 3_000, interval: 50 }
type Org = { id: number; parent_id: number | null; type: string }
let orgs: Org[]

beforeAll(async () => {
  payload = await testPayload()
  other = new pg.Client(poolOf(payload).options)
  await other.connect()
  orgs = (await poolOf(payload).query<Org>(`SELECT id, parent_id, type::text FROM organizations ORDER BY id`)).rows
})

afterAll(async () => {
  await other?.end()
  await releasePayload(payload)
})

describe('change notices', () => {
  it('reach the study rules and the points rules when 平台设置 change elsewhere', async () => {
    const before = (await studyRules(payload)).minutesPerCreditHour
    const rule = (
      await other.query<{ rule: PointRule; points: number }>(
        `SELECT rule::text, points FROM platform_settings_points_rules ORDER BY _order LIMIT 1`,
      )
    ).rows[0]
    expect((await pointRules(payload)).get(rule.rule)?.points).toBe(Number(rule.points))
    try {
      await other.query(`UPDATE platform_settings SET minutes_per_credit_hour = $1`, [before + 5])
      await expect.poll(async () => (await studyRules(payload)).minutesPerCreditHour, within).toBe(before + 5)
      await other.query(`UPDATE platform_settings_points_rules SET points = points + 7 WHERE rule::text = $1`, [rule.rule])
      await expect.poll(async () => (await pointRules(payload)).get(rule.rule)?.points, within).toBe(Number(rule.points) + 7)
    } finally {
      await other.query(`UPDATE platform_settings SET minutes_per_credit_hour = $1`, [before])
      await other.query(`UPDATE platform_settings_points_rules SET points = $2 WHERE rule::text = $1`, [rule.rule, rule.points])
    }
    await expect.poll(async () => (await studyRules(payload)).minutesPerCreditHour, within).toBe(before)
  })

  it('reach the theme list and an item’s cached 学时', async () => {
    const themes = await allThemes(payload)
    const theme = themes[0]
    const lesson = await publishedLesson(payload, { kind: 'video', durationMinutes: 15 })
    const meta = (await itemMeta(payload, 'micro-lessons', Number(lesson.id)))!
    try {
      await other.query(`UPDATE themes SET name = name || '（改）' WHERE id = $1`, [theme.id])
      await expect.poll(async () => (await allThemes(payload)).find((t) => t.id === theme.id)?.name, within).toBe(`${theme.name}（改）`)
      await other.query(`UPDATE micro_lessons SET credit_hours = $2 WHERE id = $1`, [lesson.id, meta.creditHours + 1])
      await expect
        .poll(async () => (await itemMeta(payload, 'micro-lessons', Number(lesson.id)))?.creditHours, within)
        .toBe(meta.creditHours + 1)
    } finally {
      await other.query(`UPDATE themes SET name = $2 WHERE id = $1`, [theme.id, theme.name])
    }
  })
})

describe('首页’s news, kept per process (src/site/queries.ts)', () => {
  it('follows a news item changed elsewhere, and drops a pin when it ends', async () => {
    const first = await homeNews(payload, null, 6)
    const item = [...first.pinned, ...first.latest][0]
    expect(item).toBeDefined()
    const titles = async () => {
      const news = await homeNews(payload, null, 6)
      return [...news.pinned, ...news.latest].map((n) => n.title)
    }
    const pinned = async () => (await homeNews(payload, null, 6)).pinned.map((n) => n.id)
    const { rows } = await other.query<{ title: string; pinned_until: Date | null }>(`SELECT title, pinned_until FROM news WHERE id = $1`, [
      item.id,
    ])
    try {
      await other.query(`UPDATE news SET title = title || '（改）' WHERE id = $1`, [item.id])
      await expect.poll(titles, within).toContain(`${rows[0].title}（改）`)
      // Pinned for two more seconds: listed as pinned now, and no longer once the pin has ended,
      // with nothing changed in the database meanwhile.
      await other.query(`UPDATE news SET pinned_until = now() + interval '2 seconds' WHERE id = $1`, [item.id])
      await expect.poll(pinned, within).toContain(item.id)
      await expect.poll(pinned, { timeout: 5_000, interval: 100 }).not.toContain(item.id)
    } finally {
      await other.query(`UPDATE news SET title = $2, pinned_until = $3 WHERE id = $1`, [item.id, rows[0].title, rows[0].pinned_until])
    }
  })
})

describe('the organisation tree', () => {
  it('gives each branch its chain up to the university, and each committee its subtree', async () => {
    const university = orgs.find((o) => o.parent_id === null)!
    const branch = orgs.find((o) => o.type === 'branch')!
    const college = orgs.find((o) => o.id === branch.parent_id)!
    expect(await ancestors(payload, branch.id)).toEqual([branch.id, college.id, university.id])
    const under = await descendants(payload, college.id)
    expect(under[0]).toBe(college.id)
    expect(new Set(under)).toEqual(new Set([college.id, ...orgs.filter((o) => o.parent_id === college.id).map((o) => o.id)]))
    expect(new Set(await descendants(payload, university.id))).toEqual(new Set(orgs.map((o) => o.id)))
    expect(await ancestors(payload, 99_999_999)).toEqual([])
    expect(await descendants(payload, 99_999_999)).toEqual([])
  })

  it('hears a move made by another connection, and the viewer and the committee scope follow it', async () => {
    const member = await demoUser('member@demo.edu.cn')
    const branchId = Number(typeof member.organization === 'object' ? member.organization?.id : member.organization)
    const branch = orgs.find((o) => o.id === branchId)!
    const colleges = orgs.filter((o) => o.type === 'collegeCommittee')
    const from = branch.parent_id!
    const to = colleges.find((c) => c.id !== from)!.id
    const university = orgs.find((o) => o.parent_id === null)!.id
    // Cached now.
    expect(await ancestors(payload, branchId)).toEqual([branchId, from, university])
    expect((await viewerById(payload, member.id))?.orgChain).toEqual([branchId, from, university])
    try {
      await other.query(`UPDATE organizations SET parent_id = $1 WHERE id = $2`, [to, branchId])
      await expect.poll(() => ancestors(payload, branchId), { timeout: 5_000, interval: 50 }).toEqual([branchId, to, university])
      expect((await viewerById(payload, member.id))?.orgChain).toEqual([branchId, to, university])
      expect(await descendants(payload, to)).toContain(branchId)
      expect(await descendants(payload, from)).not.toContain(branchId)
    } finally {
      await other.query(`UPDATE organizations SET parent_id = $1 WHERE id = $2`, [from, branchId])
    }
    await expect.poll(() => ancestors(payload, branchId), { timeout: 5_000, interval: 50 }).toEqual([branchId, from, university])
  })

  it('hears a new organisation and a removed one', async () => {
    const college = orgs.find((o) => o.type === 'collegeCommittee')!
    const { rows } = await other.query<{ id: number }>(
      `INSERT INTO organizations (name, code, type, parent_id, updated_at, created_at) VALUES ('临时测试支部', 'TMP-TREE-1', 'branch', $1, now(), now()) RETURNING id`,
      [college.id],
    )
    const id = rows[0].id
    try {
      await expect.poll(() => descendants(payload, college.id), { timeout: 5_000, interval: 50 }).toContain(id)
    } finally {
      await other.query(`DELETE FROM organizations WHERE id = $1`, [id])
    }
    await expect.poll(() => descendants(payload, college.id), { timeout: 5_000, interval: 50 }).not.toContain(id)
  })
})
