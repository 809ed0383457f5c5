'use client'

import { useRouter } from 'next/navigation'
import React, { useMemo } from 'react'

import { clickedIndex, distributionOption, monthlyHoursOption } from '../admin/charts'
import { EChart } from '../admin/EChart'
import type { CockpitData } from '../data'

type Props = {
  distribution: CockpitData['study']['distribution']
  byMonth: CockpitData['study']['byMonth']
  lastMonth: number
  org?: number
}

/** 支部 page: the hour distribution (a click lists that band's members) and the monthly trend. */
export function BranchCharts({ distribution, byMonth, lastMonth, org }: Props) {
  const router = useRouter()
  const dist = useMemo(() => distributionOption(distribution), [distribution])
  const monthly = useMemo(() => monthlyHoursOption(byMonth, lastMonth), [byMonth, lastMonth])
  return (
    <div className="branch-charts">
      <figure className="card branch-chart">
        <figcaption className="card__title">
          学时分布 <span className="muted small">点击柱形查看名单</span>
        </figcaption>
        <EChart
          testId="branch-distribution"
          height={260}
          label={`学时分布：${distribution.map((d) => `${d.label} 学时 ${d.members} 人`).join('，')}`}
          option={dist}
          onClick={(p) => {
            const band =
              distribution[
                clickedIndex(
                  p,
                  distribution.map((d) => d.label),
                )
              ]
            if (!band) return
            const qs = new URLSearchParams({ band: band.band })
            if (org) qs.set('org', String(org))
            router.push(`/branch?${qs}#members`)
          }}
        />
      </figure>
      <figure className="card branch-chart">
        <figcaption className="card__title">月度学时趋势</figcaption>
        <EChart testId="branch-monthly" height={260} label="各月获得学时和完成学习人次" option={monthly} />
      </figure>
    </div>
  )
}
