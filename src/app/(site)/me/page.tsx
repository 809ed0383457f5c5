import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { myPoints } from '../../../points/read'
import { myAttempts } from '../../../quiz/read'
import { getSitePayload, nameOf, requireUser } from '../../../site/auth'
import { COLLECTION_LABELS, formatDate, formatDateTime, formatHours, hrefFor, QUIZ_MODE_LABELS } from '../../../site/content'
import { studyHistory } from '../../../site/history'
import { HoursBar } from '../../../site/HoursBar'
import { Badge, Empty, MiniProgress, PageTitle, Section } from '../../../site/ui'
import { hoursByYear, yearHours } from '../../../study/read'
import { PrivacyPanel } from '../../../privacy/site/PrivacyPanel'

export const metadata: Metadata = { title: '我的学习' }

/** 我的学习: hours this year and before, the study record, points, quiz results and certificates. */
export default async function MePage() {
  const user = await requireUser('/me')
  const payload = await getSitePayload()
  const [hours, years, history, points, attempts, requests] = await Promise.all([
    yearHours(payload, user),
    hoursByYear(payload, user),
    studyHistory(payload, user, 200),
    myPoints(payload, user, 30),
    myAttempts(payload, user),
    payload.find({ collection: 'deletion-requests', where: { member: { equals: user.id } }, user, overrideAccess: false, depth: 0, sort: '-createdAt', limit: 5 }),
  ])
  const certificates = history.filter((r) => r.collection === 'courses' && r.completedAt)
  const items = history.filter((r) => r.collection !== 'courses').slice(0, 50)
  const pastYears = years.filter((y) => y.year !== hours.year)
  const heldItems = new Map(hours.held.items.map((i) => [i.key, i.status]))

  return (
    <div className="container">
      <PageTitle title="我的学习" lead={`${nameOf(user)}的学时、学习记录、积分和答题成绩。`}>
        <p className="meta-row">
          <Link href="/me/archive">学习档案（可打印、导出 Excel）</Link>
          <Link href="/notifications">消息</Link>
        </p>
      </PageTitle>

      <HoursBar {...hours} />

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

      <Section id="certificates" title="结业证书">
        {certificates.length ? (
          <ul className="list">
            {certificates.map((c) => (
              <li key={c.itemId} className="list__item">
                <Link href={`/me/certificates/${c.itemId}`} className="list__link">
                  <span className="list__title">{c.title}</span>
                  <span className="list__meta">结业于 {formatDate(c.completedAt)} · 查看并打印证书</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>
            学完一门课程的全部微党课即可获得结业证书，去<Link href="/courses">课程</Link>看看。
          </Empty>
        )}
      </Section>

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
                    {heldItems.has(`${r.collection}:${r.itemId}`) ? `${formatHours(r.hoursCredited)} 学时暂不计入` : `获得 ${formatHours(r.hoursCredited)} 学时`} · 最近学习{' '}
                    {formatDate(r.updatedAt)}
                  </span>
                  <MiniProgress percent={r.percent} label={`${r.title}学习进度`} />
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>还没有学习记录。</Empty>
        )}
      </Section>

      <Section id="points" title="学习积分">
        <p className="points">
          <span>
            累计积分 <strong>{points.total}</strong>
          </span>
          <span>
            今日积分 <strong>{points.today}</strong>
          </span>
        </p>
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

      <Section id="attempts" title="答题成绩" more={{ href: '/quizzes/wrong', label: '错题本' }}>
        {attempts.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">答题成绩</caption>
              <thead>
                <tr>
                  <th scope="col">测验</th>
                  <th scope="col">得分</th>
                  <th scope="col">时间</th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link href={`/quizzes/${a.quizId}`}>{a.quizTitle}</Link>
                      {QUIZ_MODE_LABELS[a.mode] && QUIZ_MODE_LABELS[a.mode] !== a.quizTitle ? (
                        <span className="muted small"> {QUIZ_MODE_LABELS[a.mode]}</span>
                      ) : null}
                    </td>
                    <td>
                      {a.score === null ? '未交卷' : `${a.score} 分`}{' '}
                      {a.passed === true ? <Badge tone="ok">通过</Badge> : a.passed === false ? <Badge tone="warn">未通过</Badge> : null}
                    </td>
                    <td>{a.submittedAt ? formatDateTime(a.submittedAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty>
            还没有答题记录，去<Link href="/quizzes">答题</Link>吧。
          </Empty>
        )}
      </Section>
      <Section id="privacy" title="我的个人信息">
        <PrivacyPanel requests={requests.docs.map((r) => ({ id: r.id, status: r.status, createdAt: r.createdAt, decisionNote: r.decisionNote }))} />
      </Section>
    </div>
  )
}
