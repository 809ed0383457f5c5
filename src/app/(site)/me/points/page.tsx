import type { Metadata } from 'next'
import React from 'react'

import { myPoints } from '../../../../points/read'
import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatDateTime } from '../../../../site/content'
import { Empty, PageTitle, Section } from '../../../../site/ui'

export const metadata: Metadata = { title: '学习积分' }

/** 我的 → 学习积分: today's and the total, and the latest entries. */
export default async function MyPointsPage() {
  const user = await requireUser('/me/points')
  const points = await myPoints(await getSitePayload(), user, 50)
  return (
    <div className="container">
      <PageTitle title="学习积分" lead="阅读文章、观看视频、每日答题和登录可获得积分，每项每天有上限。积分只是学习记录，不作考核排名。" />
      <p className="points card">
        <span>
          今日积分 <strong>{points.today}</strong>
        </span>
        <span>
          累计积分 <strong>{points.total}</strong>
        </span>
      </p>
      <Section id="points" title="积分明细">
        {points.history.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">积分明细</caption>
              <thead>
                <tr>
                  <th scope="col">时间</th>
                  <th scope="col">事项</th>
                  <th scope="col">积分</th>
                </tr>
              </thead>
              <tbody>
                {points.history.map((p, i) => (
                  <tr key={`${p.createdAt}-${i}`}>
                    <td>{formatDateTime(p.createdAt)}</td>
                    <td>
                      {p.ruleLabel}
                      {p.note ? <span className="muted small">（{p.note}）</span> : null}
                    </td>
                    <td>{p.points > 0 ? `+${p.points}` : p.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty>暂无积分记录：阅读文章、观看视频、每日答题都可获得积分。</Empty>
        )}
      </Section>
    </div>
  )
}
