import type { Payload } from 'payload'

import type { Role } from '../access/roles'
import { changeCount, listening, onChange } from '../db/notify'
import { poolOf } from '../db/pool'
import { studyTargetsRow } from './queries'

/**
 * The year's 学时 target by role (平台设置): 32 for members, 56 for branch secretaries and committee
 * staff, after the 2019–2023 national plan for member education (全国党员教育培训工作规划); editable
 * because the plan that follows may change them.
 */
export type StudyTargets = { member: number; cadre: number }

/** Roles held to the cadre target (支部书记、党委委员 and their staff). */
export const CADRE_ROLES: Role[] = ['branchSecretary', 'partyCommittee']

export const DEFAULT_TARGETS: StudyTargets = { member: 32, cadre: 56 }

const TARGETS_TTL_MS = 60_000
let targetsCache: { until: number; targets: StudyTargets } | null = null

/**
 * Read straight from the settings table (no Payload round trip: 首页, 我的, the cockpit and checks
 * call it often) and kept per process until 平台设置 change (src/db/notify.ts) or a minute passes:
 * one statement fewer on every 首页.
 */
export const studyTargets = async (payload: Payload): Promise<StudyTargets> => {
  if (targetsCache && Date.now() < targetsCache.until) return targetsCache.targets
  await listening(payload)
  const seen = changeCount('platform_settings')
  const row = await studyTargetsRow(poolOf(payload))
  const targets = { member: Number(row?.member ?? DEFAULT_TARGETS.member), cadre: Number(row?.cadre ?? DEFAULT_TARGETS.cadre) }
  // A change heard during the read may not be in it: not kept.
  if (seen === changeCount('platform_settings')) targetsCache = { until: Date.now() + TARGETS_TTL_MS, targets }
  return targets
}

/** Forget the kept targets: 平台设置 were saved here (this process, before the notice arrives) or anywhere. */
export const clearStudyTargetsCache = () => {
  targetsCache = null
}
onChange('platform_settings', clearStudyTargetsCache)

export const isCadre = (roles: readonly string[] | null | undefined) => (roles ?? []).some((r) => (CADRE_ROLES as string[]).includes(r))

export const targetFor = (targets: StudyTargets, roles: readonly string[] | null | undefined) =>
  isCadre(roles) ? targets.cadre : targets.member

/** SQL: whether the user row `alias` holds a cadre role (its text lives with the ledger's SQL). */
