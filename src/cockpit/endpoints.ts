import type { PayloadRequest } from 'payload'

import { recordAudit } from '../audit/record'
import { hasRole } from '../access/roles'
import { auditArchiveRead } from '../audit/reads'
import { learningArchive } from '../study/archive'
import { yearOf } from '../study/pace'
import { cachedCockpitAnswer } from './cache'
import { cockpitData, contentWork, HOUR_BANDS } from './data'
import { workbook, xlsxResponse, type Sheet } from './excel'
import { memberList, type MemberFilter } from './lists'
import { scopeOf } from './scope'
import { BRANCH_TABLE, columnsOf, ITEM_TABLE, MEMBER_TABLE, QUESTION_TABLE, sheetOf } from './tables'
import { HttpError } from '../http/errors'
import { flag, optionalInt, optionalOneOf } from '../http/input'
import { defineRoute, JsonText, type FastRequest } from '../http/route'
import { parseId } from '../validation/input'
import { stepTimer, timed } from '../timing'
import { shanghaiDay } from '../dates'

/** The query parameters each route takes; any other name (or `org[]=`, or a name twice) is a 400 that says which. */
const ORG = optionalInt(1, 2 ** 31 - 1)
const YEAR = optionalInt(2000, 2100)
const BAND = optionalOneOf(HOUR_BANDS.map((b) => b.key))
const TABLE = optionalOneOf(['members', 'branches', 'items', 'questions'] as const)
const MEMBER_QUERY = { org: ORG, year: YEAR, band: BAND, behind: flag, noQuiz: flag }

/** What the cockpit's handlers read of a request: Payload's, or the app server's fast path's. */
export type CockpitRequest = FastRequest

/**
 * GET /api/cockpit?org=&year= — the cockpit's data for the viewer's scope (or an organisation inside
 * it). Answered by the app server before Next (`fast`): the committee view must stay within 100 ms.
 */
const cockpitRoute = defineRoute({
  method: 'get',
  path: '/cockpit',
  callers: 'signedIn',
  fast: true,
  query: { org: ORG, year: YEAR },
  handler: async (req, { query: { org, year }, timing }) => {
    const step = stepTimer(timing)
    const scope = await scopeOf(req, org)
    step('scope')
    const now = new Date()
    // Kept between changes (src/cockpit/cache.ts); the day is in the key because the pace moves with it.
    // On a miss it is put together from the kept sections; Server-Timing names each (`<name>-kept` when kept).
    const key = JSON.stringify([scope.level, scope.root.id, year ?? null, shanghaiDay(now)])
    const { value, hit } = await cachedCockpitAnswer(req.payload, key, async () => {
      const [data, content] = await Promise.all([
        timed(timing, 'data', cockpitData(req.payload, scope, now, year, timing)),
        scope.level === 'university' ? contentWork(req.payload, now, year ?? yearOf(now), timing) : null,
      ])
      // Kept serialised: a kept answer is then written as it is (344 KB at 20,000 members).
      return new JsonText(JSON.stringify({ ...data, content }))
    })
    step(hit ? 'kept' : 'both')
    // Where the time goes (browser dev tools; `npm run bench:cockpit` prints it), written by the route's adapter.
    return { json: value }
  },
})

const memberFilterOf = (q: { band?: string; behind: boolean; noQuiz: boolean }): MemberFilter => ({
  band: HOUR_BANDS.find((b) => b.key === q.band)?.key,
  behind: q.behind,
  noQuiz: q.noQuiz,
})

/** GET /api/cockpit/members?org=&band=&behind=1&noQuiz=1&year= — the members behind a chart. */
const cockpitMembersRoute = defineRoute({
  method: 'get',
  path: '/cockpit/members',
  callers: 'signedIn',
  query: MEMBER_QUERY,
  handler: async (req, { query }) => {
    const scope = await scopeOf(req, query.org)
    return { json: await memberList(req.payload, scope, memberFilterOf(query), new Date(), query.year) }
  },
})

/**
 * GET /api/cockpit/export?table=members|branches|items|questions&… — the same tables as the
 * cockpit, as an Excel workbook. Personal data leaves the platform here: each export is audited.
 */
const cockpitExportRoute = defineRoute({
  method: 'get',
  path: '/cockpit/export',
  callers: 'signedIn',
  query: { ...MEMBER_QUERY, table: TABLE },
  handler: async (req, { query }) => {
    const { org, year, band } = query
    const table = query.table ?? 'members'
    const scope = await scopeOf(req, org)
    let sheet: Sheet
    if (table === 'members') {
      const list = await memberList(req.payload, scope, memberFilterOf(query), new Date(), year)
      const what = [
        band ? HOUR_BANDS.find((b) => b.key === band)!.label : null,
        query.behind ? '学时落后进度' : null,
        query.noQuiz ? '未参加测验' : null,
      ]
        .filter(Boolean)
        .join('，')
      sheet = {
        name: '党员学时',
        title: `${scope.root.name} 党员学时${what ? `（${what}）` : ''}`,
        ...sheetOf(columnsOf(MEMBER_TABLE, 'excel'), list.rows),
      }
    } else {
      const data = await cockpitData(req.payload, scope, new Date(), year)
      if (table === 'branches')
        sheet = {
          name: '支部',
          title: `${scope.root.name} 各支部情况（${data.year} 年）`,
          // The branch rows the admin's table shows (study.byBranch holds the same figures, in the same order).
          ...sheetOf(columnsOf(BRANCH_TABLE, 'excel'), data.branches.rows),
        }
      else if (table === 'items')
        sheet = {
          name: '最常学习',
          title: `${scope.root.name} 最常学习的内容（${data.year} 年）`,
          ...sheetOf(columnsOf(ITEM_TABLE, 'excel'), data.learning.topItems),
        }
      else if (table === 'questions')
        sheet = {
          name: '难题',
          title: `${scope.root.name} 错误率最高的题目（${data.year} 年）`,
          ...sheetOf(columnsOf(QUESTION_TABLE, 'excel'), data.quizzes.hardest),
        }
      else throw new HttpError(400, 'table 必须是 members / branches / items / questions 之一')
    }
    if (table === 'members')
      await recordAudit(req, {
        action: 'export',
        collection: 'users',
        summary: `导出 ${scope.root.name} 党员学时（${sheet.rows.length} 人）`,
      })
    return xlsxResponse(await workbook([sheet]), `${sheet.title ?? sheet.name}.xlsx`)
  },
})

/** Who may read a member's archive: the member, and those whose cockpit scope holds the member's organisation. */
const mayReadArchive = async (req: PayloadRequest, memberId: number, orgId: number | null) => {
  if (req.user?.id === memberId) return true
  if (!hasRole(req.user, 'branchSecretary', 'partyCommittee') || !orgId) return false
  try {
    return (await scopeOf(req)).orgIds.includes(orgId)
  } catch {
    return false
  }
}

const FORMAT = optionalOneOf(['xlsx'] as const)

/** GET /api/archive/:member?format=xlsx — 学习档案 (`me` for oneself). */
const archiveRoute = defineRoute({
  method: 'get',
  path: '/archive/:member',
  callers: 'signedIn',
  query: { format: FORMAT },
  handler: async (req, { query, params }) => {
    const user = req.user!
    const raw = params.member ?? ''
    const memberId = raw === 'me' ? Number(user.id) : parseId(raw)
    if (memberId === null) throw new HttpError(400, '成员编号必须是正整数或 me')
    const member = await req.payload.findByID({
      collection: 'users',
      id: memberId,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      select: { organization: true },
    })
    const orgId = member
      ? Number(
          (member as { organization?: number | { id: number } }).organization && typeof member.organization === 'object'
            ? (member.organization as { id: number }).id
            : member.organization,
        ) || null
      : null
    // Unknown and forbidden look the same: no probing for who exists.
    if (!member || !(await mayReadArchive(req, memberId, orgId))) throw new HttpError(404, '没有找到这名成员的学习档案')
    const archive = await learningArchive(req.payload, memberId)
    if (!archive) throw new HttpError(404, '没有找到这名成员的学习档案')
    const xlsx = query.format === 'xlsx'
    // Another person's archive: the read is audited (the Excel file is an export as well).
    await auditArchiveRead(req.payload, user, archive.member, req, xlsx ? 'Excel' : '接口')
    if (!xlsx) return { json: archive }
    if (memberId !== user.id)
      await recordAudit(req, { action: 'export', collection: 'users', documentId: memberId, summary: '导出学习档案' })
    const who = `${archive.member.name}（${archive.member.branch ?? ''}）`
    const body = await workbook([
      {
        name: '学时',
        title: `${who} 学习档案：各年学时`,
        columns: [
          { header: '年度', key: 'year' },
          { header: '学时', key: 'hours' },
          { header: '完成内容数', key: 'completions' },
        ],
        rows: archive.hoursByYear,
      },
      {
        name: '学习内容',
        title: `${who} 完成的学习内容`,
        columns: [
          { header: '内容', key: 'title', width: 40 },
          { header: '完成时间', key: 'completedAt', width: 22 },
          { header: '学时', key: 'hours' },
          { header: '暂不计入学时', key: 'heldHours' },
        ],
        rows: archive.items,
      },
      {
        name: '线下学时',
        title: `${who} 线下学时（培训、学习证明、组织生活）`,
        columns: [
          { header: '名称', key: 'title', width: 36 },
          { header: '来源', key: 'sourceLabel', width: 16 },
          { header: '日期', key: 'countsOn', width: 22 },
          { header: '所属年度', key: 'year' },
          { header: '证明单位', key: 'organization', width: 24 },
          { header: '学时', key: 'hours' },
        ],
        rows: archive.offline,
      },
      {
        name: '组织生活',
        title: `${who} 组织生活参加情况`,
        columns: [
          { header: '会议', key: 'topic', width: 40 },
          { header: '类型', key: 'types', width: 24 },
          { header: '时间', key: 'startsAt', width: 22 },
          { header: '所属年度', key: 'year' },
          { header: '参加情况', key: 'status', width: 16 },
        ],
        rows: archive.meetings,
      },
      {
        name: '测验',
        title: `${who} 测验成绩`,
        columns: [
          { header: '测验', key: 'title', width: 30 },
          { header: '提交时间', key: 'submittedAt', width: 22 },
          { header: '得分', key: 'score' },
          { header: '通过', key: 'passedText' },
        ],
        rows: archive.quizzes.map((q) => ({ ...q, passedText: q.passed ? '是' : '否' })),
      },
      {
        name: '结业证书',
        title: `${who} 结业证书`,
        columns: [
          { header: '课程', key: 'title', width: 40 },
          { header: '结业时间', key: 'completedAt', width: 22 },
        ],
        rows: archive.certificates,
      },
    ])
    return xlsxResponse(body, `学习档案-${archive.member.name}.xlsx`)
  },
})

export const cockpitRoutes = [cockpitRoute, cockpitMembersRoute, cockpitExportRoute, archiveRoute]
