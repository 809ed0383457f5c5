import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatDate } from '../../../../site/content'
import { studyHistory } from '../../../../site/history'
import { Empty, PageTitle } from '../../../../site/ui'

export const metadata: Metadata = { title: '结业证书' }

/** 我的 → 结业证书: one per completed course, each printable. */
export default async function MyCertificatesPage() {
  const user = await requireUser('/me/certificates')
  const history = await studyHistory(await getSitePayload(), user, 100_000)
  const certificates = history.filter((r) => r.collection === 'courses' && r.completedAt)
  return (
    <div className="container">
      <PageTitle title="结业证书" lead="学完一门课程的全部微党课，由你所在的党组织颁发结业证书。" />
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
    </div>
  )
}
