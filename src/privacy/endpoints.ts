import { hasRole } from '../access/roles'
import { clientIp, recordAudit } from '../audit/record'
import { transact } from '../db/transaction'
import { HttpError } from '../http/errors'
import { optionalString } from '../http/input'
import { defineRoute } from '../http/route'
import { anonymisePerson } from './anonymise'
import { personalData } from './export'
import { adminRolesOf, completeDeletionRequest, insertAnonymiseAudit, lockDeletionRequest } from './queries'

/**
 * The bodies' fields: text of at most 1000 characters, or absent; any other field is a 400, and an
 * empty body asks nothing (src/http/route.ts). These requests delete people's data: nothing in them
 * is guessed at or silently cut short.
 */
const NOTE = { note: optionalString(1000) }

const textOf = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '')

/** GET /api/personal-data: everything held about the signed-in person, as a JSON file (PIPL art. 45). */
export const personalDataRoute = defineRoute({
  method: 'get',
  path: '/personal-data',
  callers: 'signedIn',
  query: {},
  handler: async (req) => {
    const user = req.user!
    const data = await personalData(req.payload, user)
    await recordAudit(req, { action: 'export', collection: 'users', documentId: user.id, summary: '下载本人全部个人信息' })
    const day = new Date().toISOString().slice(0, 10)
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="personal-data-${day}.json"; filename*=UTF-8''${encodeURIComponent(`我的个人信息-${day}.json`)}`,
        'Cache-Control': 'no-store',
      },
    })
  },
})

const DECIDERS = { callers: ['sysAdmin'], refusal: '只有系统管理员可以处理个人信息删除申请' } as const

const requestIdOf = (raw: string | undefined) => {
  const id = Number(raw)
  if (!(Number.isInteger(id) && id > 0 && id < 2 ** 31)) throw new HttpError(400, '申请编号不正确')
  return id
}

/**
 * POST /api/deletion-requests/request {reason?}: the member asks for deletion (one open request at a time).
 * POST /api/deletion-requests/:id/approve {note?}: sysAdmin; the person's data is anonymised, the
 *   request closed and the audit entry written in one database transaction.
 * POST /api/deletion-requests/:id/reject {note}: sysAdmin, with the reason the member will read.
 */
export const deletionRequestRoutes = [
  defineRoute({
    method: 'post',
    path: '/deletion-requests/request',
    collection: 'deletion-requests',
    callers: 'signedIn',
    body: { reason: optionalString(1000) },
    bodyOptional: true,
    handler: async (req, { body }) => {
      const user = req.user!
      if (hasRole(user, 'sysAdmin', 'securityAdmin', 'auditor')) {
        throw new HttpError(409, '三员账号不能申请删除：请先由安全管理员撤销其管理员角色')
      }
      const open = await req.payload.count({
        collection: 'deletion-requests',
        where: { and: [{ member: { equals: user.id } }, { status: { equals: 'pending' } }] },
      })
      if (open.totalDocs > 0) throw new HttpError(409, '您已有一份待处理的删除申请，请等待系统管理员处理')
      const doc = await req.payload.create({
        collection: 'deletion-requests',
        overrideAccess: true,
        req,
        depth: 0,
        data: {
          member: user.id as number,
          memberName: String((user as { name?: string }).name ?? ''),
          status: 'pending',
          reason: textOf(body.reason, 1000),
        },
      })
      await recordAudit(req, {
        action: 'deletionRequest',
        collection: 'deletion-requests',
        documentId: doc.id,
        summary: '申请删除本人个人信息',
      })
      return Response.json(
        { message: '删除申请已提交，系统管理员处理后会注销您的账号并删除个人信息', request: { id: doc.id, status: doc.status } },
        { status: 201 },
      )
    },
  }),
  defineRoute({
    method: 'post',
    path: '/deletion-requests/:id/approve',
    collection: 'deletion-requests',
    ...DECIDERS,
    body: NOTE,
    bodyOptional: true,
    handler: async (req, { body, params }) => {
      const id = requestIdOf(params.id)
      const user = req.user!
      // Refusals too roll it back: nothing of the request is kept.
      const name = await transact(req, async (tx) => {
        const request = await lockDeletionRequest(tx, id)
        if (!request) throw new HttpError(404, '找不到这份删除申请')
        if (request.status !== 'pending') throw new HttpError(409, '这份申请已经处理过了')
        const memberId = request.member_id
        if (String(memberId) === String(user.id)) throw new HttpError(409, '不能处理本人的删除申请')
        // The three administrators are never anonymised (nor can they ask): the role is withdrawn first,
        // and the last holder of each keeps it (src/auth/credentials.ts).
        if ((await adminRolesOf(tx, memberId)).length) {
          throw new HttpError(
            409,
            '该账号现为三员（系统管理员、安全管理员或安全审计员）账号，不能匿名化：请先由安全管理员撤销其管理员角色，再批准申请',
          )
        }
        const name = await anonymisePerson(tx, memberId)
        await completeDeletionRequest(tx, id, { note: textOf(body.note, 1000) || null, decidedBy: user.id })
        await insertAnonymiseAudit(tx, {
          documentId: String(memberId),
          summary: `批准删除申请 #${id}：个人信息已删除，账号改为「${name}」`,
          actorId: user.id,
          actorName: String((user as { name?: string }).name ?? user.email),
          ip: clientIp(req) ?? null,
          userAgent: req.headers.get('user-agent')?.slice(0, 300) ?? null,
        })
        return name
      })
      return Response.json({ message: `已删除该用户的个人信息，账号显示为「${name}」`, request: { id, status: 'completed' } })
    },
  }),
  defineRoute({
    method: 'post',
    path: '/deletion-requests/:id/reject',
    collection: 'deletion-requests',
    ...DECIDERS,
    body: NOTE,
    bodyOptional: true,
    handler: async (req, { body, params }) => {
      const id = requestIdOf(params.id)
      const note = textOf(body.note, 1000)
      if (!note) throw new HttpError(400, '驳回时请填写理由（note），申请人会看到')
      const existing = await req.payload.findByID({
        collection: 'deletion-requests',
        id,
        depth: 0,
        overrideAccess: false,
        user: req.user,
        disableErrors: true,
      })
      if (!existing) throw new HttpError(404, '找不到这份删除申请')
      if (existing.status !== 'pending') throw new HttpError(409, '这份申请已经处理过了')
      await req.payload.update({
        collection: 'deletion-requests',
        id,
        overrideAccess: true,
        req,
        depth: 0,
        data: { status: 'rejected', decisionNote: note, decidedBy: req.user!.id as number, decidedAt: new Date().toISOString() },
      })
      await recordAudit(req, {
        action: 'deletionRequest',
        result: 'denied',
        collection: 'deletion-requests',
        documentId: id,
        summary: `驳回删除申请 #${id}`,
      })
      return Response.json({ message: '已驳回该申请', request: { id, status: 'rejected' } })
    },
  }),
]
