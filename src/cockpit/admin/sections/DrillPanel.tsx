'use client'

import React, { useEffect, useRef } from 'react'

import { columnsOf, MEMBER_TABLE, type MemberFigures } from '../../tables'
import { DataTable, tableColumns } from '../parts'
import type { Drill } from '../useCockpit'

type Props = {
  drill: Drill
  members: { rows: MemberFigures[]; expected: number } | null
  membersError: string | null
  /** Where a member's 学习档案 opens. */
  archiveBase: string
  exportHref: (table: string, extra?: Record<string, string | boolean | undefined>) => string
  onClose: () => void
}

/** A chart's drill-down under its section: the members behind it (from /api/cockpit/members) or its table rows. */
export function DrillPanel({ drill, members, membersError, archiveBase, exportHref, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' })
  }, [drill])

  const memberColumns = tableColumns(columnsOf(MEMBER_TABLE, 'admin'), {
    name: (r, text) => (
      <a href={`${archiveBase}/${r.id}`} target="_blank" rel="noreferrer" title="在新窗口打开学习档案">
        {text}
      </a>
    ),
    hours: (r, text) => <span className={r.hours < r.expected ? 'is-behind' : undefined}>{text}</span>,
  })

  return (
    <div className="cockpit-drill" ref={ref} role="region" aria-label={drill.title} data-testid="cockpit-drill">
      <div className="cockpit-drill__head">
        <h3>{drill.title}</h3>
        <div className="cockpit-drill__actions">
          {drill.kind === 'members' ? (
            <a
              className="cockpit-button"
              href={exportHref('members', {
                band: drill.filter.band,
                behind: drill.filter.behind ? '1' : undefined,
                noQuiz: drill.filter.noQuiz ? '1' : undefined,
              })}
              download
            >
              导出 Excel
            </a>
          ) : drill.exportTable ? (
            <a className="cockpit-button" href={exportHref(drill.exportTable)} download>
              导出 Excel
            </a>
          ) : null}
          <button type="button" className="cockpit-button cockpit-button--ghost" onClick={onClose}>
            收起
          </button>
        </div>
      </div>
      {drill.kind === 'members' ? (
        membersError ? (
          <p role="alert">{membersError}</p>
        ) : !members ? (
          <p aria-live="polite">正在加载名单……</p>
        ) : members.rows.length ? (
          <>
            <p className="cockpit-muted">共 {members.rows.length} 人，学时少者在前；点击姓名查看学习档案。</p>
            <DataTable columns={memberColumns} rows={members.rows} caption={drill.title} testId="cockpit-members" />
          </>
        ) : (
          <p className="cockpit-muted">没有符合条件的党员。</p>
        )
      ) : drill.rows.length ? (
        <DataTable columns={drill.columns} rows={drill.rows} caption={drill.title} highlight={drill.highlight} />
      ) : (
        <p className="cockpit-muted">暂无数据。</p>
      )}
    </div>
  )
}
