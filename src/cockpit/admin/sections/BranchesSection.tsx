'use client'

import React from 'react'

import { formatAdminDate } from '../../../dates'
import { BRANCH_TABLE, columnsOf, type BranchRow } from '../../tables'
import type { CockpitResponse } from '../charts'
import { DataTable, Section, tableColumns } from '../parts'
import type { Crumb } from '../useCockpit'

type Props = {
  branches: CockpitResponse['branches']
  /** Each compliance issue's label. */
  issueLabels: Record<string, string>
  exportHref: string
  narrowTo: (org: Crumb) => void
}

/** 支部建设: every branch in scope with its secretary, size, issues and term; a branch narrows the cockpit to it. */
export function BranchesSection({ branches, issueLabels, exportHref, narrowTo }: Props) {
  const columns = tableColumns<BranchRow>(columnsOf(BRANCH_TABLE, 'admin'), {
    name: (b, text) => (
      <button
        type="button"
        className="cockpit-link"
        onClick={(e) => {
          e.stopPropagation()
          narrowTo({ id: b.id, name: b.name })
        }}
      >
        {text}
      </button>
    ),
    issues: (b) => {
      const issues = b.issues.map((i) => issueLabels[i] ?? i)
      return issues.length ? (
        <span className="cockpit-badge cockpit-badge--warn">{issues.join('；')}</span>
      ) : (
        <span className="cockpit-muted">无</span>
      )
    },
    term: (b) => {
      if (!b.termEnd) return <span className="cockpit-muted">未设</span>
      const days = b.termDaysLeft as number
      const date = formatAdminDate(b.termEnd)
      // needsAction without a size issue means the term is in the warning window.
      const warn = days < 0 || (b.needsAction && !b.issues.length)
      const text = days < 0 ? `${date}（已届满）` : `${date}（还有 ${days} 天）`
      return warn ? <span className="cockpit-badge cockpit-badge--warn">{text}</span> : text
    },
    state: (b, text) => <span className={`cockpit-badge ${b.needsAction ? 'cockpit-badge--red' : 'cockpit-badge--ok'}`}>{text}</span>,
  })

  return (
    <Section
      id="branches"
      title="支部建设"
      actions={
        <a href={exportHref} download>
          导出支部表
        </a>
      }
    >
      {branches.rows.length ? (
        <>
          <p className="cockpit-muted">
            共 {branches.rows.length} 个支部，
            {branches.needsAction.length ? (
              <strong className="is-behind">{branches.needsAction.length} 个需要处理</strong>
            ) : (
              '均无待处理事项'
            )}
            。点击支部查看该支部的数据。
          </p>
          <DataTable
            caption="支部建设情况"
            testId="cockpit-branches"
            rowClass={(b) => (b.needsAction ? 'needs-action' : undefined)}
            onRowClick={(b) => narrowTo({ id: b.id, name: b.name })}
            columns={columns}
            rows={branches.rows}
          />
        </>
      ) : (
        <p className="cockpit-muted">范围内没有党支部。</p>
      )}
    </Section>
  )
}
