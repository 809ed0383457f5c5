import { describe, expect, it } from 'vitest'

import {
  BRANCH_TABLE,
  columnsOf,
  ITEM_TABLE,
  MEMBER_TABLE,
  QUESTION_TABLE,
  sheetOf,
  type BranchRow,
  type MemberFigures,
} from '../../../src/cockpit/tables'

const headers = (columns: Array<{ header: string }>) => columns.map((c) => c.header)

const member: MemberFigures = {
  id: 7,
  name: '张三',
  branch: '第一党支部',
  stage: '正式党员',
  hours: 12.5,
  expected: 16,
  completions: 3,
  quizAttempts: 2,
  quizPassed: 1,
}

const summary = {
  members: 10,
  onPace: 6,
  atTarget: 2,
  onPaceShare: 60,
  atTargetShare: 20,
  averageHours: 14.3,
  completions: 40,
  quizParticipants: 8,
  quizParticipation: 80,
  quizAttempts: 12,
  quizPassRate: 75,
  quizAverageScore: 82.5,
}
const branch: BranchRow = {
  id: 3,
  name: '第一党支部',
  college: { id: 2, name: '信息工程学院党委' },
  secretary: '李四',
  memberCount: 12,
  fullMemberCount: 10,
  issues: [],
  termEnd: null,
  termDaysLeft: null,
  needsAction: true,
  study: summary,
}

describe('the cockpit tables shared by the admin, the Excel export and the 支部 page', () => {
  it('keeps the Excel member sheet as it was: headings, keys and widths', () => {
    expect(sheetOf(columnsOf(MEMBER_TABLE, 'excel'), []).columns).toEqual([
      { header: '姓名', key: 'name', width: 12 },
      { header: '所在支部', key: 'branch', width: 28 },
      { header: '政治面貌', key: 'stage', width: 10 },
      { header: '本年学时', key: 'hours', width: 10 },
      { header: '按进度应达', key: 'expected', width: 12 },
      { header: '完成内容数', key: 'completions', width: 12 },
      { header: '测验次数', key: 'quizAttempts', width: 10 },
      { header: '测验通过', key: 'quizPassed', width: 10 },
    ])
  })

  it('gives the admin and Excel the same member columns from one definition, where only 完成内容 is headed differently', () => {
    const admin = columnsOf(MEMBER_TABLE, 'admin')
    const excel = columnsOf(MEMBER_TABLE, 'excel')
    expect(admin.map((c) => c.key)).toEqual(excel.map((c) => c.key))
    for (const [i, c] of admin.entries()) {
      expect(c.value(member)).toBe(excel[i].value(member))
      expect(c.text(member)).toBe(excel[i].text(member))
      if (c.key !== 'completions') expect(c.header).toBe(excel[i].header)
    }
    expect(headers(admin)).toEqual(['姓名', '所在支部', '政治面貌', '本年学时', '按进度应达', '完成内容', '测验次数', '测验通过'])
    // Excel keeps numbers as numbers; the site writes units.
    expect(sheetOf(excel, [member]).rows[0]).toMatchObject({ hours: 12.5, completions: 3 })
    const site = columnsOf(MEMBER_TABLE, 'site')
    expect(headers(site)).toEqual(['姓名', '所在支部', '政治面貌', '本年学时', '完成内容', '测验', '学习档案'])
    const text = Object.fromEntries(site.map((c) => [c.key, c.text(member)]))
    expect(text).toMatchObject({ hours: '12.5', completions: '3 项', quiz: '2 次，通过 1' })
    expect(site.find((c) => c.key === 'quiz')!.text({ ...member, quizAttempts: 0 })).toBe('0 次')
    expect(headers(columnsOf(MEMBER_TABLE, 'roster'))).toEqual(['姓名', '所在支部', '政治面貌', '本年学时', '上次提醒', '操作'])
  })

  it('writes the branch sheet from the branch rows with the figures it always had', () => {
    const sheet = sheetOf(columnsOf(BRANCH_TABLE, 'excel'), [branch, { ...branch, id: 4, college: null }])
    expect(sheet.columns).toEqual([
      { header: '支部', key: 'name', width: 28 },
      { header: '上级党组织', key: 'college', width: 24 },
      { header: '党员数', key: 'members', width: undefined },
      { header: '进度达标', key: 'onPace', width: undefined },
      { header: '达标率%', key: 'onPaceShare', width: undefined },
      { header: '人均学时', key: 'averageHours', width: undefined },
      { header: '测验参与率%', key: 'quizParticipation', width: undefined },
      { header: '测验通过率%', key: 'quizPassRate', width: undefined },
    ])
    expect(sheet.rows[0]).toEqual({
      name: '第一党支部',
      college: '信息工程学院党委',
      members: 10,
      onPace: 6,
      onPaceShare: 60,
      averageHours: 14.3,
      quizParticipation: 80,
      quizPassRate: 75,
    })
    expect(sheet.rows[1].college).toBeNull()
    const admin = columnsOf(BRANCH_TABLE, 'admin')
    expect(headers(admin)).toEqual(['支部', '上级党组织', '书记', '党员 / 正式', '问题', '任期届满', '学时达标率', '状态'])
    expect(Object.fromEntries(admin.map((c) => [c.key, c.text(branch)]))).toMatchObject({
      college: '信息工程学院党委',
      secretary: '李四',
      size: '12 / 10',
      onPaceShare: '60%',
      state: '需处理',
    })
    expect(admin.find((c) => c.key === 'secretary')!.text({ ...branch, secretary: null })).toBe('（未设）')
    const site = columnsOf(BRANCH_TABLE, 'site')
    expect(headers(site)).toEqual(['支部', '党员', '进度达标', '人均学时', '支部建设'])
    expect(site.map((c) => c.text(branch))).toEqual(['第一党支部', '10', '60%', '14.3', '需处理'])
  })

  it('shows the error rate with a % on screen and as a bare number in Excel', () => {
    const q = { id: 5, stem: '题干', answers: 8, wrong: 3, wrongRate: 37.5, rank: 1 }
    const admin = columnsOf(QUESTION_TABLE, 'admin')
    expect(headers(admin)).toEqual(['序号', '题目', '作答次数', '答错次数', '错误率'])
    expect(admin.map((c) => c.text(q))).toEqual(['1', '题干', '8', '3', '37.5%'])
    const excel = sheetOf(columnsOf(QUESTION_TABLE, 'excel'), [q])
    expect(headers(excel.columns)).toEqual(['题目', '作答次数', '答错次数', '错误率%'])
    expect(excel.columns[0].width).toBe(60)
    expect(excel.rows[0]).toEqual({ stem: '题干', answers: 8, wrong: 3, wrongRate: 37.5 })
  })

  it('gives the most-studied items their rank and kind on screen only', () => {
    expect(headers(columnsOf(ITEM_TABLE, 'admin'))).toEqual(['名次', '内容', '类别', '完成人次'])
    expect(sheetOf(columnsOf(ITEM_TABLE, 'excel'), [{ collection: 'news', id: 1, title: '标题', completions: 4 }])).toEqual({
      columns: [
        { header: '内容', key: 'title', width: 40 },
        { header: '完成人次', key: 'completions', width: undefined },
      ],
      rows: [{ title: '标题', completions: 4 }],
    })
  })
})
