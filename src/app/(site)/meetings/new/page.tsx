import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { hasRole, idOf } from '../../../../access/roles'
import { MEETING_TYPE_LABELS, MEETING_TYPES } from '../../../../meetings/rules'
import { PlanForm } from '../../../../site/islands'
import { getSitePayload, requireUser } from '../../../../site/auth'
import { PageTitle } from '../../../../site/ui'
import { shanghaiDay } from '../../../../dates'

export const metadata: Metadata = { title: '填报组织生活计划' }

/** 填报计划 (the branch secretary): one meeting of the branch, submitted to the college committee for review. */
export default async function NewMeetingPage() {
  const user = await requireUser('/meetings/new')
  const org = idOf((user as { organization?: unknown }).organization)
  if (!hasRole(user, 'branchSecretary') || org === null) {
    return (
      <div className="container">
        <PageTitle title="填报组织生活计划" />
        <p className="empty" role="alert">
          组织生活计划由党支部书记填报。<Link href="/meetings">返回组织生活</Link>
        </p>
      </div>
    )
  }
  const payload = await getSitePayload()
  const people = await payload.find({
    collection: 'users',
    where: { and: [{ organization: { equals: org } }, { active: { not_equals: false } }] },
    sort: 'name',
    limit: 500,
    depth: 0,
    overrideAccess: false,
    user,
    select: { name: true },
  })
  const types = MEETING_TYPES.map((t) => ({ value: t, label: MEETING_TYPE_LABELS[t].zh }))
  return (
    <div className="container">
      <PageTitle title="填报组织生活计划" lead="报院级党委审核，批准后支部党员可见、可请假，会上扫码签到。" />
      <PlanForm
        types={types}
        people={people.docs.map((p) => ({ id: Number(p.id), name: String(p.name) }))}
        today={shanghaiDay(new Date())}
      />
    </div>
  )
}
