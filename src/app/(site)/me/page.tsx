import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { myPoints } from '../../../points/read'
import { getSitePayload, nameOf, requireUser } from '../../../site/auth'
import { formatHours } from '../../../site/content'
import { studyHistory } from '../../../site/history'
import { HoursBar } from '../../../site/HoursBar'
import { PageTitle } from '../../../site/ui'
import { yearHours } from '../../../study/read'

export const metadata: Metadata = { title: '我的' }

const MENU: Array<{ href: string; title: string; note: string }> = [
  { href: '/me/history', title: '学习记录', note: '历年学时和学过的课程、微党课、文章' },
  { href: '/me/points', title: '学习积分', note: '积分明细（记录学习，不作考核排名）' },
  { href: '/me/quizzes', title: '答题成绩', note: '每日答题、专项测验和竞赛成绩，错题本' },
  { href: '/me/certificates', title: '结业证书', note: '学完课程后由所在党组织颁发，可打印' },
  { href: '/me/archive', title: '学习档案', note: '本年度学时台账，可打印、导出 Excel' },
  { href: '/meetings', title: '组织生活', note: '三会一课、主题党日：会议安排、请假、签到和纪要' },
  { href: '/development', title: '发展党员', note: '入党申请、我的入党历程、党校培训、支部表决和公示' },
  { href: '/notifications', title: '消息', note: '学时预警、意见反馈的答复等通知' },
  { href: '/me/settings', title: '账号设置', note: '密码、手机号、邮箱、关注专题' },
  { href: '/me/feedback', title: '意见反馈', note: '对平台的意见、建议和投诉' },
  { href: '/me/privacy', title: '我的个人信息', note: '下载全部个人信息，申请删除' },
]

/**
 * 我的: a summary at the top (this year's 学时, points today and in total, certificates), then one
 * line per section, each its own page (the tabs above come from the layout).
 */
export default async function MePage() {
  const user = await requireUser('/me')
  const payload = await getSitePayload()
  const [hours, points, history] = await Promise.all([
    yearHours(payload, user),
    myPoints(payload, user, 0),
    studyHistory(payload, user, 100_000),
  ])
  const certificates = history.filter((r) => r.collection === 'courses' && r.completedAt).length

  return (
    <div className="container">
      <PageTitle title="我的" lead={`${nameOf(user)}，这里是你的学时、积分、证书和账号。`} />
      <HoursBar {...hours} compact />
      <ul className="me-summary" aria-label="概览">
        <li>
          <Link href="/me/history">
            <strong data-testid="summary-hours">{formatHours(hours.hours)}</strong>
            <span>{hours.year} 年学时</span>
          </Link>
        </li>
        <li>
          <Link href="/me/points">
            <strong data-testid="summary-points">
              {points.today}
              <small className="muted"> / {points.total}</small>
            </strong>
            <span>今日 / 累计积分</span>
          </Link>
        </li>
        <li>
          <Link href="/me/certificates">
            <strong data-testid="summary-certificates">{certificates}</strong>
            <span>结业证书</span>
          </Link>
        </li>
      </ul>
      <nav aria-label="我的栏目">
        <ul className="list me-menu">
          {MENU.map((m) => (
            <li key={m.href} className="list__item">
              <Link href={m.href} className="list__link">
                <span className="list__text">
                  <span className="list__title">{m.title}</span>
                  <span className="list__meta">{m.note}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  )
}
