import Link from 'next/link'
import React from 'react'

import { POLITICAL_STAGE_LABELS, type PoliticalStage } from '../../people/stages'
import { COLLECTION_LABELS, formatDate, formatDateTime, formatHours, hrefFor, QUIZ_MODE_LABELS } from '../../site/content'
import { PrintButton } from '../../site/islands'
import { Badge, Empty } from '../../site/ui'
import type { LearningArchive } from '../../study/archive'

type Props = {
  archive: LearningArchive
  exportHref: string
  back: { href: string; label: string }
  /** The member's own archive links items and certificates to their pages; a secretary's view does not. */
  own: boolean
}

/**
 * 学习档案: one member's learning record on one printable page (hours per year, completed items,
 * quiz results, certificates), with 打印 and 导出 Excel.
 */
export function ArchiveView({ archive, exportHref, back, own }: Props) {
  // The year's target for the member's role (32 or 56 by default, 平台设置), to mark each year reached or not.
  const { target } = archive
  const { member } = archive
  const stage = POLITICAL_STAGE_LABELS[member.stage as PoliticalStage]?.zh ?? member.stage
  const totalHours = archive.hoursByYear.reduce((a, y) => a + y.hours, 0)
  return (
    <div className="container archive">
      <p className="crumbs no-print">
        <Link href={back.href}>‹ {back.label}</Link>
      </p>
      <div className="archive__head">
        <div>
          <h1>学习档案</h1>
          <p className="archive__who">
            <strong>{member.name}</strong>
            <span>{stage}</span>
            {member.branch ? <span>{member.branch}</span> : null}
            {member.college ? <span className="muted">{member.college}</span> : null}
          </p>
          <p className="muted small">
            累计 {formatHours(totalHours)} 学时 · 完成 {archive.items.length} 项学习内容 · {archive.offline.length} 条线下学时 ·{' '}
            {archive.quizzes.length} 次测验 · {archive.certificates.length} 张结业证书 · 打印日期 {formatDate(new Date().toISOString())}
          </p>
        </div>
        <div className="archive__actions no-print">
          <PrintButton label="打印" />
          <a className="button button--ghost" href={exportHref} download>
            导出 Excel
          </a>
        </div>
      </div>

      <section className="archive__section" aria-labelledby="archive-years">
        <h2 id="archive-years">各年学时</h2>
        {archive.hoursByYear.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">年度</th>
                  <th scope="col">学时</th>
                  <th scope="col">完成内容</th>
                  <th scope="col">年度目标（{target} 学时）</th>
                </tr>
              </thead>
              <tbody>
                {archive.hoursByYear.map((y) => (
                  <tr key={y.year}>
                    <th scope="row">{y.year} 年</th>
                    <td>{formatHours(y.hours)}</td>
                    <td>{y.completions} 项</td>
                    <td>{y.hours >= target ? <Badge tone="ok">已达标</Badge> : <Badge tone="warn">未达标</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty>暂无学时记录。</Empty>
        )}
      </section>

      <section className="archive__section" aria-labelledby="archive-items">
        <h2 id="archive-items">完成的学习内容</h2>
        {archive.items.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">内容</th>
                  <th scope="col">类别</th>
                  <th scope="col">完成时间</th>
                  <th scope="col">学时</th>
                </tr>
              </thead>
              <tbody>
                {archive.items.map((i) => (
                  <tr key={`${i.collection}:${i.id}`}>
                    <td>{own ? <Link href={hrefFor(i.collection, i.id)}>{i.title}</Link> : i.title}</td>
                    <td>{COLLECTION_LABELS[i.collection] ?? i.collection}</td>
                    <td>{formatDateTime(i.completedAt)}</td>
                    <td>
                      {formatHours(i.hours)}
                      {i.heldHours > 0 ? (
                        <span className="status status--warn">（{formatHours(i.heldHours)} 学时待核实或不予计入）</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty>还没有完成的学习内容。</Empty>
        )}
      </section>

      <section className="archive__section" aria-labelledby="archive-offline">
        <h2 id="archive-offline">线下学时（培训、学习证明、组织生活）</h2>
        {archive.offline.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">名称</th>
                  <th scope="col">来源</th>
                  <th scope="col">日期</th>
                  <th scope="col">所属年度</th>
                  <th scope="col">证明单位</th>
                  <th scope="col">学时</th>
                </tr>
              </thead>
              <tbody>
                {archive.offline.map((e, i) => (
                  <tr key={i}>
                    <td>{e.title}</td>
                    <td>{e.sourceLabel}</td>
                    <td>{formatDate(e.countsOn)}</td>
                    <td>{e.year} 年</td>
                    <td>{e.organization ?? ''}</td>
                    <td>{formatHours(e.hours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty>暂无线下学时记录。</Empty>
        )}
      </section>

      <section className="archive__section" aria-labelledby="archive-meetings">
        <h2 id="archive-meetings">组织生活参加情况</h2>
        {archive.meetings.length ? (
          <div className="table-wrap">
            <table className="table" data-testid="archive-meetings">
              <thead>
                <tr>
                  <th scope="col">会议</th>
                  <th scope="col">类型</th>
                  <th scope="col">时间</th>
                  <th scope="col">所属年度</th>
                  <th scope="col">参加情况</th>
                </tr>
              </thead>
              <tbody>
                {archive.meetings.map((m) => (
                  <tr key={m.id}>
                    <td>{m.topic}</td>
                    <td>{m.types}</td>
                    <td>{formatDate(m.startsAt)}</td>
                    <td>{m.year} 年</td>
                    <td>{m.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty>暂无组织生活记录。</Empty>
        )}
      </section>

      <section className="archive__section" aria-labelledby="archive-quizzes">
        <h2 id="archive-quizzes">测验成绩</h2>
        {archive.quizzes.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">测验</th>
                  <th scope="col">类型</th>
                  <th scope="col">提交时间</th>
                  <th scope="col">得分</th>
                  <th scope="col">结果</th>
                </tr>
              </thead>
              <tbody>
                {archive.quizzes.map((q) => (
                  <tr key={q.id}>
                    <td>{q.title || '（已删除）'}</td>
                    <td>{QUIZ_MODE_LABELS[q.mode] ?? q.mode}</td>
                    <td>{formatDateTime(q.submittedAt)}</td>
                    <td>{q.score} 分</td>
                    <td>{q.passed ? <Badge tone="ok">通过</Badge> : <Badge tone="warn">未通过</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty>还没有测验记录。</Empty>
        )}
      </section>

      <section className="archive__section" aria-labelledby="archive-certificates">
        <h2 id="archive-certificates">结业证书</h2>
        {archive.certificates.length ? (
          <ul className="list">
            {archive.certificates.map((c) => (
              <li key={c.courseId} className="list__item">
                {own ? (
                  <Link href={`/me/certificates/${c.courseId}`} className="list__link">
                    <span className="list__title">{c.title}</span>
                    <span className="list__meta">结业于 {formatDate(c.completedAt)} · 查看并打印证书</span>
                  </Link>
                ) : (
                  <>
                    <span className="list__title">{c.title}</span>
                    <span className="list__meta">结业于 {formatDate(c.completedAt)}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>暂无结业证书。</Empty>
        )}
      </section>
    </div>
  )
}
