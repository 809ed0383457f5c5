import { ValidationError, type PayloadRequest } from 'payload'
import QRCode from 'qrcode'

import { idOf } from '../access/roles'
import { poolOf } from '../db/pool'
import { transact } from '../db/transaction'
import { xlsxResponse } from '../cockpit/excel'
import { yearOf } from '../study/pace'
import { isSecretaryOf, lifeSettings, orgOf, reviewsBranch } from './access'
import { branchRecord, canReadRecord, lifeOverview, overviewWorkbook, recordWorkbook } from './record'
import { scopeOf } from '../cockpit/scope'
import { HttpError } from '../http/errors'
import { jsonOf, queryText } from '../http/input'
import { defineRoute } from '../http/route'
import { keeperOf, meetingRow } from './attendance'
import { presentCount, signedIn, signInByCode } from './queries'
import { planPeriod, type Refusal } from './rules'
import { makeCode, readCode, ROTATE_SECONDS, signInWindow } from './signIn'

/** A refusal of the sign-in rules (src/meetings/rules.ts, signIn.ts) as the platform's error. */
const refusal = (r: Pick<Refusal, 'status' | 'message'>) => new HttpError(r.status, r.message)

/** The member site's address for the QR code: PUBLIC_URL when set (behind a proxy), else the request's own origin. */
const siteOrigin = (req: PayloadRequest) => {
  const configured = process.env.PUBLIC_URL?.split(',')[0]?.trim().replace(/\/$/, '')
  if (configured) return configured
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host')
  const proto = req.headers.get('x-forwarded-proto') ?? (req.url ? new URL(req.url).protocol.replace(':', '') : 'http')
  return host ? `${proto}://${host}` : ''
}

/**
 * The overview's and the record's query: org, year and format, checked by the handlers as before
 * (their own messages; any format but json is Excel). Other names are refused by the route.
 */
const RECORD_QUERY = { org: queryText, year: queryText, format: queryText }

const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16)

/**
 * GET /api/meetings/:id/sign-in-code → the current code, the URL it stands for and its QR as SVG, for
 * the meeting's secretary or recorder to show at the meeting (the member site's /meetings/:id/code
 * asks again every ROTATE_SECONDS). POST /api/meetings/sign-in {code} → signs the member in: one row
 * per member and meeting (the table's unique index), in one statement, so a lecture hall of members
 * scanning at once neither loses nor doubles a sign-in.
 */
export const meetingRoutes = [
  defineRoute({
    // POST /api/meetings/plan — a month's or a term's plan at once (issue 16 §1). The secretary:
    // {period, action: 'submit'} sends every draft or returned plan of the period to review; committee
    // staff above: {period, branch, action: 'approve' | 'return', reason} decide all the branch's
    // submitted plans of the period. Each meeting goes through the same hooks as one by one
    // (planTransition), in one transaction: all or none.
    method: 'post',
    path: '/meetings/plan',
    collection: 'meetings',
    callers: 'signedIn',
    handler: async (req, { text }) => {
      const user = req.user!
      // Read leniently, as before: not JSON is an empty body, refused below field by field.
      const body = (jsonOf(await text()) ?? {}) as {
        period?: unknown
        action?: unknown
        branch?: unknown
        reason?: unknown
      }
      const range = planPeriod(body.period)
      if (!range) throw new HttpError(400, '计划期间须是月份（如 2026-12）或学期（如 2026-autumn 秋季学期、2027-spring 春季学期）')
      const action = body.action
      if (action !== 'submit' && action !== 'approve' && action !== 'return')
        throw new HttpError(400, 'action 须是 submit（报送）、approve（批准）或 return（退回）')
      const branch = action === 'submit' ? orgOf(user) : Number(body.branch)
      if (!branch || !Number.isInteger(branch)) throw new HttpError(400, '请指明要审核的支部（branch）')
      if (action === 'submit' ? !isSecretaryOf(user, branch) : !(await reviewsBranch(req.payload, user, branch)))
        throw new HttpError(403, action === 'submit' ? '组织生活计划由本支部书记报送' : '只能审核所辖支部的组织生活计划')
      const reason = typeof body.reason === 'string' ? body.reason.trim() : ''
      if (action === 'return' && !reason) throw new HttpError(400, '退回时请填写理由，支部据此修改后重新报审')
      const { docs } = await req.payload.find({
        collection: 'meetings',
        where: {
          and: [
            { organization: { equals: branch } },
            { status: { in: action === 'submit' ? ['draft', 'returned'] : ['submitted'] } },
            { startsAt: { greater_than_equal: range.from.toISOString() } },
            { startsAt: { less_than: range.to.toISOString() } },
          ],
        },
        sort: 'startsAt',
        limit: 500,
        depth: 0,
        overrideAccess: false,
        user,
      })
      if (!docs.length) throw new HttpError(400, `${range.label}没有${action === 'submit' ? '待报送' : '待审核'}的组织生活计划`)
      const status = { submit: 'submitted', approve: 'approved', return: 'returned' }[action] as 'submitted' | 'approved' | 'returned'
      let current = docs[0]
      try {
        await transact(req, async () => {
          for (const m of docs) {
            current = m
            await req.payload.update({
              collection: 'meetings',
              id: m.id,
              data: { status, ...(action === 'return' ? { returnReason: reason } : {}) },
              depth: 0,
              overrideAccess: false,
              user,
              req,
            })
          }
        })
      } catch (error) {
        // Which plan held the period back, and why (a field refusal's own message, not "field invalid").
        const fields = error instanceof ValidationError ? error.data.errors.map((e) => e.message).join('；') : null
        if (fields) throw new HttpError(400, `「${current.topic}」：${fields}；本期间的计划都未${action === 'submit' ? '报送' : '处理'}`)
        throw error
      }
      const done = { submit: '报送院级党委审核', approve: '批准', return: '退回' }[action]
      return {
        json: {
          message: `${range.label}的组织生活计划 ${docs.length} 项已${done}`,
          count: docs.length,
          ids: docs.map((m) => m.id),
        },
      }
    },
  }),
  defineRoute({
    // GET /api/meetings/overview?org=&year=[&format=json] → 组织生活 of every branch in the viewer's
    // cockpit scope, as Excel, or as JSON for the cockpit's 组织生活 section (src/meetings/admin).
    method: 'get',
    path: '/meetings/overview',
    collection: 'meetings',
    // A bad year is a 400 before the login is asked for (scopeOf: 401 without a user), as before.
    callers: 'anyone',
    query: RECORD_QUERY,
    handler: async (req, { query: q }) => {
      const year = Number(q.year ?? yearOf(new Date()))
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new HttpError(400, 'year 须是四位年份，如 2026')
      const org = q.org ? Number(q.org) : undefined
      const scope = await scopeOf(req, org)
      const rows = await lifeOverview(req.payload, scope.orgIds, year)
      if (q.format === 'json') return { json: { scope: { id: scope.root.id, name: scope.root.name }, year, rows } }
      return xlsxResponse(await overviewWorkbook(rows, year, scope.root.name), `${scope.root.name}${year}年度组织生活情况.xlsx`)
    },
  }),
  defineRoute({
    // GET /api/meetings/record?org=&year=[&format=json] → the branch's annual 组织生活记录 as Excel
    // (src/meetings/record.ts), or as JSON for the cockpit's drill-down.
    method: 'get',
    path: '/meetings/record',
    collection: 'meetings',
    callers: 'signedIn',
    query: RECORD_QUERY,
    handler: async (req, { query: q }) => {
      const user = req.user!
      const org = Number(q.org ?? idOf(user.organization))
      const year = Number(q.year ?? yearOf(new Date()))
      if (!Number.isInteger(org) || org <= 0) throw new HttpError(400, 'org 须是支部编号')
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new HttpError(400, 'year 须是四位年份，如 2026')
      if (!(await canReadRecord(req.payload, user, org))) throw new HttpError(403, '只能导出本支部或本党委所辖支部的组织生活记录')
      const record = await branchRecord(req.payload, org, year)
      if (q.format === 'json') return { json: record }
      return xlsxResponse(await recordWorkbook(record), `${record.branch.name}${year}年度组织生活记录.xlsx`)
    },
  }),
  defineRoute({
    method: 'get',
    path: '/meetings/:id/sign-in-code',
    collection: 'meetings',
    callers: 'signedIn',
    handler: async (req, { params }) => {
      const user = req.user!
      const id = Number(params.id)
      const m = Number.isInteger(id) && id > 0 ? await meetingRow(req, id) : null
      if (!m) throw new HttpError(404, '找不到这次会议')
      if (!keeperOf(user, m)) throw new HttpError(403, '签到码由本次会议的记录人或支部书记展示')
      if (m.status === 'recorded') throw new HttpError(400, '会议纪要已确认，签到已结束')
      if (m.status !== 'approved') throw new HttpError(400, '计划经院级党委批准后才能签到')
      const now = new Date()
      const closed = signInWindow(m, now)
      if (closed) throw refusal(closed)
      const { signInCodeMinutes } = await lifeSettings(req.payload, req)
      const code = makeCode(req.payload.secret, m.id, now)
      const url = `${siteOrigin(req)}/meetings/sign-in?c=${encodeURIComponent(code)}`
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      const present = await presentCount(poolOf(req.payload), m.id)
      return {
        json: {
          code,
          url,
          svg,
          rotateSeconds: ROTATE_SECONDS,
          validMinutes: signInCodeMinutes,
          present,
          topic: m.topic,
        },
      }
    },
  }),
  defineRoute({
    method: 'post',
    path: '/meetings/sign-in',
    collection: 'meetings',
    // Its own words for no user (the member has just scanned the code), so the check is here.
    callers: 'anyone',
    handler: async (req, { text }) => {
      const user = req.user
      if (!user) throw new HttpError(401, '请先登录后再扫码签到')
      const body = (jsonOf(await text()) ?? null) as { code?: unknown } | null
      const now = new Date()
      const { signInCodeMinutes } = await lifeSettings(req.payload, req)
      const read = readCode(req.payload.secret, body?.code, now, signInCodeMinutes)
      if ('status' in read) throw refusal(read)
      const m = await meetingRow(req, read.meetingId)
      if (!m) throw new HttpError(404, '找不到这次会议')
      if (m.status === 'recorded') throw new HttpError(400, '会议纪要已确认，签到已结束；如确实参会，请联系支部书记')
      if (m.status !== 'approved') throw new HttpError(400, '这次会议已取消或尚未批准，不能签到')
      const closed = signInWindow(m, now)
      if (closed) throw refusal(closed)
      if (Number(idOf(user.organization)) !== m.organization)
        throw new HttpError(403, `这是「${m.orgName}」的会议，你不是该支部的人员，不能签到；列席人员请由会议记录人登记`)
      // One statement: a new row, or a leave request turned into presence (they came after all); an existing presence stays as it was.
      const signed = await signInByCode(poolOf(req.payload), {
        meeting: m.id,
        member: user.id,
        organization: m.organization,
        signedInAt: now,
      })
      if (!signed) {
        const had = await signedIn(poolOf(req.payload), m.id, user.id)
        const at = had?.signed_in_at ? `于 ${hhmm(new Date(had.signed_in_at))} ` : ''
        throw new HttpError(409, `你已${at}签到，无需重复签到`)
      }
      return { json: { message: `签到成功（${hhmm(now)}）`, meeting: { id: m.id, topic: m.topic }, signedInAt: now.toISOString() } }
    },
  }),
]
