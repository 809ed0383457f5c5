import React from 'react'

import type { HeldStudy } from '../integrity/held'
import { formatHours } from './content'

/** online/offline: the year's 学时 by kind of source (学时台账), shown side by side when there are offline ones. */
type Props = {
  year: number
  hours: number
  online?: number
  offline?: number
  target: number
  expectedByToday: number
  held?: HeldStudy
  compact?: boolean
}

/**
 * The year's credited hours against the target, with today's pace line (学时预警 when behind), and
 * what is held out of them while the branch secretary checks it (issue 13 §2), with the reason.
 */
export function HoursBar({ year, hours, online, offline, target, expectedByToday, held, compact = false }: Props) {
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
      {offline ? (
        <p className="hours__sources" data-testid="hours-sources">
          其中线上学习 {formatHours(online ?? 0)} 学时，线下（培训、组织生活等）{formatHours(offline)} 学时
        </p>
      ) : null}
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
      {held?.flags.length ? <HeldNotes held={held} /> : null}
    </section>
  )
}

/** 有 X 学时待核实（原因：…）, one line per flag; confirmed ones with the secretary's reason. */
function HeldNotes({ held }: { held: HeldStudy }) {
  const pending = held.flags.filter((f) => f.status === 'pending')
  const confirmed = held.flags.filter((f) => f.status === 'confirmed')
  return (
    <div className="hours__held" data-testid="hours-held" data-pending-hours={held.pendingHours} data-confirmed-hours={held.confirmedHours}>
      {pending.length ? (
        <p className="hours__held-total">
          <span className="status status--warn">有 {formatHours(held.pendingHours)} 学时待核实</span>
          ，暂不计入年度学时；支部书记核实为正常后即计入。
        </p>
      ) : null}
      <ul className="hours__held-list">
        {pending.map((f) => (
          <li key={f.id}>
            {f.hours > 0 ? `有 ${formatHours(f.hours)} 学时待核实` : '有一段学习记录待核实（暂未影响学时）'}（{f.day}，{f.kindLabel}。原因：
            {f.summary}）
          </li>
        ))}
        {confirmed.map((f) => (
          <li key={f.id}>
            {formatHours(f.hours)} 学时经支部书记核实不予计入（{f.day}，{f.kindLabel}。理由：{f.reason || '—'}）
          </li>
        ))}
      </ul>
    </div>
  )
}
