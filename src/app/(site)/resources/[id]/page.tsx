import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import React from 'react'

import type { Media } from '../../../../payload-types'
import { getSitePayload, getSiteUser } from '../../../../site/auth'
import { formatDate, idParam, mediaOf, PERIOD_LABELS, populated, RESOURCE_KIND_LABELS, withQuery } from '../../../../site/content'
import { loadResource } from '../../../../site/loaders'
import { RelatedContent } from '../../../../site/RelatedContent'
import { RichTextBody } from '../../../../site/RichTextBody'
import { StudyTracker } from '../../../../site/islands'
import { Badge } from '../../../../site/ui'
import { myProgress, progressKey } from '../../../../study/read'

type Props = { params: Promise<{ id: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = idParam((await params).id)
  const resource = id ? await loadResource(id) : null
  return { title: resource?.title ?? '红色资源' }
}

/** One red resource; reading it counts toward study hours for signed-in members. */
export default async function ResourcePage({ params }: Props) {
  const id = idParam((await params).id)
  if (!id) notFound()
  const [resource, user] = await Promise.all([loadResource(id), getSiteUser()])
  if (!resource) notFound()

  const cover = mediaOf(resource.cover)
  const attachments = (resource.attachments ?? []).map((a) => populated<Media>(a)).filter((a): a is Media => Boolean(a?.url))
  const progress = user
    ? (await myProgress(await getSitePayload(), user, [{ collection: 'red-resources', id: resource.id }])).get(
        progressKey('red-resources', resource.id),
      )
    : undefined

  const body = (
    <>
      {cover ? (
        <figure className="figure">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={cover.sizes?.hero?.url || cover.url || ''} alt={cover.alt ?? ''} />
          {cover.caption ? <figcaption>{cover.caption}</figcaption> : null}
        </figure>
      ) : null}
      <RichTextBody data={resource.body} />
      {attachments.length ? (
        <section aria-labelledby="attachments">
          <h2 id="attachments">{resource.kind === 'image' ? '图片' : resource.kind === 'video' ? '视频' : '附件'}</h2>
          <ul className="attachments">
            {attachments.map((a) => {
              const label = a.caption || a.alt || a.filename || '附件'
              const type = String(a.mimeType ?? '')
              return (
                <li key={a.id}>
                  {type.startsWith('image/') ? (
                    <figure className="figure">
                      <a href={a.url ?? '#'}>
                        {/* eslint-disable-next-line @next/next/no-img-element */}
                        <img
                          src={a.sizes?.hero?.url || a.url || ''}
                          alt={a.alt ?? ''}
                          width={a.width ?? undefined}
                          height={a.height ?? undefined}
                          loading="lazy"
                        />
                      </a>
                      {a.caption ? <figcaption>{a.caption}</figcaption> : null}
                    </figure>
                  ) : type.startsWith('video/') ? (
                    <figure className="figure">
                      <video controls preload="metadata" playsInline src={a.url ?? undefined} aria-label={label} />
                      <figcaption>
                        {label}
                        {a.durationSeconds
                          ? `（时长 ${Math.floor(a.durationSeconds / 60)} 分 ${Math.round(a.durationSeconds % 60)} 秒）`
                          : ''}
                      </figcaption>
                    </figure>
                  ) : (
                    <a href={a.url ?? '#'}>{label}</a>
                  )}
                </li>
              )
            })}
          </ul>
        </section>
      ) : null}
      {resource.source || resource.provenance ? (
        <dl className="facts">
          {resource.source ? (
            <>
              <dt>来源</dt>
              <dd>{resource.source}</dd>
            </>
          ) : null}
          {resource.provenance ? (
            <>
              <dt>出处与收藏</dt>
              <dd>{resource.provenance}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </>
  )

  return (
    <article className="container">
      <nav aria-label="面包屑" className="crumbs">
        <Link href="/resources">红色资源库</Link> <span aria-hidden="true">›</span>{' '}
        <Link href={withQuery('/resources', { kind: resource.kind })}>{RESOURCE_KIND_LABELS[resource.kind]}</Link>
      </nav>
      <header className="page-title">
        <h1>{resource.title}</h1>
        <p className="meta-row">
          <Badge tone="red">{RESOURCE_KIND_LABELS[resource.kind]}</Badge>
          {resource.period ? <span>{PERIOD_LABELS[resource.period]}</span> : null}
          {resource.publishedAt ? <span>发布于 {formatDate(resource.publishedAt)}</span> : null}
        </p>
        {resource.summary ? <p className="lead">{resource.summary}</p> : null}
        {resource.address ? (
          <p className="address">
            <strong>地址：</strong>
            {resource.address}
          </p>
        ) : null}
      </header>
      {user ? (
        <StudyTracker
          collection="red-resources"
          id={resource.id}
          kind="article"
          initial={{ percent: progress?.percent ?? 0, completed: Boolean(progress?.completedAt), position: progress?.position ?? 0 }}
        >
          {body}
        </StudyTracker>
      ) : (
        <>
          <p className="hint">
            <Link href={`/login?next=${encodeURIComponent(`/resources/${resource.id}`)}`}>登录</Link>后阅读可记入学习记录。
          </p>
          <div className="study__body">{body}</div>
        </>
      )}

      <RelatedContent collection="red-resources" id={resource.id} />
    </article>
  )
}
