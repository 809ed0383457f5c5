import type { Payload, PayloadRequest } from 'payload'

import { formatAdminDateTime } from '../dates'
import { hasRole, idOf } from '../access/roles'
import { transact } from '../db/transaction'
import { studyTargets, targetFor } from '../ledger/targets'
import { mailNewNotifications } from '../mail/notifications'
import { poolOf } from '../db/pool'
import { expectedHours, yearOf } from '../study/pace'
import { shanghaiDay } from '../warnings/checks'
import { HttpError } from '../http/errors'
import { jsonOf } from '../http/input'
import { defineRoute } from '../http/route'

/** At most one 提醒 a member a week, whoever sends it: a reminder is a nudge, not a stream of pressure. */
export const REMINDER_INTERVAL_DAYS = 7
export const REMINDER_KIND = 'branchReminder'

export class ReminderError extends HttpError {
  constructor(
    status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(status, message, retryAfterSeconds ? { headers: { 'Retry-After': String(retryAfterSeconds) } } : {})
  }
}

type Person = { id: number; name: string; organization: number | null; active: boolean | null; roles: string[] }

const personOf = async (payload: Payload, id: number): Promise<Person | null> => {
  const { rows } = await poolOf(payload).query(
    `SELECT id, name, organization_id, active, ARRAY(SELECT value::text FROM users_roles WHERE parent_id = users.id) AS roles FROM users WHERE id = $1`,
    [id],
  )
  return rows[0]
    ? {
        id: Number(rows[0].id),
        name: String(rows[0].name),
        organization: rows[0].organization_id === null ? null : Number(rows[0].organization_id),
        active: rows[0].active,
        roles: rows[0].roles as string[],
      }
    : null
}

/** The latest reminder of each of these members (for the roster: when, and whether 提醒 is open again). */
export const lastReminders = async (payload: Payload, memberIds: number[]): Promise<Map<number, Date>> => {
  if (!memberIds.length) return new Map()
  const { rows } = await poolOf(payload).query(
    `SELECT recipient_id, max(created_at) AS at FROM notifications WHERE kind::text = $1 AND recipient_id = ANY($2::int[]) GROUP BY recipient_id`,
    [REMINDER_KIND, memberIds],
  )
  return new Map(rows.map((r) => [Number(r.recipient_id), new Date(r.at)]))
}

export const nextReminderAt = (last: Date) => new Date(last.getTime() + REMINDER_INTERVAL_DAYS * 86_400_000)

/**
 * The branch secretary's 提醒: one notification to a member of their own branch, with the member's
 * year so far. Checked and written in one transaction under a lock on the member, so two clicks (or
 * two secretaries) at once still make one reminder a week.
 */
export const remindMember = async (
  payload: Payload,
  secretary: NonNullable<PayloadRequest['user']>,
  memberId: number,
  now = new Date(),
) => {
  if (!hasRole(secretary, 'branchSecretary')) throw new ReminderError(403, '只有党支部书记可以提醒党员')
  const branch = idOf((secretary as { organization?: unknown }).organization)
  if (branch === null) throw new ReminderError(403, '你还没有负责的党支部，请联系党委组织部设置')
  if (String(memberId) === String(secretary.id)) throw new ReminderError(400, '不能提醒自己')
  const member = await personOf(payload, memberId)
  // The same answer for someone elsewhere and for no one: the secretary learns nothing about other branches.
  if (!member || String(member.organization) !== String(branch)) throw new ReminderError(403, '只能提醒本支部的党员')
  if (member.active === false) throw new ReminderError(409, `${member.name}的账号已停用，无法接收提醒`)

  const target = targetFor(await studyTargets(payload), member.roles)
  const year = yearOf(now)
  const expected = expectedHours(target, now, year)
  const pool = poolOf(payload)
  const { rows: hoursRows } = await pool.query(
    `SELECT coalesce(hours, 0) AS hours FROM study_member_year WHERE member_id = $1 AND year = $2`,
    [member.id, year],
  )
  const hours = Math.round(Number(hoursRows[0]?.hours ?? 0) * 100) / 100
  const { rows: orgRows } = await pool.query(`SELECT name FROM organizations WHERE id = $1`, [branch])
  const branchName = String(orgRows[0]?.name ?? '本支部')
  const secretaryName = String((secretary as { name?: unknown }).name ?? '支部书记')

  const inserted = await transact(payload, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1), $2)`, [REMINDER_KIND, member.id])
    const { rows: recent } = await tx.query(
      `SELECT max(created_at) AS at FROM notifications WHERE recipient_id = $1 AND kind::text = $2 AND created_at > $3`,
      [member.id, REMINDER_KIND, new Date(now.getTime() - REMINDER_INTERVAL_DAYS * 86_400_000)],
    )
    if (recent[0]?.at) {
      const last = new Date(recent[0].at)
      const next = nextReminderAt(last)
      throw new ReminderError(
        429,
        `已于 ${formatAdminDateTime(last)} 提醒过${member.name}。每位党员每周最多提醒一次，${formatAdminDateTime(next)} 后可再次提醒。`,
        Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 1000)),
      )
    }
    const behind = hours < expected
    const body = `${secretaryName}（${branchName}书记）提醒你：今年已学习 ${hours} 学时，按进度今天应达 ${expected} 学时，全年目标 ${target} 学时。${behind ? '请抽时间补上进度。' : '进度良好，请继续保持。'}`
    const { rows } = await tx.query(
      `INSERT INTO notifications (recipient_id, kind, title, body, link, organization_id, condition_key, day, created_at, updated_at)
       VALUES ($1, $2::enum_notifications_kind, $3, $4, '/', $5, $6, $7, $8, $8) RETURNING id, created_at`,
      [member.id, REMINDER_KIND, '支部书记提醒你按计划学习', body, branch, REMINDER_KIND, shanghaiDay(now), now],
    )
    return rows[0]
  })
  // Inserted without Payload's hooks: the member's 即时 mail, if they chose it (src/mail).
  await mailNewNotifications(payload, [Number(inserted.id)])
  return {
    id: Number(inserted.id),
    memberName: member.name,
    createdAt: new Date(inserted.created_at),
    nextAllowedAt: nextReminderAt(new Date(inserted.created_at)),
  }
}

/** POST /api/branch/remind { member: id } — 201 with the notification, or a 4xx in Chinese. */
export const remindRoute = defineRoute({
  method: 'post',
  path: '/branch/remind',
  // The secretary's role is checked by remindMember, after the body (a bad body is a 400 whoever sends it).
  callers: 'signedIn',
  handler: async (req, { text }) => {
    const body = jsonOf(await text())
    if (body === undefined) throw new HttpError(400, '请求格式不正确：需要 JSON，例如 {"member": 12}')
    const member = (body as { member?: unknown } | null)?.member
    const id = typeof member === 'number' ? member : typeof member === 'string' && /^\d{1,9}$/.test(member) ? Number(member) : NaN
    if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(400, '请指明要提醒的党员（member 为其编号）')
    // A ReminderError (with Retry-After when the week is not over) is answered by the route adapter.
    const sent = await remindMember(req.payload, req.user!, id)
    return {
      status: 201,
      json: {
        message: `已提醒${sent.memberName}`,
        id: sent.id,
        createdAt: sent.createdAt.toISOString(),
        nextAllowedAt: sent.nextAllowedAt.toISOString(),
      },
    }
  },
})
