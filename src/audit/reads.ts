import type { Payload, PayloadRequest } from 'payload'

import { recordAuditDetached } from './record'

/**
 * Reads of another person's personal data (PIPL 第五十一条, 等保 安全审计): a secretary or committee
 * staff opening a member's 学习档案, and anyone but the person receiving a phone number unmasked
 * (their branch secretary, sysAdmin). Written as action `read`, on their own connection (a read has
 * no transaction to join, and the entry must stay whatever the request does next).
 */
type Viewer = PayloadRequest['user'] | null | undefined
type HeaderSource = { headers?: Headers }

/** 学习档案 of another person, read as a page, as JSON or as Excel (the export is recorded as `export` besides). */
export const auditArchiveRead = async (
  payload: Payload,
  viewer: Viewer,
  member: { id: number | string; name?: string | null },
  source: HeaderSource,
  how: string,
): Promise<void> => {
  if (!viewer || String(viewer.id) === String(member.id)) return
  await recordAuditDetached(
    payload,
    { action: 'read', collection: 'users', documentId: member.id, summary: `查看学习档案（${how}）：${member.name ?? member.id}` },
    { ...viewer, collection: 'users' },
    source,
  )
}

type Batch = { people: Map<string, string>; timer?: ReturnType<typeof setImmediate> }
const batches = new WeakMap<object, Batch>()

/**
 * Called when a phone number leaves the server unmasked for someone who is not its owner. One
 * entry per request (a list of 50 members is one entry naming them), written once the request's
 * reads have run.
 */
export const notePhoneRead = (req: PayloadRequest, person: { id?: unknown; name?: unknown }) => {
  if (!req.user || person.id === undefined || person.id === null) return
  if (String(person.id) === String(req.user.id)) return
  let batch = batches.get(req)
  if (!batch) {
    batch = { people: new Map() }
    batches.set(req, batch)
  }
  batch.people.set(String(person.id), typeof person.name === 'string' ? person.name : String(person.id))
  if (batch.timer) return
  const viewer = { ...req.user, collection: 'users' }
  const source = { headers: req.headers }
  const current = batch
  batch.timer = setImmediate(() => {
    batches.delete(req)
    const ids = [...current.people.keys()]
    const names = [...current.people.values()]
    void recordAuditDetached(
      req.payload,
      {
        action: 'read',
        collection: 'users',
        documentId: ids.length === 1 ? ids[0] : ids.join(',').slice(0, 200),
        summary: `查看未脱敏手机号（${ids.length} 人）：${names.join('、')}`,
      },
      viewer,
      source,
    )
  })
}
