import React from 'react'

import type { PlacedColumn } from '../tables'

type Props<R> = {
  /** A layout of a shared table (src/cockpit/tables.ts). */
  columns: PlacedColumn<NoInfer<R>>[]
  rows: R[]
  caption: string
  testId?: string
  /** The cells that are more than text (links, status marks), given that text. */
  draw?: Record<string, (row: R, text: string) => React.ReactNode>
  rowProps?: (row: R) => React.ComponentProps<'tr'> & { [data: `data-${string}`]: string | number }
}

/** One of the 支部 page's tables: the first column heads each row. */
export function SiteTable<R extends { id: number }>({ columns, rows, caption, testId, draw = {}, rowProps }: Props<R>) {
  const cell = (c: PlacedColumn<R>, row: R) => (draw[c.key] ? draw[c.key](row, c.text(row)) : c.text(row))
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.key}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} {...rowProps?.(row)}>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th scope="row" key={c.key}>
                    {cell(c, row)}
                  </th>
                ) : (
                  <td key={c.key}>{cell(c, row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
