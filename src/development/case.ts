import type { PoliticalStage } from '../people/stages'
import { noticeEnds } from './calendar'
import { canDo, type RuleSet, type Step } from './steps'
import { addSpan, overdue } from './timing'

/**
 * A development case (发展档案) as its rules see it, without I/O: from the steps done, the 公示 posted
 * and the branch votes, what the person's stage is, which step comes next and from when, what blocks
 * it, and what is overdue. The collection and its endpoints (to come) store the record and call this
 * to decide; the secretary's pipeline and the committee's funnel read it.
 */
export type Notice = { beforeStep: number; postedOn: string; objections: Array<{ on: string; handled: boolean }> }
export type CaseRecord = {
  done: Record<number, string>
  notices: Notice[]
  /** Results of the votes at 15 and 23 (a failed vote ends in the outcome below). */
  votes: Record<number, { passed: boolean }>
  outcome?: 'cancelled' | 'extended'
  /** With an extension of probation (step 23 decides it once), its length. */
  extensionMonths?: number
}

export type CaseState = {
  stage: PoliticalStage | 'masses'
  next: Step | null
  /** Why the next step cannot be taken today, and from which day it can (when a date decides it). */
  blocked: { reason: string; from?: string } | null
  overdue: Array<{ step: Step; since: string; due: string }>
  finished: boolean
}

export const caseState = (rules: RuleSet, record: CaseRecord, today: string): CaseState => {
  let stage: CaseState['stage'] = 'masses'
  for (const s of rules.steps) if (record.done[s.no] && s.stage) stage = s.stage
  const next = rules.steps.find((s) => !record.done[s.no]) ?? null
  const overdueSteps = rules.steps
    .filter((s) => s.within && !record.done[s.no] && record.done[s.within[0]])
    .filter((s) => overdue(record.done[s.within![0]], s.within![1], today))
    .map((s) => ({ step: s, since: record.done[s.within![0]], due: addSpan(record.done[s.within![0]], s.within![1]) }))
  if (record.outcome === 'cancelled' || !next) return { stage, next: null, blocked: null, overdue: [], finished: true }
  let blocked: CaseState['blocked'] = null
  const allowed = canDo(rules, record.done, next.no, today, addSpan)
  if (!allowed.ok) blocked = { reason: allowed.reason, from: allowed.from }
  // 转正 after an extension: one year and the extension from the branch meeting.
  if (!blocked && next.no === 23 && record.outcome === 'extended' && record.extensionMonths) {
    const from = addSpan(addSpan(record.done[15], { years: 1 }), { months: record.extensionMonths })
    if (today < from) blocked = { reason: `预备期已延长 ${record.extensionMonths} 个月，${from} 起可以讨论转正`, from }
  }
  // 公示 before the step: posted, its working days over, and no objection left unhandled.
  if (!blocked && rules.publicNotice.beforeSteps.includes(next.no)) {
    const notice = record.notices.find((n) => n.beforeStep === next.no)
    if (!notice) blocked = { reason: `第 ${next.no} 步「${next.title}」之前须公示 ${rules.publicNotice.workingDays} 个工作日` }
    else {
      const ends = noticeEnds(notice.postedOn, rules.publicNotice.workingDays)
      const open = notice.objections.filter((o) => !o.handled).length
      if (today <= ends) blocked = { reason: `公示期至 ${ends}`, from: nextDay(ends) }
      else if (open) blocked = { reason: `公示期间收到 ${open} 条意见尚未处理，处理后才能进行下一步` }
    }
  }
  return { stage, next, blocked, overdue: overdueSteps, finished: false }
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
