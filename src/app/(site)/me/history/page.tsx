import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { getSitePayload, requireUser } from '../../../../site/auth'
import { COLLECTION_LABELS, formatDate, formatHours, hrefFor } from '../../../../site/content'
import { studyHistory } from '../../../../site/history'
import { HoursBar } from '../../../../site/HoursBar'
import { Badge, Empty, MiniProgress, PageTitle, Section } from '../../../../site/ui'
import { hoursByYear, yearHours } from '../../../../study/read'

export const metadata: Metadata = { title: '学习记录' }

/** 我的 → 学习记录: this year's hours, the years before, and every item studied. */
export default async function MyHistoryPage() {
  const user = await requireUser('/me/history')
  const payload = await getSitePayload()
  const [hours, years, history] = await Promise.all([
    yearHours(payload, user),
    hoursByYear(payload, user),
    studyHistory(payload, user, 200),
  ])
  const items = history.filter((r) => r.collection !== 'courses').slice(0, 50)
  const pastYears = years.filter((y) => y.year !== hours.year)
  const heldItems = new Map(hours.held.items.map((i) => [i.key, i.status]))

  return (
    <div className="container">
      <PageTitle title="学习记录" lead="学时只按实际学习时间计入；积分、在线时长只是记录，不作考核。" />
      <HoursBar {...hours} />

      <Section id="history" title="学习记录">
        {items.length ? (
          <ul className="list">
            {items.map((r) => (
              <li key={`${r.collection}:${r.itemId}`} className="list__item">
                <Link href={hrefFor(r.collection, r.itemId)} className="list__link">
                  <span className="list__title">
                    {r.title} {r.completedAt ? <Badge tone="ok">已完成</Badge> : null}
                    {heldItems.get(`${r.collection}:${r.itemId}`) === 'pending' ? <Badge tone="warn">学时待核实</Badge> : null}
                    {heldItems.get(`${r.collection}:${r.itemId}`) === 'confirmed' ? <Badge tone="warn">学时不予计入</Badge> : null}
                  </span>
                  <span className="list__meta">
                    {COLLECTION_LABELS[r.collection]} · 已学 {Math.round(r.percent)}% ·{' '}
                    {heldItems.has(`${r.collection}:${r.itemId}`)
                      ? `${formatHours(r.hoursCredited)} 学时暂不计入`
                      : `获得 ${formatHours(r.hoursCredited)} 学时`}{' '}
                    · 最近学习 {formatDate(r.updatedAt)}
                  </span>
                  <MiniProgress percent={r.percent} label={`${r.title}学习进度`} />
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>
            还没有学习记录，去<Link href="/courses">课程</Link>看看。
          </Empty>
        )}
      </Section>

      <Section id="years" title="历年学时">
        {pastYears.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">历年学时</caption>
              <thead>
                <tr>
                  <th scope="col">年度</th>
                  <th scope="col">学时</th>
                  <th scope="col">目标</th>
                </tr>
              </thead>
              <tbody>
                {pastYears.map((y) => (
                  <tr key={y.year}>
                    <th scope="row">{y.year} 年</th>
                    <td>{formatHours(y.hours)}</td>
                    <td>{y.hours >= hours.target ? <Badge tone="ok">已达标</Badge> : <Badge tone="warn">未达标</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty>暂无往年学时记录。</Empty>
        )}
      </Section>
    </div>
  )
}
