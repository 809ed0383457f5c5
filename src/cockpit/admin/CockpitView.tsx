import type { AdminViewServerProps } from 'payload'
import React from 'react'

import { hasRole } from '../../access/roles'
import { StaffView } from '../../components/admin/StaffView'
import { COMPLIANCE_ISSUE_LABELS } from '../../organizations/types'
import { POLITICAL_STAGE_LABELS } from '../../people/stages'
import { COLLECTION_LABELS, COLUMN_LABELS } from '../../site/content'
import { yearOf } from '../../study/pace'
import { currentMonth } from '../site/server'
import { Cockpit, type CockpitLabels } from './Cockpit'
import { COCKPIT_VIEW_PATH, COCKPIT_VIEW_TITLE } from './paths'
import { cockpitYears } from './years'

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
const zh = (labels: Record<string, { zh: string }>) => Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v.zh]))

const LABELS: CockpitLabels = {
  collections: COLLECTION_LABELS,
  columns: COLUMN_LABELS,
  issues: zh(COMPLIANCE_ISSUE_LABELS),
  stages: zh(POLITICAL_STAGE_LABELS),
}

/**
 * 数据驾驶舱 (/admin/cockpit): Party committee staff and branch secretaries see study hours,
 * learning, quizzes, content work (university level) and branch health for their scope, and drill
 * down. Payload does not guard custom views: signed-out visitors go to the login, people without
 * admin access are refused, and staff without a cockpit role are told it is not theirs.
 */
export async function CockpitView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { payload, user } = initPageResult.req

  const allowed = hasRole(user, 'partyCommittee', 'branchSecretary')
  const years = allowed ? await cockpitYears(payload) : []
  const now = new Date()
  const today = { year: yearOf(now), month: currentMonth(now) }
  const rawYear = Number(one(searchParams?.year))
  const year = years.includes(rawYear) ? rawYear : today.year
  const rawOrg = Number(one(searchParams?.org))
  const org = Number.isInteger(rawOrg) && rawOrg > 0 ? rawOrg : undefined

  return (
    <StaffView
      initPageResult={initPageResult}
      params={params}
      searchParams={searchParams}
      path={COCKPIT_VIEW_PATH}
      title={COCKPIT_VIEW_TITLE}
      className="admin-cockpit"
      allowed={allowed}
      refusal="数据驾驶舱仅供党委组织员和党支部书记使用。"
    >
      <Cockpit
        apiRoute={payload.config.routes.api}
        archiveBase="/branch/members"
        initialOrg={org}
        initialYear={year}
        today={today}
        years={years}
        labels={LABELS}
      />
    </StaffView>
  )
}
