import React from 'react'

import type { Standing } from '../quiz/leaderboard'

/** One standings table (支部 or 学院): average best score and participation, never individuals; a group too small to publish shows why instead of a score. */
export function Standings({ caption, rows }: { caption: string; rows: Standing[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">名次</th>
            <th scope="col">组织</th>
            <th scope="col">平均分</th>
            <th scope="col">参与率</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.organizationId}>
              <td>{r.rank ?? '—'}</td>
              <th scope="row">{r.name}</th>
              <td>{r.averageScore ?? (r.note ? <span className="muted small">{r.note}</span> : '—')}</td>
              <td>
                {r.participationRate}%（{r.participants}/{r.members}）
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
