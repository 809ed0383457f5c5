import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { AREA_LABELS, FEEDBACK_AREAS, FEEDBACK_KINDS, normaliseLink, type FeedbackArea } from '../../../../feedback/routing'
import { getSitePayload, requireUser } from '../../../../site/auth'
import { formatDateTime } from '../../../../site/content'
import { FeedbackForm } from '../../../../site/islands'
import { Badge, Empty, PageTitle, Section } from '../../../../site/ui'

export const metadata: Metadata = { title: '意见反馈' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/**
 * 我的 → 意见反馈: write a suggestion or complaint (the page it is about comes along from the
 * footer's link), and read one's own messages with their answers.
 */
export default async function FeedbackPage({ searchParams }: Props) {
  const raw = (await searchParams).page
  const user = await requireUser(`/me/feedback${typeof raw === 'string' ? `?page=${encodeURIComponent(raw)}` : ''}`)
  const link = normaliseLink(typeof raw === 'string' ? raw : null)
  const pageLink = link.ok && link.link && !link.link.startsWith('/me/feedback') ? link.link : ''
  const { docs } = await (
    await getSitePayload()
  ).find({
    collection: 'feedback',
    where: { author: { equals: user.id } },
    user,
    overrideAccess: false,
    depth: 0,
    sort: '-createdAt',
    limit: 50,
  })
  return (
    <div className="container container--narrow">
      <PageTitle title="意见反馈" lead="对平台内容、课程答题、组织学时或平台本身的意见、建议和投诉，会交给负责这部分的工作人员答复。" />
      <FeedbackForm
        kinds={FEEDBACK_KINDS.map((k) => ({ value: k.value, label: k.label.zh }))}
        areas={FEEDBACK_AREAS.map((a) => ({ value: a.value, label: a.label.zh }))}
        pageLink={pageLink}
      />
      <Section id="my-feedback" title="我的反馈">
        {docs.length ? (
          <ul className="list">
            {docs.map((f) => (
              <li key={f.id} id={`feedback-${f.id}`} className="list__item feedback-item">
                <span className="list__meta">
                  {f.kind === 'complaint' ? '投诉' : '建议'} · {AREA_LABELS[f.area as FeedbackArea] ?? ''} · {formatDateTime(f.createdAt)}{' '}
                  {f.status === 'answered' ? <Badge tone="ok">已答复</Badge> : <Badge tone="plain">待答复</Badge>}
                </span>
                <p className="feedback-item__message">{f.message}</p>
                {f.pageLink ? (
                  <p className="list__meta">
                    相关页面：<Link href={f.pageLink}>{f.pageLink}</Link>
                  </p>
                ) : null}
                {f.reply ? (
                  <p className="feedback-item__reply">
                    <strong>答复</strong>（{formatDateTime(f.repliedAt)}）：{f.reply}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>你还没有提交过意见反馈。</Empty>
        )}
      </Section>
    </div>
  )
}
