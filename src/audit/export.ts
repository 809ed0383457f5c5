import type { Where } from 'payload'

import { workbook, xlsxResponse } from '../cockpit/excel'
import { HttpError } from '../http/errors'
import { defineRoute } from '../http/route'
import { targetLabel } from './labels'
import { recordAudit } from './record'
import { checkQueryNames, isDateTime } from '../validation/input'

const MAX_ROWS = 50_000

/** Beijing time with its zone, as the trail is read in China: 2026-11-21 20:31:05 +08:00. */
export const shanghaiTime = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} +08:00`
}

const ACTIONS = new Set([
  'login',
  'loginFailed',
  'lockout',
  'logout',
  'sessionRevoked',
  'passwordChange',
  'totp',
  'roleChange',
  'settingsChange',
  'accessDenied',
  'rateLimited',
  'deletionRequest',
  'anonymise',
  'create',
  'update',
  'delete',
  'publish',
  'withdraw',
  'export',
])

/** The filters the export understands, from the query string; a message for anything malformed. */
export const auditFilter = (url: URL, query: Record<string, unknown> = {}): { where: Where } | { error: string } => {
  const p = url.searchParams
  // The list's own filters (where[…] and search, as Payload's list view puts them in its URL) pass
  // through as they are: the admin has one filter bar, and 导出 Excel exports what it shows.
  const plain = new URLSearchParams([...p.entries()].filter(([k]) => !k.startsWith('where[') && k !== 'search'))
  const names = checkQueryNames(plain, ['action', 'result', 'from', 'to', 'q'])
  if (names) return { error: names.message }
  const and: Where[] = []
  if (query.where !== undefined) {
    if (!query.where || typeof query.where !== 'object' || Array.isArray(query.where))
      return { error: '筛选条件格式不正确，请在审计日志列表中重新设置筛选' }
    and.push(query.where as Where)
  }
  const search = p.get('search')?.trim()
  if (search) {
    if (search.length > 100) return { error: '搜索词不能超过 100 个字符' }
    and.push({ or: [{ summary: { like: search } }, { actorName: { like: search } }, { ip: { like: search } }] })
  }
  const action = p.get('action')
  if (action) {
    if (!ACTIONS.has(action)) return { error: `未知的操作类型：${action.slice(0, 40)}` }
    and.push({ action: { equals: action } })
  }
  const result = p.get('result')
  if (result) {
    if (!['success', 'failure', 'denied'].includes(result)) return { error: 'result 只能是 success、failure 或 denied' }
    and.push({ result: { equals: result } })
  }
  for (const [key, op] of [
    ['from', 'greater_than_equal'],
    ['to', 'less_than'],
  ] as const) {
    const value = p.get(key)
    if (!value) continue
    if (!isDateTime(value)) return { error: `${key} 不是有效日期，请用 2026-11-21 的格式` }
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value)
    if (Number.isNaN(date.getTime())) return { error: `${key} 不是有效日期，请用 2026-11-21 的格式` }
    // "to" is inclusive of the whole day named.
    if (key === 'to' && /^\d{4}-\d{2}-\d{2}$/.test(value)) date.setTime(date.getTime() + 86_400_000)
    and.push({ createdAt: { [op]: date.toISOString() } })
  }
  const q = p.get('q')?.trim()
  if (q) {
    if (q.length > 100) return { error: '关键词不能超过 100 个字符' }
    and.push({ or: [{ summary: { contains: q } }, { actorName: { contains: q } }, { ip: { contains: q } }] })
  }
  return { where: and.length ? { and } : {} }
}

/** GET /api/audit-logs/export?action=&result=&from=&to=&q= (or the list's where[…]&search=) — the auditor's Excel of the trail. */
export const auditExportRoute = defineRoute({
  method: 'get',
  path: '/audit-logs/export',
  collection: 'audit-logs',
  callers: ['auditor'],
  refusal: '只有安全审计员可以导出审计日志',
  // auditFilter checks the names itself: the list's where[…] are not a fixed set.
  anyQuery: true,
  handler: async (req) => {
    const filter = auditFilter(new URL(req.url ?? 'http://x'), (req.query ?? {}) as Record<string, unknown>)
    if ('error' in filter) throw new HttpError(400, filter.error)
    const found = await req.payload
      .find({
        collection: 'audit-logs',
        where: filter.where,
        user: req.user,
        overrideAccess: false,
        depth: 0,
        limit: MAX_ROWS,
        sort: '-createdAt',
      })
      .catch((error: unknown) => {
        // A filter naming a field the trail does not have, or a value of the wrong type.
        if ((error as { status?: number }).status === 400) return null
        throw error
      })
    if (!found) throw new HttpError(400, '筛选条件中有无法查询的字段或值，请在审计日志列表中重新设置筛选')
    if (found.totalDocs > MAX_ROWS)
      throw new HttpError(400, `符合条件的记录有 ${found.totalDocs} 条，超过单次导出上限 ${MAX_ROWS} 条，请缩小时间范围`)
    const labels = Object.fromEntries(
      (
        (
          req.payload.collections['audit-logs'].config.fields.find((f) => 'name' in f && f.name === 'action') as {
            options?: Array<{ value: string; label: { zh: string } }>
          }
        )?.options ?? []
      ).map((o) => [o.value, o.label.zh]),
    )
    const resultLabels: Record<string, string> = { success: '成功', failure: '失败', denied: '拒绝' }
    const body = await workbook([
      {
        name: '审计日志',
        title: `审计日志导出（${shanghaiTime(new Date().toISOString())}，共 ${found.docs.length} 条）`,
        columns: [
          { header: '时间', key: 'time', width: 26 },
          { header: '操作人', key: 'actor', width: 14 },
          { header: '操作', key: 'action', width: 14 },
          { header: '结果', key: 'result', width: 8 },
          { header: '对象类型', key: 'collection', width: 16 },
          { header: '对象 ID', key: 'documentId', width: 10 },
          { header: '摘要', key: 'summary', width: 50 },
          { header: '变更字段', key: 'changed', width: 24 },
          { header: '来源地址', key: 'ip', width: 16 },
        ],
        rows: found.docs.map((d) => ({
          time: shanghaiTime(d.createdAt),
          actor: d.actorName ?? '',
          action: labels[d.action] ?? d.action,
          result: resultLabels[d.result] ?? d.result,
          collection: targetLabel(req.payload, d.targetCollection),
          documentId: d.documentId ?? '',
          summary: d.summary,
          changed: d.changedFields ?? '',
          ip: d.ip ?? '',
        })),
      },
    ])
    await recordAudit(req, { action: 'export', collection: 'audit-logs', summary: `导出审计日志 ${found.docs.length} 条` })
    return xlsxResponse(body, `审计日志-${new Date().toISOString().slice(0, 10)}.xlsx`)
  },
})
