'use client'

import React from 'react'

import { LifeSection } from '../../meetings/admin/LifeSection'
import { BranchesSection } from './sections/BranchesSection'
import { ContentSection } from './sections/ContentSection'
import { DrillPanel } from './sections/DrillPanel'
import { LearningSection } from './sections/LearningSection'
import { QuizzesSection } from './sections/QuizzesSection'
import { StudySection } from './sections/StudySection'
import { useCockpit } from './useCockpit'
import './cockpit.css'

export type CockpitLabels = {
  collections: Record<string, string>
  columns: Record<string, string>
  issues: Record<string, string>
  stages: Record<string, string>
}

type Props = {
  apiRoute: string
  /** Where a member's 学习档案 opens (the member site's secretary view), `/branch/members`. */
  archiveBase: string
  initialOrg?: number
  initialYear: number
  /** Today in the platform's time zone: months after it have no data yet. */
  today: { year: number; month: number }
  years: number[]
  labels: CockpitLabels
}

/**
 * 数据驾驶舱 (client): loads /api/cockpit for the viewer's scope (or an organisation inside it),
 * draws it, and drills down on every chart — hour bands to member lists, organisations to a
 * narrowed cockpit, items and questions to their table rows; each list exports to Excel.
 * The state is useCockpit's; each section (./sections) draws its part of the answer.
 */
export function Cockpit({ apiRoute, archiveBase, initialOrg, initialYear, today, years, labels }: Props) {
  const c = useCockpit({ apiRoute, initialOrg, initialYear, currentYear: today.year })
  const { data, drill } = c

  // The open drill-down shows under the section it was opened from.
  const drillIn = (section: string) =>
    drill && drill.section === section ? (
      <DrillPanel
        drill={drill}
        members={c.members}
        membersError={c.membersError}
        archiveBase={archiveBase}
        exportHref={c.exportHref}
        onClose={() => c.setDrill(null)}
      />
    ) : null
  const lastMonth = data && data.year === today.year ? today.month : 12

  return (
    <div className="cockpit">
      <div className="cockpit-toolbar">
        <nav aria-label="组织层级" className="cockpit-crumbs">
          {c.crumbs.map((crumb, i) =>
            i < c.crumbs.length - 1 ? (
              <React.Fragment key={`${crumb.id}-${i}`}>
                <button type="button" className="cockpit-link" onClick={() => c.backTo(i)}>
                  {crumb.name}
                </button>
                <span aria-hidden="true"> › </span>
              </React.Fragment>
            ) : (
              <strong key={`${crumb.id}-${i}`} aria-current="page">
                {crumb.name}
              </strong>
            ),
          )}
        </nav>
        <label className="cockpit-year">
          年度
          <select value={c.year} onChange={(e) => c.setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y} 年
              </option>
            ))}
          </select>
        </label>
      </div>

      {c.error ? (
        <p role="alert" className="cockpit-error">
          {c.error}
        </p>
      ) : null}
      {c.loading && !data ? <p aria-live="polite">正在加载数据……</p> : null}

      {data ? (
        <div className={c.loading ? 'cockpit-body is-loading' : 'cockpit-body'} aria-busy={c.loading}>
          <p className="cockpit-muted">
            {data.scope.name} · {data.year} 年 · 全年目标 {data.target} 学时 ·{' '}
            {data.year === today.year ? `按进度今天应达 ${data.expectedHours} 学时` : '已结束的年度按全年目标计'}
          </p>
          <StudySection
            scope={data.scope}
            study={data.study}
            year={data.year}
            target={data.target}
            expectedHours={data.expectedHours}
            lastMonth={lastMonth}
            showMembers={c.showMembers}
            openDrill={c.setDrill}
            narrowTo={c.narrowTo}
            drill={drillIn('hours')}
          />
          <LearningSection
            learning={data.learning}
            collections={labels.collections}
            exportHref={c.exportHref('items')}
            openDrill={c.setDrill}
            drill={drillIn('learning')}
          />
          <QuizzesSection
            quizzes={data.quizzes}
            year={data.year}
            lastMonth={lastMonth}
            exportHref={c.exportHref('questions')}
            hardestRow={c.hardestRow}
            onHardestRow={c.setHardestRow}
            showMembers={c.showMembers}
            openDrill={c.setDrill}
            drill={drillIn('quizzes')}
          />
          {data.content ? (
            <ContentSection content={data.content} year={data.year} labels={labels} openDrill={c.setDrill} drill={drillIn('content')} />
          ) : null}
          <BranchesSection
            branches={data.branches}
            issueLabels={labels.issues}
            exportHref={c.exportHref('branches')}
            narrowTo={c.narrowTo}
          />
          <LifeSection apiRoute={apiRoute} org={c.org} year={c.year} />
        </div>
      ) : null}
    </div>
  )
}
