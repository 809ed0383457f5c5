import type { Payload } from 'payload'

import { poolOf } from '../db/pool'
import { mailNewNotifications } from '../mail/notifications'
import { CADRE_ROLES, studyTargets } from '../ledger/targets'
import { expectedHours, yearOf } from '../study/pace'
import { COMPLIANCE_ISSUE_LABELS } from '../organizations/types'
import { committeeStaffRows, insertNotifications, membersBehind, type NewNote as Note, organizationsToCheck } from './queries'
import { shanghaiDay } from '../dates'

/** The Party members the 32-hour rule binds (正式党员 and 预备党员). */
export const PACE_STAGES = ['probationary', 'full']

/**
 * Writes notifications, at most one per recipient, condition and day (the unique index decides,
 * so two checks racing, a retried job or a second run the same day add nothing). Returns how many
 * were new.
 */
export const notify = async (payload: Payload, notes: Note[], day: string): Promise<number> => {
  if (!notes.length) return 0
  const ids = await insertNotifications(poolOf(payload), notes, day)
  // Written without Payload's hooks: 即时 mail for the new ones is queued here (src/mail).
  await mailNewNotifications(payload, ids)
  return ids.length
}

const settingsOf = async (payload: Payload) => {
  const s = await payload.findGlobal({ slug: 'platform-settings', depth: 0, overrideAccess: true })
  return { termWarningDays: Number(s.termWarningDays ?? 90) }
}

/** Committee staff of an organisation: whom a college hears branch problems through. */
const committeeStaff = async (payload: Payload) => {
  const rows = await committeeStaffRows(poolOf(payload))
  const byOrg = new Map<number, number[]>()
  for (const r of rows) byOrg.set(r.organization_id, [...(byOrg.get(r.organization_id) ?? []), r.id])
  return byOrg
}

/**
 * 学时预警: every Party member below pace toward the year's target hears it, and each branch
 * secretary gets one summary for their branch.
 */
export const studyPaceCheck = async (payload: Payload, now = new Date()) => {
  const targets = await studyTargets(payload)
  const year = yearOf(now)
  // Each member against their role's target (src/ledger/targets.ts); the totals are every source's.
  const expected = { member: expectedHours(targets.member, now, year), cadre: expectedHours(targets.cadre, now, year) }
  const day = shanghaiDay(now)
  const rows = await membersBehind(poolOf(payload), {
    year,
    stages: PACE_STAGES,
    memberHours: expected.member,
    cadreHours: expected.cadre,
    cadreRoles: CADRE_ROLES,
  })
  const notes: Note[] = rows.map((r) => {
    const role = r.cadre ? 'cadre' : 'member'
    return {
      recipient: r.id,
      kind: 'studyBehind',
      title: `学时预警：今年已学 ${r.hours.toFixed(1)} 学时，按进度应达 ${expected[role].toFixed(1)} 学时`,
      body: `全年目标 ${targets[role]} 学时。请在“我的”查看学习记录，或从“继续学习”接着学。`,
      link: '/me',
      organization: r.organization_id,
      conditionKey: `studyBehind:${year}`,
    }
  })
  const byBranch = new Map<number, { secretary: number; count: number }>()
  for (const r of rows) {
    if (!r.organization_id || !r.secretary_id) continue
    const cur = byBranch.get(r.organization_id) ?? { secretary: r.secretary_id, count: 0 }
    cur.count++
    byBranch.set(r.organization_id, cur)
  }
  for (const [org, { secretary, count }] of byBranch)
    notes.push({
      recipient: secretary,
      kind: 'studyBehind',
      title: `本支部 ${count} 名党员学时落后进度`,
      body: `按进度今天应达 ${expected.member.toFixed(1)} 学时（全年 ${targets.member} 学时；支部书记、委员 ${targets.cadre} 学时）。名单见支部学习情况页，可导出 Excel。`,
      link: '/branch',
      organization: org,
      conditionKey: `studyBehindBranch:${org}:${year}`,
    })
  return { behind: rows.length, expected: expected.member, expectedCadre: expected.cadre, created: await notify(payload, notes, day) }
}

/**
 * 支部建设预警 and 换届提醒: branches breaking the size rules, and organisations whose term ends
 * within the warning window; the secretary and the college committee's staff hear of each.
 */
export const branchCheck = async (payload: Payload, now = new Date()) => {
  const { termWarningDays } = await settingsOf(payload)
  const day = shanghaiDay(now)
  const pool = poolOf(payload)
  const staff = await committeeStaff(payload)
  const rows = await organizationsToCheck(pool)
  const notes: Note[] = []
  let branches = 0
  let terms = 0
  for (const o of rows) {
    const recipients = [
      ...new Set([o.secretary_id, ...(o.parent_id ? (staff.get(o.parent_id) ?? []) : [])].filter((r): r is number => !!r)),
    ]
    if (o.type === 'branch' && o.issues.length) {
      branches++
      const what = o.issues.map((i) => COMPLIANCE_ISSUE_LABELS[i]?.zh ?? i).join('；')
      for (const recipient of recipients)
        notes.push({
          recipient,
          kind: 'branchRule',
          title: `${o.name}：${what}`,
          body: '请按《中国共产党支部工作条例（试行）》调整支部设置或党员组织关系。',
          link: '/branch',
          organization: o.id,
          conditionKey: `branchRule:${o.id}:${o.issues.join(',')}`,
        })
    }
    if (o.term_end) {
      const daysLeft = Math.ceil((new Date(o.term_end).getTime() - now.getTime()) / 86_400_000)
      if (daysLeft <= termWarningDays) {
        terms++
        const title =
          daysLeft < 0
            ? `${o.name}任期已于 ${shanghaiDay(new Date(o.term_end))} 届满，请尽快换届`
            : `${o.name}任期将于 ${shanghaiDay(new Date(o.term_end))} 届满（还有 ${daysLeft} 天），请做好换届准备`
        for (const recipient of recipients)
          notes.push({
            recipient,
            kind: 'termEnding',
            title,
            body: '换届选举需提前向上级党组织请示。',
            link: '/branch',
            organization: o.id,
            conditionKey: `termEnding:${o.id}:${shanghaiDay(new Date(o.term_end))}`,
          })
      }
    }
  }
  return { branches, terms, created: await notify(payload, notes, day) }
}
