import type { PayloadRequest } from 'payload'

import { workbook, xlsxResponse } from '../cockpit/excel'
import { HttpError } from '../http/errors'
import { jsonOf } from '../http/input'
import { defineRoute } from '../http/route'
import { POLITICAL_STAGE_LABELS, type PoliticalStage } from '../people/stages'
import { caseBundle } from './archive'
import { developmentFunnel } from './read'
import { apply, castBallot, closeVote, doStep, handleObjection, object, openVote, postNotice } from './service'

const FUNNEL_REFUSAL = '发展党员情况由所辖党组织的党委（党总支）查看'

/**
 * An act of the development service as a route. Its refusals (DevelopmentError, with the day a step
 * becomes possible as data) are answered by the route adapter. The body is read leniently, as
 * before: not JSON is an empty body, and the service checks the fields it reads.
 */
const act = (path: string, fn: (req: PayloadRequest, id: unknown, body: Record<string, unknown>) => Promise<unknown>, okStatus = 200) =>
  defineRoute({
    method: 'post',
    path,
    collection: 'development-cases',
    // The service refuses no user (401 请先登录) and a disabled account (403 账号已停用) itself, in the same words.
    callers: 'signedIn',
    handler: async (req, { params, text }) => {
      const body = (jsonOf(await text()) ?? {}) as Record<string, unknown>
      return { status: okStatus, json: (await fn(req, params.id, body)) ?? { ok: true } }
    },
  })

/**
 * 发展党员 (issue 17), mounted under /api/development-cases:
 * POST /apply {date?, notes?, documents?} — the person's application (step 1) opens their case;
 * POST /:id/steps {no, date?, notes?, documents?} — a step by the role the rules name;
 * POST /:id/notices {postedOn?, content?} — 公示 before the next step (the branch secretary);
 * POST /notices/:id/objections {text} — an objection during the window; POST /notices/:id/handle {objection, handling};
 * POST /:id/votes {motion, meeting?, extensionMonths?} — a branch vote on step 15 or 23 (the secretary);
 * POST /votes/:id/ballot {choice, mode?} — one secret ballot; POST /votes/:id/close — count and write the result.
 */
export const developmentRoutes = [
  act('/development-cases/apply', (req, _id, b) => apply(req, b).then((id) => ({ id })), 201),
  act('/development-cases/:id/steps', (req, id, b) => doStep(req, id, b), 201),
  act('/development-cases/:id/notices', (req, id, b) => postNotice(req, id, b), 201),
  act('/development-cases/notices/:id/objections', (req, id, b) => object(req, id, b), 201),
  act('/development-cases/notices/:id/handle', (req, id, b) => handleObjection(req, id, b)),
  act('/development-cases/:id/votes', (req, id, b) => openVote(req, id, b), 201),
  act('/development-cases/votes/:id/ballot', (req, id, b) => castBallot(req, id, b), 201),
  act('/development-cases/votes/:id/close', (req, id) => closeVote(req, id)),
  defineRoute({
    // GET /:id/bundle.pdf — the case's documents as one PDF with a cover list (归档, step 25), for the case's readers.
    method: 'get',
    path: '/development-cases/:id/bundle.pdf',
    collection: 'development-cases',
    callers: 'signedIn',
    handler: async (req, { params }) => {
      const bundle = await caseBundle(req.payload, req.user!, params.id)
      if (!bundle) throw new HttpError(404, '找不到该发展档案，或您无权查看')
      return new Response(Buffer.from(bundle.pdf), {
        headers: {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="case.pdf"; filename*=UTF-8''${encodeURIComponent(bundle.filename)}`,
          'Cache-Control': 'private, no-store',
        },
      })
    },
  }),
  defineRoute({
    // GET /funnel.xlsx — the committee's funnel as Excel: every case in progress below it, and the overdue steps.
    method: 'get',
    path: '/development-cases/funnel.xlsx',
    collection: 'development-cases',
    callers: ['partyCommittee'],
    refusal: FUNNEL_REFUSAL,
    handler: async (req) => {
      const funnel = await developmentFunnel(req.payload, req.user!)
      // Committee staff without an organisation below their own: the same refusal.
      if (!funnel) throw new HttpError(403, FUNNEL_REFUSAL)
      const stage = (s: string) => POLITICAL_STAGE_LABELS[s as PoliticalStage]?.zh ?? s
      const columns = [
        { header: '姓名', key: 'person', width: 12 },
        { header: '支部', key: 'branch', width: 24 },
        { header: '阶段', key: 'stage', width: 12 },
        { header: '下一步', key: 'next', width: 28 },
        { header: '情况', key: 'note', width: 48 },
      ]
      const row = (r: (typeof funnel.rows)[number]) => ({
        person: r.person,
        branch: r.branch,
        stage: stage(r.stage),
        next: r.next ? `第 ${r.next.no} 步 ${r.next.title}` : '',
        note: [...r.overdue.map((o) => `第 ${o.step.no} 步逾期（应于 ${o.due} 前）`), r.blocked?.reason ?? ''].filter(Boolean).join('；'),
      })
      const body = await workbook([
        {
          name: '按阶段',
          columns: [
            { header: '阶段', key: 'stage', width: 14 },
            { header: '人数', key: 'count', width: 8 },
            { header: '本阶段平均已用天数', key: 'days', width: 18 },
          ],
          rows: funnel.stages.map((s) => ({ stage: stage(s.stage), count: s.count, days: funnel.meanDays[s.stage] ?? '' })),
        },
        {
          name: '按党组织',
          columns: [
            { header: '党组织', key: 'org', width: 24 },
            ...funnel.stages.map((s) => ({ header: stage(s.stage), key: s.stage, width: 12 })),
          ],
          rows: funnel.byOrg.map((o) => ({ org: o.org, ...o.counts })),
        },
        { name: '逾期步骤', columns, rows: funnel.overdue.map(row) },
        { name: '进行中的档案', columns, rows: funnel.rows.map(row) },
      ])
      return xlsxResponse(body, '发展党员情况.xlsx')
    },
  }),
]
