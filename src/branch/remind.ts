import type { Payload, PayloadRequest } from 'payload'

import { formatAdminDateTime } from '../dates'
import { hasRole, idOf } from '../access/roles'
import { transact } from '../db/transaction'
import { studyTargets, targetFor } from '../ledger/targets'
import { mailNewNotifications } from '../mail/notifications'
import { poolOf } from '../db/pool'
import {
  insertNotification,
  lastNotifications,
  lastNotificationSince,
  lockReminder,
  memberYearHours,
  organizationName,
  personRow,
} from './queries'
import { expectedHours, yearOf } from '../study/pace'
import { HttpError } from '../http/errors'
import { jsonOf } from '../http/input'
import { defineRoute } from '../http/route'
import { shanghaiDay } from '../dates'

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
  const row = await personRow(poolOf(payload), id)
  return row
    ? {
        id: Number(row.id),
        name: String(row.name),
        organization: row.organization_id === null ? null : Number(row.organization_id),
        active: row.active,
        roles: row.roles,
      }
    : null
}

/** The latest reminder of each of these members (for the roster: when, and whether 提醒 is open again). */
export const lastReminders = async (payload: Payload, memberIds: number[]): Promise<Map<number, Date>> => {
  if (!memberIds.length) return new Map()
  const rows = await lastNotifications(poolOf(payload), REMINDER_KIND, memberIds)
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
  const hours = Math.round((await memberYearHours(pool, member.id, year)) * 100) / 100
  const branchName = String((await organizationName(pool, branch)) ?? '本支部')
  const secretaryName = String((secretary as { name?: unknown }).name ?? '支部书记')

  const inserted = await transact(payload, async (tx) => {
    await lockReminder(tx, REMINDER_KIND, member.id)
    const recent = await lastNotificationSince(tx, member.id, REMINDER_KIND, new Date(now.getTime() - REMINDER_INTERVAL_DAYS * 86_400_000))
    if (recent) {
      const last = new Date(recent)
      const next = nextReminderAt(last)
      throw new ReminderError(
        429,
        `已于 ${formatAdminDateTime(last)} 提醒过${member.name}。每位党员每周最多提醒一次，${formatAdminDateTime(next)} 后可再次提醒。`,
        Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 1000)),
      )
    }
    const behind = hours < expected
    const body = `${secretaryName}（${branchName}书记）提醒你：今年已学习 ${hours} 学时，按进度今天应达 ${expected} 学时，全年目标 ${target} 学时。${behind ? '请抽时间补上进度。' : '进度良好，请继续保持。'}`
    return insertNotification(tx, {
      recipient: member.id,
      kind: REMINDER_KIND,
      title: '支部书记提醒你按计划学习',
      body,
      organization: branch,
      day: shanghaiDay(now),
      at: now,
    })
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
