import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import React from 'react'

import { getSitePayload, nameOf, requireUser } from '../../../../../site/auth'
import { certificateIssuer } from '../../../../../site/certificate'
import { formatDate, formatHours, idParam } from '../../../../../site/content'
import { loadCourse } from '../../../../../site/loaders'
import { PrintButton } from '../../../../../site/islands'
import { myProgress, progressKey } from '../../../../../study/read'

type Props = { params: Promise<{ courseId: string }> }

export const metadata: Metadata = { title: '结业证书' }

/** A printable certificate for a completed course. */
export default async function CertificatePage({ params }: Props) {
  const { courseId: raw } = await params
  const user = await requireUser(`/me/certificates/${raw}`)
  const id = idParam(raw)
  if (!id) notFound()
  const course = await loadCourse(id)
  if (!course) notFound()
  const payload = await getSitePayload()
  const progress = (await myProgress(payload, user, [{ collection: 'courses', id: course.id }])).get(progressKey('courses', course.id))

  if (!progress?.completedAt) {
    return (
      <div className="container">
        <h1>结业证书</h1>
        <p className="empty">
          你尚未完成《{course.title}》，学完全部微党课后即可获得证书。<Link href={`/courses/${course.id}`}>继续学习</Link>
        </p>
      </div>
    )
  }

  const { issuer, branch } = await certificateIssuer(payload, (user as { organization?: unknown }).organization)
  const completed = new Date(progress.completedAt)
  const number = `DJ-${completed.getFullYear()}-${String(course.id).padStart(4, '0')}-${String(user.id).padStart(6, '0')}`
  return (
    <div className="container certificate-page">
      <p className="no-print crumbs">
        <Link href="/me/certificates">‹ 返回结业证书</Link>
      </p>
      <section className="certificate" aria-labelledby="certificate-title">
        <div className="certificate__mark" aria-hidden="true">
          ★
        </div>
        <h1 id="certificate-title">结业证书</h1>
        <p className="certificate__text">
          <strong>{nameOf(user)}</strong>：
        </p>
        <p className="certificate__text">
          于 {formatDate(progress.completedAt)} 完成《{course.title}》课程学习，共计 {formatHours(course.totalCreditHours)} 学时，特发此证。
        </p>
        <p className="certificate__issuer" data-testid="certificate-issuer">
          {issuer}
        </p>
        {branch ? <p className="certificate__date">（{branch}）</p> : null}
        <p className="certificate__date">{formatDate(progress.completedAt)}</p>
        <p className="certificate__no">证书编号：{number}</p>
      </section>
      <p className="actions no-print">
        <PrintButton />
      </p>
    </div>
  )
}
