import type { Endpoint, PayloadRequest } from 'payload'

import { workbook, xlsxResponse } from '../cockpit/excel'
import { POLITICAL_STAGE_LABELS, type PoliticalStage } from '../people/stages'
import { caseBundle } from './archive'
import { developmentFunnel } from './read'
import { apply, castBallot, closeVote, DevelopmentError, doStep, handleObjection, object, openVote, postNotice } from './service'

const body = async (req: PayloadRequest) => ((await req.json?.().catch(() => null)) ?? {}) as Record<string, unknown>

/** Runs an act of the development service; its refusal as the platform's error shape (with the day a step becomes possible). */
const act =
  (fn: (req: PayloadRequest, id: unknown, body: Record<string, unknown>) => Promise<unknown>, okStatus = 200): Endpoint['handler'] =>
  async (req) => {
    try {
      const result = await fn(req, req.routeParams?.id, await body(req))
      return Response.json(result ?? { ok: true }, { status: okStatus })
    } catch (error) {
      if (error instanceof DevelopmentError)
        return Response.json(
          { errors: [{ message: error.message, ...(error.from ? { data: { from: error.from } } : {}) }] },
          { status: error.status },
        )
      throw error
    }
  }

/**
 * 发展党员 (issue 17), mounted under /api/development-cases:
 * POST /apply {date?, notes?, documents?} — the person's application (step 1) opens their case;
 * POST /:id/steps {no, date?, notes?, documents?} — a step by the role the rules name;
 * POST /:id/notices {postedOn?, content?} — 公示 before the next step (the branch secretary);
 * POST /notices/:id/objections {text} — an objection during the window; POST /notices/:id/handle {objection, handling};
 * POST /:id/votes {motion, meeting?, extensionMonths?} — a branch vote on step 15 or 23 (the secretary);
 * POST /votes/:id/ballot {choice, mode?} — one secret ballot; POST /votes/:id/close — count and write the result.
 */
export const developmentEndpoints: Endpoint[] = [
  { path: '/apply', method: 'post', handler: act((req, _id, b) => apply(req, b).then((id) => ({ id })), 201) },
  { path: '/:id/steps', method: 'post', handler: act((req, id, b) => doStep(req, id, b), 201) },
  { path: '/:id/notices', method: 'post', handler: act((req, id, b) => postNotice(req, id, b), 201) },
  { path: '/notices/:id/objections', method: 'post', handler: act((req, id, b) => object(req, id, b), 201) },
  { path: '/notices/:id/handle', method: 'post', handler: act((req, id, b) => handleObjection(req, id, b)) },
  { path: '/:id/votes', method: 'post', handler: act((req, id, b) => openVote(req, id, b), 201) },
  { path: '/votes/:id/ballot', method: 'post', handler: act((req, id, b) => castBallot(req, id, b), 201) },
  { path: '/votes/:id/close', method: 'post', handler: act((req, id) => closeVote(req, id)) },
  {
    // GET /:id/bundle.pdf — the case's documents as one PDF with a cover list (归档, step 25), for the case's readers.
    path: '/:id/bundle.pdf',
    method: 'get',
    handler: async (req) => {
      if (!req.user) return Response.json({ errors: [{ message: '请先登录' }] }, { status: 401 })
      const bundle = await caseBundle(req.payload, req.user, req.routeParams?.id)
      if (!bundle) return Response.json({ errors: [{ message: '找不到该发展档案，或您无权查看' }] }, { status: 404 })
      return new Response(Buffer.from(bundle.pdf), {
        headers: {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="case.pdf"; filename*=UTF-8''${encodeURIComponent(bundle.filename)}`,
          'Cache-Control': 'private, no-store',
        },
      })
    },
  },
  {
    // GET /funnel.xlsx — the committee's funnel as Excel: every case in progress below it, and the overdue steps.
    path: '/funnel.xlsx',
    method: 'get',
    handler: async (req) => {
      if (!req.user) return Response.json({ errors: [{ message: '请先登录' }] }, { status: 401 })
      const funnel = await developmentFunnel(req.payload, req.user)
      if (!funnel) return Response.json({ errors: [{ message: '发展党员情况由所辖党组织的党委（党总支）查看' }] }, { status: 403 })
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
  },
]
