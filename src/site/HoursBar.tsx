import React from 'react'

import { formatHours } from './content'

type Props = { year: number; hours: number; target: number; expectedByToday: number; compact?: boolean }

/** The year's credited hours against the target, with today's pace line (学时预警 when behind). */
export function HoursBar({ year, hours, target, expectedByToday, compact = false }: Props) {
  const safeTarget = target > 0 ? target : 32
  const pct = Math.min(100, (hours / safeTarget) * 100)
  const pacePct = Math.min(100, Math.max(0, (expectedByToday / safeTarget) * 100))
  const done = hours >= safeTarget
  const behind = !done && hours + 1e-9 < expectedByToday
  return (
    <section className={`hours card${compact ? ' hours--compact' : ''}`} aria-labelledby={`hours-${year}`}>
      <h2 id={`hours-${year}`} className="card__title">
        {year} 年度学时
      </h2>
      <p className="hours__figures">
        {/* data-hours: the exact, uncapped figure (the bar stops at the target) for tests and scripts. */}
        <strong data-hours={hours}>{formatHours(hours)}</strong> / {formatHours(safeTarget)} 学时
      </p>
      <div
        className="hours__bar"
        role="progressbar"
        aria-label="年度学时"
        aria-valuemin={0}
        aria-valuemax={safeTarget}
        aria-valuenow={Math.min(hours, safeTarget)}
        aria-valuetext={`已完成 ${formatHours(hours)} 学时，目标 ${formatHours(safeTarget)} 学时`}
      >
        <div className={`hours__fill${behind ? ' hours__fill--behind' : ''}`} style={{ width: `${pct}%` }} />
        <div className="hours__pace" style={{ left: `${pacePct}%` }} aria-hidden="true" />
      </div>
      <p className="hours__note">
        按进度今天应达 {formatHours(expectedByToday)} 学时（竖线为进度线）。
        {done ? (
          <span className="status status--ok">已完成本年度学习目标</span>
        ) : behind ? (
          <span className="status status--warn">落后进度 {formatHours(expectedByToday - hours)} 学时</span>
        ) : (
          <span className="status status--ok">进度正常</span>
        )}
      </p>
    </section>
  )
}
