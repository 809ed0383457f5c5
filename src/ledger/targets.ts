import type { Payload } from 'payload'

import type { Role } from '../access/roles'
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

/** Read straight from the settings table (no Payload round trip: the cockpit and checks call it often). */
export const studyTargets = async (payload: Payload): Promise<StudyTargets> => {
  const row = await studyTargetsRow(poolOf(payload))
  return { member: Number(row?.member ?? DEFAULT_TARGETS.member), cadre: Number(row?.cadre ?? DEFAULT_TARGETS.cadre) }
}

export const isCadre = (roles: readonly string[] | null | undefined) => (roles ?? []).some((r) => (CADRE_ROLES as string[]).includes(r))

export const targetFor = (targets: StudyTargets, roles: readonly string[] | null | undefined) =>
  isCadre(roles) ? targets.cadre : targets.member

/** SQL: whether the user row `alias` holds a cadre role (its text lives with the ledger's SQL). */
