'use client'

import { useCallback, useEffect, useState } from 'react'

import type { CockpitResponse } from './charts'
import { errorOf, query, type Column, type Row } from './parts'
import type { MemberFigures } from '../tables'

export type MemberFilter = { band?: string; behind?: boolean; noQuiz?: boolean }
export type Crumb = { id: number; name: string }
export type TableDrill = {
  section: string
  kind: 'table'
  title: string
  columns: Column<Row>[]
  rows: Row[]
  highlight?: number
  exportTable?: 'items' | 'questions' | 'branches'
}
export type Drill = { section: string; kind: 'members'; title: string; filter: MemberFilter } | TableDrill

/** A table drill-down over rows of any shape (its columns are drawn from the same rows). */
export const tableDrill = <R extends Row>(d: Omit<TableDrill, 'kind' | 'columns' | 'rows'> & { columns: Column<R>[]; rows: R[] }): Drill =>
  ({ ...d, kind: 'table' }) as TableDrill

type Members = { rows: MemberFigures[]; expected: number }

const load = async (url: string, signal: AbortSignal) => {
  const res = await fetch(url, { credentials: 'include', signal, headers: { 'Accept-Language': 'zh' } })
  const body = await res.json().catch(() => null)
  if (!res.ok) throw new Error(errorOf(body, res.status))
  return body as unknown
}

/**
 * The 数据驾驶舱's state: the organisation trail and year, /api/cockpit's answer for them, the open
 * drill-down and the members behind it. Answers are kept with the request they answer, so a new
 * view shows as loading (and drops the old error) without setting state inside the fetching effect.
 */
export function useCockpit({
  apiRoute,
  initialOrg,
  initialYear,
  currentYear,
}: {
  apiRoute: string
  initialOrg?: number
  initialYear: number
  currentYear: number
}) {
  const [year, setYear] = useState(initialYear)
  const [trail, setTrail] = useState<Crumb[]>(initialOrg ? [{ id: initialOrg, name: '…' }] : [])
  const [root, setRoot] = useState<Crumb | null>(null)
  const [data, setData] = useState<CockpitResponse | null>(null)
  const [drill, setDrill] = useState<Drill | null>(null)
  const [hardestRow, setHardestRow] = useState<number | undefined>(undefined)
  const org = trail.length ? trail[trail.length - 1].id : undefined

  const viewKey = `${org ?? ''}|${year}`
  const [answered, setAnswered] = useState<{ key: string; error: string | null } | null>(null)
  const loading = answered?.key !== viewKey
  const error = loading ? null : (answered?.error ?? null)
  // A drill-down belongs to the view it was opened in: another organisation or year closes it.
  const [drillView, setDrillView] = useState(viewKey)
  if (drillView !== viewKey) {
    setDrillView(viewKey)
    setDrill(null)
    setHardestRow(undefined)
  }

  // The cockpit for the current organisation and year.
  useEffect(() => {
    const controller = new AbortController()
    load(`${apiRoute}/cockpit${query({ org, year })}`, controller.signal)
      .then((body) => {
        const d = body as CockpitResponse
        setData(d)
        setAnswered({ key: viewKey, error: null })
        if (!org) setRoot({ id: d.scope.id, name: d.scope.name })
        // A narrowed cockpit opened from the address bar learns its organisation's name here.
        setTrail((t) =>
          t.length && t[t.length - 1].id === d.scope.id && t[t.length - 1].name === '…'
            ? [...t.slice(0, -1), { id: d.scope.id, name: d.scope.name }]
            : t,
        )
      })
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setAnswered({ key: viewKey, error: e.message })
      })
    // The address keeps the view, so a reload or a shared link shows the same organisation and year.
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${query({ org, year: year === currentYear ? undefined : year })}`,
    )
    return () => controller.abort()
  }, [apiRoute, org, year, currentYear, viewKey])

  // The members behind a member drill-down, kept with the request they answer.
  const memberFilter = drill?.kind === 'members' ? drill.filter : null
  const membersKey = memberFilter
    ? JSON.stringify({ org, year, band: memberFilter.band, behind: memberFilter.behind, noQuiz: memberFilter.noQuiz })
    : null
  const [membersAnswer, setMembersAnswer] = useState<{ key: string; value: Members | null; error: string | null } | null>(null)
  const members = membersAnswer && membersAnswer.key === membersKey ? membersAnswer.value : null
  const membersError = membersAnswer && membersAnswer.key === membersKey ? membersAnswer.error : null
  useEffect(() => {
    if (!membersKey) return
    const filter = JSON.parse(membersKey) as MemberFilter & { org?: number; year: number }
    const controller = new AbortController()
    load(`${apiRoute}/cockpit/members${query(filter)}`, controller.signal)
      .then((body) => setMembersAnswer({ key: membersKey, value: body as Members, error: null }))
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setMembersAnswer({ key: membersKey, value: null, error: e.message })
      })
    return () => controller.abort()
  }, [apiRoute, membersKey])

  const narrowTo = useCallback(
    (target: Crumb) => {
      if (target.id === (org ?? root?.id)) return
      setTrail((t) => [...t, target])
    },
    [org, root],
  )
  const showMembers = useCallback(
    (section: string, title: string, filter: MemberFilter) => setDrill({ section, kind: 'members', title, filter }),
    [],
  )
  const exportHref = (table: string, extra: Record<string, string | boolean | undefined> = {}) =>
    `${apiRoute}/cockpit/export${query({ table, org, year, ...extra })}`

  return {
    year,
    setYear,
    org,
    // The viewer's own scope first, then each organisation drilled into; a crumb goes back to it.
    crumbs: [root ?? { id: 0, name: '我的范围' }, ...trail],
    backTo: (depth: number) => setTrail(trail.slice(0, depth)),
    data,
    loading,
    error,
    drill,
    setDrill,
    members,
    membersError,
    hardestRow,
    setHardestRow,
    narrowTo,
    showMembers,
    exportHref,
  }
}
