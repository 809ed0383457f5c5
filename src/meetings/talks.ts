import type { CollectionBeforeChangeHook, Payload, PayloadRequest, Validate, Where } from 'payload'

import { idOf } from '../access/roles'
import { inRequest } from '../db/transaction'
import { poolOf } from '../db/pool'
import type { HeartTalk } from '../payload-types'
import { yearOf } from '../study/pace'
import { refuse } from '../hooks/recordRules'
import { isSecretaryOf, orgOf, reviewedOrgs } from './access'
import {
  activeOfBranch,
  boards as boardRows,
  committeeNames,
  countInOrganization,
  partyMembersOf,
  talksHeld,
  type BoardRow,
} from './queries'
import { heartTalkCoverage } from './rules'
import { shanghaiDay } from '../dates'

/**
 * 谈心谈话 (issue 16, 条例 第十九条): at least once a year between each pair of committee members and
 * between committee members and members. A talk is recorded as who took part and when (collection
 * `heart-talks`; a meeting tagged 谈心谈话 counts its members present as well); a summary is
 * optional, and nothing else is asked for (no photographs: 过度留痕). The committee is the branch's
 * 支部委员 (organizations.committeeMembers) and its secretary; a branch without a committee has its
 * secretary alone. The annual record and the cockpit list the pairs and members still without one.
 */

type User = NonNullable<PayloadRequest['user']>

/** The branch's committee: its 支部委员 and secretary, or the secretary alone without a committee. */
const boardOf = (row: BoardRow | undefined): number[] => {
  if (!row) return []
  const secretary = row.secretary_id === null ? [] : [Number(row.secretary_id)]
  return [...new Set([...secretary, ...(row.has_committee ? row.board.map(Number) : [])])]
}

export const committeeOf = async (payload: Payload, req: Partial<PayloadRequest> | undefined, branch: number): Promise<number[]> =>
  boardOf((await boardRows(inRequest(req ?? payload), [branch]))[0])

const onCommittee = async (req: PayloadRequest, user: User, branch: number | null) =>
  branch !== null && (isSecretaryOf(user, branch) || (await committeeOf(req.payload, req, branch)).includes(Number(user.id)))

/** Those in a talk read it; the branch's committee reads the branch's; the committees above read their branches'. */
export const readTalks = async ({ req }: { req: PayloadRequest }): Promise<boolean | Where> => {
  const user = req.user
  if (!user || user.active === false) return false
  const own = orgOf(user)
  const or: Where[] = [{ participants: { in: [user.id] } }]
  if (await onCommittee(req, user, own)) or.push({ organization: { equals: own } })
  const below = await reviewedOrgs(req.payload, user)
  if (below.length) or.push({ organization: { in: below } })
  return { or }
}

/** A committee member (or the secretary) of a branch records its talks. */
export const createTalks = async ({ req }: { req: PayloadRequest }) =>
  !!req.user && req.user.active !== false && (await onCommittee(req, req.user, orgOf(req.user)))

/** Whoever recorded a talk, or the branch's secretary, corrects or removes it. */
export const keepTalks = ({ req }: { req: PayloadRequest }): boolean | Where => {
  const user = req.user
  if (!user || user.active === false) return false
  const or: Where[] = [{ recordedBy: { equals: user.id } }]
  const own = orgOf(user)
  if (isSecretaryOf(user, own)) or.push({ organization: { equals: own } })
  return { or }
}

/** Two or more people of the branch, a committee member among them, on a day that has come; 所属年度 that year or the one before. */
export const guardTalk: CollectionBeforeChangeHook<HeartTalk> = async ({ data, originalDoc, operation, req }) => {
  const branch = operation === 'create' ? orgOf(req.user) : Number(idOf(originalDoc?.organization))
  if (!branch) return refuse('heart-talks', { status: 403, message: '只能记录本支部的谈心谈话' })
  const people = [...new Set((data.participants ?? originalDoc?.participants ?? []).map((p) => Number(idOf(p))))]
  if (people.length < 2) refuse('heart-talks', { status: 400, field: 'participants', message: '谈心谈话至少要有两人：请选择谈话双方' })
  const rows = await activeOfBranch(inRequest(req), people, branch)
  if (rows.length !== people.length) refuse('heart-talks', { status: 400, field: 'participants', message: '谈话双方须是本支部在册人员' })
  const committee = await committeeOf(req.payload, req, branch)
  if (!people.some((p) => committee.includes(p)))
    refuse('heart-talks', { status: 400, field: 'participants', message: '谈话一方须是支部委员或书记（未成立支委会的支部为书记）' })
  const date = new Date(String(data.date ?? originalDoc?.date ?? ''))
  if (Number.isNaN(date.getTime())) refuse('heart-talks', { status: 400, field: 'date', message: '请填写谈话日期' })
  // By the Beijing calendar day: a date picker may send noon of today (UTC or local), which is no later than today.
  if (shanghaiDay(date) > shanghaiDay(new Date()))
    refuse('heart-talks', { status: 400, field: 'date', message: '谈话日期不能晚于今天：谈话之后再记录' })
  const held = yearOf(date)
  const year = Number(data.year ?? (operation === 'update' && !('date' in data) ? originalDoc?.year : undefined) ?? held)
  if (year !== held && year !== held - 1)
    refuse('heart-talks', { status: 400, field: 'year', message: `所属年度须是 ${held} 或 ${held - 1} 年（次年年初补谈可计入上一年度）` })
  return {
    ...data,
    participants: people,
    year,
    organization: branch,
    recordedBy: operation === 'create' ? req.user?.id : idOf(originalDoc?.recordedBy),
  }
}

/** 支部委员 are people of the branch itself. */
export const validateCommittee: Validate = async (value, { id, req }) => {
  const ids = (Array.isArray(value) ? value : []).map((v) => Number(idOf(v))).filter(Boolean)
  if (!ids.length) return true
  if (id === undefined || id === null) return '请先保存支部，再选择支部委员'
  return (await countInOrganization(inRequest(req), ids, Number(id))) === new Set(ids).size ? true : '支部委员须是本支部的人员'
}

export type TalkCoverage = { pairs: number; missingPairs: string[]; members: number; unreached: string[]; talks: number }

/** 谈心谈话 of each branch in a 所属年度: what is still missing, with names (the record and the cockpit). */
export const talkCoverage = async (payload: Payload, branches: number[], year: number): Promise<Map<number, TalkCoverage>> => {
  const pool = poolOf(payload)
  const talks = await talksHeld(pool, branches, year)
  const people = await partyMembersOf(pool, branches)
  const names = await committeeNames(pool, branches)
  const nameOf = new Map([...names, ...people].map((p) => [Number(p.id), p.name]))
  const result = new Map<number, TalkCoverage>()
  const boards = await boardRows(pool, branches)
  for (const branch of branches) {
    const committee = boardOf(boards.find((b) => Number(b.id) === branch))
    const members = people.filter((p) => Number(p.org) === branch).map((p) => Number(p.id))
    const held = talks.filter((t) => Number(t.org) === branch).map((t) => t.people.map(Number))
    const c = heartTalkCoverage(committee, members, held)
    result.set(branch, {
      pairs: c.pairs,
      missingPairs: c.missingPairs.map(([a, b]) => `${nameOf.get(a) ?? a}—${nameOf.get(b) ?? b}`),
      members: c.members,
      unreached: c.unreached.map((m) => nameOf.get(m) ?? String(m)),
      talks: held.length,
    })
  }
  return result
}
