'use client'

import React from 'react'

import type { PlacedColumn } from '../tables'

/**
 * The pieces every 数据驾驶舱 section draws with (KPI tiles, tables, sections, chart cards) and the
 * helpers it fetches with; the study sections (./sections) and 组织生活 (src/meetings/admin) share them.
 */

/** A table column: its key in the row, its heading, and how a cell is drawn. */
export type Column<R> = { key: string; label: string; numeric?: boolean; render?: (row: R) => React.ReactNode }
export type Row = Record<string, unknown>

/**
 * The admin's columns of a shared table (src/cockpit/tables.ts): headings and text from the
 * definition; `draw` gives the cells that are more than text (links, badges), given that text.
 */
export const tableColumns = <R extends Row>(
  columns: PlacedColumn<R>[],
  draw: Record<string, (row: R, text: string) => React.ReactNode> = {},
): Column<R>[] =>
  columns.map((c) => ({
    key: c.key,
    label: c.header,
    numeric: c.numeric,
    render: (row) => (draw[c.key] ? draw[c.key](row, c.text(row)) : c.text(row)),
  }))

export const fmt = (n: number | null | undefined) => (n ?? 0).toLocaleString('zh-CN')
export const errorOf = (body: unknown, status: number) => {
  const m = (body as { errors?: Array<{ message?: string }> } | null)?.errors?.[0]?.message
  return m || (status === 401 ? '请先登录' : status === 403 ? '没有权限查看' : `加载失败（${status}）`)
}
export const query = (values: Record<string, string | number | boolean | undefined | null>) => {
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(values))
    if (v !== undefined && v !== null && v !== '' && v !== false) qs.set(k, v === true ? '1' : String(v))
  const s = qs.toString()
  return s ? `?${s}` : ''
}

export function Kpi({
  label,
  value,
  unit,
  note,
  onClick,
  testId,
}: {
  label: string
  value: string
  unit?: string
  note?: string
  onClick?: () => void
  testId?: string
}) {
  const body = (
    <>
      <span className="cockpit-kpi__label">{label}</span>
      <span className="cockpit-kpi__value" data-testid={testId}>
        {value}
        {unit ? <small>{unit}</small> : null}
      </span>
      {note ? <span className="cockpit-kpi__note">{note}</span> : null}
    </>
  )
  return onClick ? (
    <button type="button" className="cockpit-kpi cockpit-kpi--link" onClick={onClick}>
      {body}
    </button>
  ) : (
    <div className="cockpit-kpi">{body}</div>
  )
}

export function DataTable<R extends Row>({
  columns,
  rows,
  caption,
  highlight,
  rowClass,
  onRowClick,
  testId,
}: {
  columns: Column<R>[]
  rows: R[]
  caption: string
  highlight?: number
  rowClass?: (r: R) => string | undefined
  onRowClick?: (r: R) => void
  testId?: string
}) {
  return (
    <div className="cockpit-table-wrap">
      <table className="cockpit-table" data-testid={testId}>
        <caption className="cockpit-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr
              key={String(r.id ?? i)}
              className={
                [i === highlight ? 'is-highlighted' : '', rowClass?.(r) ?? '', onRowClick ? 'is-clickable' : '']
                  .filter(Boolean)
                  .join(' ') || undefined
              }
              onClick={onRowClick ? () => onRowClick(r) : undefined}
            >
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : undefined}>
                  {c.render ? c.render(r) : String(r[c.key] ?? '')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function Section({
  id,
  title,
  children,
  actions,
}: {
  id: string
  title: string
  children: React.ReactNode
  actions?: React.ReactNode
}) {
  return (
    <section className="cockpit-section" aria-labelledby={`cockpit-${id}`}>
      <div className="cockpit-section__head">
        <h2 id={`cockpit-${id}`}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  )
}

export function ChartCard({ title, hint, children, wide }: { title: string; hint?: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <figure className={wide ? 'cockpit-card cockpit-card--wide' : 'cockpit-card'}>
      <figcaption>
        {title}
        {hint ? <span className="cockpit-card__hint">{hint}</span> : null}
      </figcaption>
      {children}
    </figure>
  )
}
