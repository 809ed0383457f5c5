import { REST_GET, REST_POST } from '@payloadcms/next/routes'
import ExcelJS from 'exceljs'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { poolOf } from '../../../src/db/pool'
import { COLUMNS } from '../../../src/import/columns'
import { recountOrganizations } from '../../../src/organizations/recount'
import type { ImportReport, ProgressEvent } from '../../../src/import/service'
import { releasePayload, testPayload, tokenFor, unique } from '../../helpers/payload'

/**
 * 批量导入 (issue 18, part 2). Properties:
 *  - the check reports every row's problem with its Excel row number and writes nothing;
 *  - an import is all or nothing: one bad row and no row is written;
 *  - importing the same file again changes nothing (0 new, 0 changed; only the audit entry saying so);
 *  - a changed row updates the person; a stage change is a correction with its note, in the history;
 *  - new accounts have no usable password, the member role, an encrypted phone, their 建档 history
 *    row, and their branch's counts include them;
 *  - only sysAdmin imports people and organisations, only course curators questions.
 */
let payload: Payload
const tokens: Record<string, string> = {}
const tag = unique('imp')
  .replace(/[^0-9a-z]/gi, '')
  .slice(-8)
  .toUpperCase()
const codes = { college: `T${tag}-C`, branchA: `T${tag}-A`, branchB: `T${tag}-B` }
const staff = (n: number) => `T${tag}${String(n).padStart(3, '0')}`
const email = (n: number) => `imp-${tag.toLowerCase()}-${n}@test.edu.cn`

const xlsx = async (kind: keyof typeof COLUMNS, rows: Array<Record<string, string>>, header = COLUMNS[kind].map((c) => c.header)) => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('数据')
  ws.addRow(header)
  for (const r of rows) ws.addRow(header.map((h) => r[h] ?? ''))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const call = async (method: 'GET' | 'POST', path: string, token: string, file?: Buffer) => {
  const url = new URL(`http://localhost/api/${path}`)
  let body: FormData | undefined
  if (file) {
    body = new FormData()
    body.append(
      'file',
      new File([new Uint8Array(file)], '导入.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    )
  }
  const handler = (method === 'GET' ? REST_GET : REST_POST)(config)
  return handler(new Request(url, { method, headers: { Authorization: `JWT ${token}` }, body }), {
    params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/') }),
  })
}
const check = async (kind: string, token: string, file: Buffer) => {
  const res = await call('POST', `import/${kind}/check`, token, file)
  return { status: res.status, report: (await res.json()) as ImportReport }
}
/** The import: the NDJSON events, or the error body. */
const run = async (kind: string, token: string, file: Buffer) => {
  const res = await call('POST', `import/${kind}`, token, file)
  if (res.status !== 200)
    return {
      status: res.status,
      events: [] as ProgressEvent[],
      error: (await res.json()) as { errors: Array<{ message: string; data?: { report?: ImportReport } }> },
    }
  const events = (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ProgressEvent)
  return { status: res.status, events, error: null }
}
const done = (events: ProgressEvent[]) => {
  const last = events.at(-1)
  if (last?.type !== 'done') throw new Error(`import did not finish: ${JSON.stringify(last)}`)
  return last.report
}
const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await poolOf(payload).query(text, params)).rows as T[]
const importAudits = async () =>
  (await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'import' AND summary LIKE $1`, [`%${tag}%`]))[0]!.n

const person = (n: number, extra: Record<string, string> = {}): Record<string, string> => ({
  姓名: `导入测试${n}`,
  '工号/学号': staff(n),
  所在组织编码: codes.branchA,
  政治面貌: '正式党员',
  邮箱: email(n),
  手机号: `1391234${String(n).padStart(4, '0')}`,
  ...extra,
})

beforeAll(async () => {
  payload = await testPayload()
  for (const who of ['sysadmin', 'member', 'secretary', 'editor', 'college', 'curator', 'security'])
    tokens[who] = await tokenFor(`${who}@demo.edu.cn`)
})
afterAll(async () => {
  // Leave the shared database as the seed made it: other files count the colleges (seed, cockpit),
  // the branches' members and the question bank.
  await q(`DELETE FROM users WHERE staff_number LIKE $1`, [`T${tag}%`])
  const orgs = await q<{ id: number }>(`SELECT id FROM organizations WHERE code LIKE $1 ORDER BY (type::text = 'branch') DESC, id DESC`, [
    `T${tag}-%`,
  ])
  for (const o of orgs) await payload.delete({ collection: 'organizations', id: o.id })
  await payload.delete({ collection: 'questions', where: { stem: { like: `（${tag}）` } } })
  expect(
    await q(`SELECT 1 FROM organizations WHERE code LIKE $1 UNION ALL SELECT 1 FROM users WHERE staff_number LIKE $2`, [
      `T${tag}-%`,
      `T${tag}%`,
    ]),
  ).toHaveLength(0)
  await releasePayload(payload)
})

describe('who may import', () => {
  it('refuses people and organisation imports to everyone but sysAdmin, questions to everyone but curators', async () => {
    const file = await xlsx('people', [person(900)])
    for (const who of ['member', 'secretary', 'editor', 'college', 'curator', 'security']) {
      for (const path of ['import/people/check', 'import/people', 'import/organizations']) {
        const res = await call('POST', path, tokens[who]!, file)
        expect(res.status, `${who} ${path}`).toBe(403)
      }
      expect((await call('GET', 'import/people/template', tokens[who]!)).status, who).toBe(403)
    }
    for (const who of ['sysadmin', 'member', 'secretary', 'editor'])
      expect((await call('POST', 'import/questions', tokens[who]!, file)).status, who).toBe(403)
    const refused = await call('POST', 'import/people', tokens.college!, file)
    expect(((await refused.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toBe('人员批量导入仅限系统管理员')
    expect((await q(`SELECT 1 FROM users WHERE staff_number = $1`, [staff(900)])).length).toBe(0)
  })

  it('answers a file that is not Excel with a message, not a 500', async () => {
    const res = await call('POST', 'import/people/check', tokens.sysadmin!, Buffer.from('姓名,工号\n张三,1'))
    expect(res.status).toBe(400)
    expect(((await res.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toContain('.xlsx')
  })

  it('gives sysAdmin the templates, with the 说明 sheet', async () => {
    for (const kind of ['people', 'organizations']) {
      const res = await call('GET', `import/${kind}/template`, tokens.sysadmin!)
      expect(res.status).toBe(200)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(await res.arrayBuffer())
      expect(wb.worksheets.map((w) => w.name)[1]).toBe('说明')
      expect((wb.worksheets[0]!.getRow(1).values as string[]).filter(Boolean)).toEqual(COLUMNS[kind as 'people'].map((c) => c.header))
    }
    expect((await call('GET', 'import/questions/template', tokens.curator!)).status).toBe(200)
  })
})

describe('organisations', () => {
  it('imports a college with two branches in one file, parents first; again changes nothing', async () => {
    const [uc] = await q<{ code: string }>(`SELECT code FROM organizations WHERE type = 'universityCommittee' ORDER BY id LIMIT 1`)
    const file = await xlsx('organizations', [
      { 组织编码: codes.branchA, 名称: `导入测试支部A ${tag}`, 组织类型: '党支部', 上级组织编码: codes.college },
      {
        组织编码: codes.branchB,
        名称: `导入测试支部B ${tag}`,
        组织类型: '党支部',
        上级组织编码: codes.college,
        任期开始: '2025-01-01',
        任期结束: '2027-12-31',
      },
      { 组织编码: codes.college, 名称: `导入测试学院党委 ${tag}`, 组织类型: '院(系)党委', 上级组织编码: uc!.code },
    ])
    const dry = await check('organizations', tokens.sysadmin!, file)
    expect(dry.status).toBe(200)
    expect(dry.report).toMatchObject({ problemCount: 0, counts: { new: 3, changed: 0, unchanged: 0 } })
    expect(await q(`SELECT 1 FROM organizations WHERE code = $1`, [codes.college])).toHaveLength(0)

    const first = await run('organizations', tokens.sysadmin!, file)
    expect(done(first.events).counts).toEqual({ new: 3, changed: 0, unchanged: 0 })
    const rows = await q<{ code: string; parent: string }>(
      `SELECT o.code, p.code AS parent FROM organizations o JOIN organizations p ON p.id = o.parent_id WHERE o.code LIKE $1 ORDER BY o.code`,
      [`T${tag}-%`],
    )
    expect(rows).toEqual([
      { code: codes.branchA, parent: codes.college },
      { code: codes.branchB, parent: codes.college },
      { code: codes.college, parent: uc!.code },
    ])

    const again = await run('organizations', tokens.sysadmin!, file)
    expect(done(again.events).counts).toEqual({ new: 0, changed: 0, unchanged: 3 })
  })

  it('refuses a branch under the university committee, with its row', async () => {
    const [uc] = await q<{ code: string }>(`SELECT code FROM organizations WHERE type = 'universityCommittee' ORDER BY id LIMIT 1`)
    const { report } = await check(
      'organizations',
      tokens.sysadmin!,
      await xlsx('organizations', [{ 组织编码: `T${tag}-X`, 名称: '错挂支部', 组织类型: '党支部', 上级组织编码: uc!.code }]),
    )
    expect(report.problems).toMatchObject([{ row: 2, column: '上级组织编码' }])
  })
})

describe('people', () => {
  it('the check reports every kind of problem with its row number and writes nothing', async () => {
    const file = await xlsx('people', [
      person(1),
      person(2, { 所在组织编码: 'NO-SUCH-ORG' }),
      person(3, { '工号/学号': staff(1), 邮箱: email(30) }),
      person(4, { 手机号: '12345' }),
      person(5, { 邮箱: 'not-an-e-mail' }),
      person(6, { 政治面貌: '团员' }),
      person(7, { 邮箱: 'member@demo.edu.cn' }),
      person(8, { 姓名: '' }),
    ])
    const { status, report } = await check('people', tokens.sysadmin!, file)
    expect(status).toBe(200)
    const at = (row: number) => report.problems.filter((p) => p.row === row).map((p) => p.column)
    expect(at(2)).toEqual([])
    expect(at(3)).toEqual(['所在组织编码'])
    expect(at(4)).toEqual(['工号/学号'])
    expect(at(5)).toEqual(['手机号'])
    expect(at(6)).toEqual(['邮箱'])
    expect(at(7)).toEqual(['政治面貌'])
    expect(at(8)).toEqual(['邮箱'])
    expect(at(9)).toEqual(['姓名'])
    expect(report.problemCount).toBe(7)
    expect(report.counts.new).toBe(1)

    const missing = await check('people', tokens.sysadmin!, await xlsx('people', [person(1)], ['姓名', '工号/学号', '政治面貌', '邮箱']))
    expect(missing.report.problems).toEqual([{ row: 1, column: '所在组织编码', message: '缺少必填列“所在组织编码”' }])
    expect(await q(`SELECT 1 FROM users WHERE staff_number LIKE $1`, [`T${tag}%`])).toHaveLength(0)
  })

  it('is all or nothing: one bad row and nothing is written', async () => {
    const file = await xlsx('people', [person(1), person(2), person(3, { 手机号: '1380000' })])
    const res = await run('people', tokens.sysadmin!, file)
    expect(res.status).toBe(422)
    expect(res.error!.errors[0]!.data!.report!.problems).toMatchObject([{ row: 4, column: '手机号' }])
    expect(await q(`SELECT 1 FROM users WHERE staff_number LIKE $1`, [`T${tag}%`])).toHaveLength(0)
    expect(await importAudits()).toBe(0)
  })

  const five = () => [1, 2, 3, 4, 5].map((n) => person(n, n === 5 ? { 政治面貌: '入党积极分子', 所在组织编码: codes.branchB } : {}))

  it('imports new people as the person form would create them, and reports progress', async () => {
    const res = await run('people', tokens.sysadmin!, await xlsx('people', five()))
    expect(res.events.some((e) => e.type === 'progress')).toBe(true)
    expect(done(res.events)).toMatchObject({ counts: { new: 5, changed: 0, unchanged: 0 }, problemCount: 0 })
    const people = await q<{
      id: number
      phone: string
      must_set_password: boolean
      roles: string[]
      history: Array<{ stage: string; source: string }>
    }>(
      `SELECT u.id, u.phone, u.must_set_password, ARRAY(SELECT value::text FROM users_roles r WHERE r.parent_id = u.id) AS roles,
              (SELECT json_agg(json_build_object('stage', h.stage, 'source', h.source)) FROM users_stage_history h WHERE h._parent_id = u.id) AS history
         FROM users u WHERE u.staff_number LIKE $1 ORDER BY u.staff_number`,
      [`T${tag}%`],
    )
    expect(people).toHaveLength(5)
    for (const p of people) {
      expect(p.phone.startsWith('enc:v1:')).toBe(true)
      expect(p.must_set_password).toBe(true)
      expect(p.roles).toEqual(['member'])
      expect(p.history).toHaveLength(1)
      expect(p.history[0]!.source).toBe('initial')
    }
    // Read back through Payload as sysAdmin: the phone decrypts; no password signs in.
    const one = await payload.findByID({ collection: 'users', id: people[0]!.id, depth: 0, overrideAccess: true })
    expect(one.phone).toBe('13912340001')
    await expect(payload.login({ collection: 'users', data: { email: email(1), password: 'Vq7#Lm2$Xr9' } })).rejects.toThrow()
    // The branches' counts include them (4 full members in A, no Party member added to B).
    const counts = await q<{ code: string; full_member_count: number; member_count: number }>(
      `SELECT code, full_member_count::int, member_count::int FROM organizations WHERE code = ANY($1) ORDER BY code`,
      [[codes.branchA, codes.branchB]],
    )
    expect(counts).toEqual([
      { code: codes.branchA, full_member_count: 4, member_count: 4 },
      { code: codes.branchB, full_member_count: 0, member_count: 0 },
    ])
    // The import's set-based recount agrees with the admin's own (counts, compliance, its issues).
    const state = () =>
      q(
        `SELECT o.code, o.member_count::int, o.full_member_count::int, o.compliance_state, ARRAY(SELECT value::text FROM organizations_compliance_issues i WHERE i.parent_id = o.id ORDER BY "order") AS issues
           FROM organizations o WHERE o.code LIKE $1 ORDER BY o.code`,
        [`T${tag}-%`],
      )
    const after = await state()
    expect(after.find((o) => o.code === codes.branchA)).toMatchObject({ compliance_state: 'ok', issues: [] })
    const ids = await q<{ id: number }>(`SELECT id FROM organizations WHERE code LIKE $1`, [`T${tag}-%`])
    await recountOrganizations(
      payload,
      ids.map((o) => o.id),
    )
    expect(await state()).toEqual(after)
    const [audit] = await q<{ summary: string; target_collection: string }>(
      `SELECT summary, target_collection FROM audit_logs WHERE action = 'import' ORDER BY id DESC LIMIT 1`,
    )
    expect(audit!.target_collection).toBe('users')
    expect(audit!.summary).toMatch(/新增 5，更新 0，未变 0.*SHA-256 [0-9a-f]{64}/)
  })

  it('the same file again changes nothing: only the audit entry saying 0', async () => {
    const before = await q(`SELECT id, updated_at, phone FROM users WHERE staff_number LIKE $1 ORDER BY id`, [`T${tag}%`])
    const history = await q(
      `SELECT count(*)::int AS n FROM users_stage_history h JOIN users u ON u.id = h._parent_id WHERE u.staff_number LIKE $1`,
      [`T${tag}%`],
    )
    const audits = await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_logs`)
    const res = await run('people', tokens.sysadmin!, await xlsx('people', five()))
    expect(done(res.events).counts).toEqual({ new: 0, changed: 0, unchanged: 5 })
    expect(await q(`SELECT id, updated_at, phone FROM users WHERE staff_number LIKE $1 ORDER BY id`, [`T${tag}%`])).toEqual(before)
    expect(
      await q(`SELECT count(*)::int AS n FROM users_stage_history h JOIN users u ON u.id = h._parent_id WHERE u.staff_number LIKE $1`, [
        `T${tag}%`,
      ]),
    ).toEqual(history)
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_logs`))[0]!.n).toBe(audits[0]!.n + 1)
    const [audit] = await q<{ summary: string }>(`SELECT summary FROM audit_logs ORDER BY id DESC LIMIT 1`)
    expect(audit!.summary).toContain('新增 0，更新 0，未变 5')
  })

  it('a changed row updates the person; a stage change needs its note and lands in the history', async () => {
    const changed = five().map((p, i) =>
      i === 0 ? { ...p, 姓名: '导入测试改名', 所在组织编码: codes.branchB } : i === 1 ? { ...p, 政治面貌: '预备党员' } : p,
    )
    const refused = await run('people', tokens.sysadmin!, await xlsx('people', changed))
    expect(refused.status).toBe(422)
    expect(refused.error!.errors[0]!.data!.report!.problems).toMatchObject([{ row: 3, column: '阶段变更说明' }])

    changed[1] = { ...changed[1]!, 阶段变更说明: '据组织关系介绍信更正' }
    const res = await run('people', tokens.sysadmin!, await xlsx('people', changed))
    expect(done(res.events).counts).toEqual({ new: 0, changed: 2, unchanged: 3 })
    const [moved] = await q<{ name: string; code: string }>(
      `SELECT u.name, o.code FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.staff_number = $1`,
      [staff(1)],
    )
    expect(moved).toEqual({ name: '导入测试改名', code: codes.branchB })
    const history = await q<{ stage: string; source: string; note: string | null }>(
      `SELECT h.stage, h.source, h.note FROM users_stage_history h JOIN users u ON u.id = h._parent_id WHERE u.staff_number = $1 ORDER BY h._order`,
      [staff(2)],
    )
    expect(history).toEqual([
      { stage: 'full', source: 'initial', note: '批量导入建档' },
      { stage: 'probationary', source: 'correction', note: '据组织关系介绍信更正' },
    ])
    expect(
      await q(
        `SELECT 1 FROM audit_logs a JOIN users u ON a.document_id = u.id::text WHERE a.action = 'stageCorrection' AND u.staff_number = $1`,
        [staff(2)],
      ),
    ).toHaveLength(1)
    const counts = await q<{ code: string; full_member_count: number; member_count: number }>(
      `SELECT code, full_member_count::int, member_count::int FROM organizations WHERE code = ANY($1) ORDER BY code`,
      [[codes.branchA, codes.branchB]],
    )
    expect(counts).toEqual([
      { code: codes.branchA, full_member_count: 2, member_count: 3 },
      { code: codes.branchB, full_member_count: 1, member_count: 1 },
    ])
    // And once more: nothing left to change.
    expect(done((await run('people', tokens.sysadmin!, await xlsx('people', changed))).events).counts).toEqual({
      new: 0,
      changed: 0,
      unchanged: 5,
    })
  })
})

describe('questions', () => {
  const stem = (s: string) => `${s}（${tag}）`
  const bank = (): Array<Record<string, string>> => [
    {
      题型: '单选题',
      题干: stem('中国共产党第一次全国代表大会于哪一年召开？'),
      选项A: '1919年',
      选项B: '1921年',
      选项C: '1927年',
      正确答案: 'B',
      解析: '1921年7月召开。',
      专题: '党史',
    },
    {
      题型: '多选题',
      题干: stem('“四史”包括下列哪些？'),
      选项A: '党史',
      选项B: '新中国史',
      选项C: '世界史',
      选项D: '改革开放史',
      正确答案: 'ABD',
    },
    { 题型: '判断题', 题干: stem('党的二十大于2022年10月召开。'), 正确答案: '正确' },
    { 题型: '填空题', 题干: stem('中国共产党成立于____年。'), 正确答案: '1921|一九二一' },
  ]

  it('imports all four types for a curator; again changes nothing', async () => {
    const file = await xlsx('questions', bank())
    const dry = await check('questions', tokens.curator!, file)
    expect(dry.report).toMatchObject({ problemCount: 0, counts: { new: 4 } })
    expect(done((await run('questions', tokens.curator!, file)).events).counts).toEqual({ new: 4, changed: 0, unchanged: 0 })
    const stored = await payload.find({
      collection: 'questions',
      where: { stem: { like: tag } },
      depth: 0,
      overrideAccess: true,
      sort: 'id',
    })
    expect(stored.docs.map((d) => d.type)).toEqual(['single', 'multiple', 'trueFalse', 'fillIn'])
    expect(stored.docs[0]!.options!.map((o) => o.isCorrect)).toEqual([false, true, false])
    expect(stored.docs[3]!.fillInAnswers!.map((a) => a.answer)).toEqual(['1921', '一九二一'])
    expect(done((await run('questions', tokens.curator!, file)).events).counts).toEqual({ new: 0, changed: 0, unchanged: 4 })
    // An edited explanation updates that question only.
    const edited = bank()
    edited[0] = { ...edited[0]!, 解析: '1921年7月23日在上海召开。' }
    expect(done((await run('questions', tokens.curator!, await xlsx('questions', edited))).events).counts).toEqual({
      new: 0,
      changed: 1,
      unchanged: 3,
    })
  })

  it("refuses a question the bank's soundness rules refuse, with its row, and writes none of the file", async () => {
    const file = await xlsx('questions', [
      { 题型: '单选题', 题干: stem('新题：正确选项有两个？'), 选项A: '甲', 选项B: '乙', 正确答案: 'AB' },
      { 题型: '判断题', 题干: stem('新题：本题本身没有问题。'), 正确答案: '正确' },
    ])
    const res = await run('questions', tokens.curator!, file)
    expect(res.status).toBe(422)
    expect(res.error!.errors[0]!.data!.report!.problems).toEqual([
      { row: 2, column: '正确答案', message: '单选题必须恰好有 1 个正确选项（现在有 2 个）' },
    ])
    expect(await payload.count({ collection: 'questions', where: { stem: { like: '新题' } }, overrideAccess: true })).toMatchObject({
      totalDocs: 0,
    })
  })
})
