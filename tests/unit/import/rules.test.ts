import { describe, expect, it } from 'vitest'

import { COLUMNS } from '../../../src/import/columns'
import { planOrganizations, type ExistingOrganization } from '../../../src/import/rules/organizations'
import { planPeople, type ExistingPerson, type PeopleContext } from '../../../src/import/rules/people'
import { planQuestions } from '../../../src/import/rules/questions'
import { parseDate, recordsOf, type RawRow } from '../../../src/import/rules/sheet'
import { templateWorkbook, readSheet } from '../../../src/import/workbook'

const headers = (kind: keyof typeof COLUMNS) => COLUMNS[kind].map((c) => c.header)
/** Rows from objects keyed by header, numbered from Excel row 2. */
const sheet = (kind: keyof typeof COLUMNS, rows: Array<Record<string, string>>): RawRow[] =>
  rows.map((r, i) => ({ row: i + 2, cells: headers(kind).map((h) => r[h] ?? '') }))
const records = (kind: keyof typeof COLUMNS, rows: Array<Record<string, string>>) =>
  recordsOf(kind, headers(kind), sheet(kind, rows)).records

const person = (extra: Record<string, string> = {}) => ({
  姓名: '张三',
  '工号/学号': 'S001',
  所在组织编码: 'BR1',
  政治面貌: '入党积极分子',
  邮箱: 'zs@x.edu.cn',
  手机号: '13812345678',
  ...extra,
})
const existing = (extra: Partial<ExistingPerson> = {}): ExistingPerson => ({
  id: 7,
  staffNumber: 'S001',
  name: '张三',
  email: 'zs@x.edu.cn',
  phone: '13812345678',
  organizationId: 1,
  stage: 'activist',
  adminAccount: false,
  activeCase: false,
  ...extra,
})
const ctx = (people: ExistingPerson[] = []): PeopleContext => ({
  orgs: new Map([
    ['BR1', 1],
    ['BR2', 2],
  ]),
  byStaffNumber: new Map(people.map((p) => [p.staffNumber, p])),
  emailOwners: new Map(people.map((p) => [p.email, p.staffNumber])),
})

describe('sheet mapping', () => {
  it('finds columns by header, skips blank and example rows, reports missing required columns on row 1', () => {
    const { records: rs, problems } = recordsOf(
      'people',
      ['邮箱', '姓名', '备注', '工号/学号', '政治面貌'],
      [
        { row: 2, cells: ['示例：a@x.cn', '张三', '', 'S0', '群众'] },
        { row: 3, cells: ['', '', '', '', ''] },
        { row: 4, cells: [' b@x.cn ', '李　四', '随便', 'S1', '群众'] },
      ],
    )
    expect(rs).toEqual([{ row: 4, values: { email: 'b@x.cn', name: '李 四', staffNumber: 'S1', stage: '群众' } }])
    expect(problems).toEqual([{ row: 1, column: '所在组织编码', message: '缺少必填列“所在组织编码”' }])
  })

  it('reads dates in the usual forms, at Beijing midnight, and refuses impossible ones', () => {
    expect(parseDate('2025-09-01')).toBe('2025-08-31T16:00:00.000Z')
    expect(parseDate('2025/9/1')).toBe('2025-08-31T16:00:00.000Z')
    expect(parseDate('2025年9月1日')).toBe('2025-08-31T16:00:00.000Z')
    expect(parseDate('2025-02-30')).toBeNull()
    expect(parseDate('九月')).toBeNull()
  })

  it('a template read back gives its headers and only the example row, which is skipped', async () => {
    const { header, rows } = await readSheet(await templateWorkbook('questions'))
    expect(header).toEqual(headers('questions'))
    expect(rows).toHaveLength(1)
    expect(recordsOf('questions', header, rows)).toEqual({ records: [], problems: [] })
  })
})

describe('people plan', () => {
  it('reports each kind of problem with its row', () => {
    const plan = planPeople(
      records('people', [
        person(),
        person({ '工号/学号': 'S001', 邮箱: 'other@x.edu.cn' }),
        person({ '工号/学号': 'S003', 所在组织编码: 'NOPE', 邮箱: 'c@x.edu.cn' }),
        person({ '工号/学号': 'S004', 手机号: '1381234', 邮箱: 'd@x.edu.cn' }),
        person({ '工号/学号': 'S005', 邮箱: 'not-an-email' }),
        person({ '工号/学号': 'S006', 政治面貌: '团员', 邮箱: 'f@x.edu.cn' }),
        person({ '工号/学号': 'S007', 姓名: '', 邮箱: 'g@x.edu.cn' }),
        person({ '工号/学号': 'S008', 邮箱: 'zs@x.edu.cn' }),
      ]),
      ctx(),
    )
    const byRow = (row: number) => plan.problems.filter((p) => p.row === row).map((p) => p.column)
    expect(byRow(2)).toEqual([])
    expect(byRow(3)).toEqual(['工号/学号'])
    expect(byRow(4)).toEqual(['所在组织编码'])
    expect(byRow(5)).toEqual(['手机号'])
    expect(byRow(6)).toEqual(['邮箱'])
    expect(byRow(7)).toEqual(['政治面貌'])
    expect(byRow(8)).toEqual(['姓名'])
    expect(byRow(9)).toEqual(['邮箱'])
    expect(plan.problems.find((p) => p.row === 3)?.message).toContain('与第 2 行重复')
    // Only the sound row would be written: a duplicate is not a second create.
    expect(plan.creates.map((c) => c.row)).toEqual([2])
  })

  it('the same data again is unchanged; a changed cell is an update naming the field', () => {
    expect(planPeople(records('people', [person()]), ctx([existing()]))).toMatchObject({
      creates: [],
      updates: [],
      unchanged: 1,
      problems: [],
    })
    const moved = planPeople(records('people', [person({ 所在组织编码: 'BR2', 手机号: '13900000000' })]), ctx([existing()]))
    expect(moved.updates).toMatchObject([{ id: 7, moved: true, phoneChanged: true, stageChanged: false, previousOrganizationId: 1 }])
    expect(moved.changes[0]!.fields).toEqual(['手机号', '所在组织'])
    // An empty phone cell keeps the stored number.
    expect(planPeople(records('people', [person({ 手机号: '' })]), ctx([existing()])).unchanged).toBe(1)
  })

  it('a stage change is a correction: it needs its note and is refused while a case is in progress', () => {
    const full = person({ 政治面貌: '正式党员' })
    expect(planPeople(records('people', [full]), ctx([existing()])).problems[0]).toMatchObject({ row: 2, column: '阶段变更说明' })
    expect(planPeople(records('people', [{ ...full, 阶段变更说明: '据组织关系介绍信更正' }]), ctx([existing()])).updates[0]).toMatchObject({
      stageChanged: true,
      stage: 'full',
    })
    expect(
      planPeople(records('people', [{ ...full, 阶段变更说明: '据组织关系介绍信更正' }]), ctx([existing({ activeCase: true })])).problems[0],
    ).toMatchObject({ column: '政治面貌' })
  })

  it("an administrator's e-mail is not changed by an import", () => {
    expect(
      planPeople(records('people', [person({ 邮箱: 'new@x.edu.cn' })]), ctx([existing({ adminAccount: true })])).problems[0],
    ).toMatchObject({ column: '邮箱' })
  })
})

describe('organisation plan', () => {
  const uni: ExistingOrganization = {
    id: 1,
    code: 'U',
    name: '学校党委',
    type: 'universityCommittee',
    parentCode: null,
    termStart: null,
    termEnd: null,
    hasCommittee: false,
  }
  const org = (extra: Record<string, string>) => ({
    组织编码: 'C1',
    名称: '新学院党委',
    组织类型: '院(系)党委',
    上级组织编码: 'U',
    ...extra,
  })

  it('takes a new college and its branch from one file, parents first', () => {
    const plan = planOrganizations(
      records('organizations', [org({ 组织编码: 'B1', 名称: '支部', 组织类型: '党支部', 上级组织编码: 'C1' }), org({})]),
      new Map([['U', uni]]),
    )
    expect(plan.problems).toEqual([])
    expect(plan.creates.map((c) => c.code)).toEqual(['C1', 'B1'])
  })

  it('refuses wrong parents, unknown codes and reversed terms', () => {
    const plan = planOrganizations(
      records('organizations', [
        org({ 组织编码: 'B1', 组织类型: '党支部', 上级组织编码: 'U' }),
        org({ 组织编码: 'B2', 组织类型: '党支部', 上级组织编码: 'NOPE' }),
        org({ 组织编码: 'C2', 任期开始: '2026-01-01', 任期结束: '2025-01-01' }),
        org({ 组织编码: 'C3', 组织类型: '团委' }),
      ]),
      new Map([['U', uni]]),
    )
    expect(plan.problems.map((p) => [p.row, p.column])).toEqual([
      [2, '上级组织编码'],
      [3, '上级组织编码'],
      [4, '任期结束'],
      [5, '组织类型'],
    ])
  })
})

describe('question plan', () => {
  const q = (extra: Record<string, string>) => ({
    题型: '单选题',
    题干: '党成立于哪一年？',
    选项A: '1919年',
    选项B: '1921年',
    正确答案: 'B',
    ...extra,
  })
  const themes = new Map([['党史', 3]])

  it('accepts all four types', () => {
    const plan = planQuestions(
      records('questions', [
        q({ 专题: '党史' }),
        q({ 题型: '多选题', 题干: '“四史”包括？', 选项C: '改革开放史', 正确答案: 'AC' }),
        { 题型: '判断题', 题干: '党的二十大于2022年10月召开。', 正确答案: '正确' },
        { 题型: '填空题', 题干: '中国共产党成立于____年。', 正确答案: '1921|一九二一' },
      ]),
      new Map(),
      themes,
    )
    expect(plan.problems).toEqual([])
    expect(plan.creates.map((c) => c.type)).toEqual(['single', 'multiple', 'trueFalse', 'fillIn'])
    expect(plan.creates[0]).toMatchObject({
      themes: [3],
      options: [
        { text: '1919年', isCorrect: false },
        { text: '1921年', isCorrect: true },
      ],
    })
    expect(plan.creates[3]!.fillInAnswers).toEqual([{ answer: '1921' }, { answer: '一九二一' }])
  })

  it("refuses what the bank's soundness rules refuse, and answers naming no option", () => {
    const plan = planQuestions(
      records('questions', [
        q({ 正确答案: 'AB' }),
        q({ 题干: '空选项', 正确答案: 'D' }),
        { 题型: '填空题', 题干: '没有空位', 正确答案: '1921' },
        q({ 题干: '未知专题', 专题: '不存在' }),
      ]),
      new Map(),
      themes,
    )
    expect(plan.problems.map((p) => p.row)).toEqual([2, 3, 4, 5])
    expect(plan.problems[0]!.message).toBe('单选题必须恰好有 1 个正确选项（现在有 2 个）')
  })
})
