import Link from 'next/link'
import React, { Suspense } from 'react'

import { related, type RelatedItem } from '../search/related'
import { getSitePayload, getSiteUser } from './auth'
import { COLLECTION_LABELS, hrefFor } from './content'
import { audienceOf, keptWhileContentUnchanged } from './kept'
import { Section } from './ui'
import { asPayloadUser } from '../viewer'

/**
 * The same for everyone of an audience (search filters by it: src/search/query.ts), so kept while
 * content is unchanged (src/site/kept.ts); popularity, which also orders it, is looked at again
 * after a minute.
 */
const keptRelated = keptWhileContentUnchanged<RelatedItem[]>({ ttlMs: 60_000 })

type Props = { collection: 'courses' | 'micro-lessons' | 'red-resources' | 'news'; id: number }

async function RelatedList({ collection, id }: Props) {
  const [payload, user] = await Promise.all([getSitePayload(), getSiteUser()])
  let items: RelatedItem[]
  try {
    items = await keptRelated(payload, JSON.stringify([collection, id, await audienceOf(payload, user)]), () =>
      related({ user: asPayloadUser(user), payload, context: {} }, { collection, id }),
    )
  } catch (error) {
    // Search being down must never break the page: it renders without the section.
    payload.logger.warn({ err: error, msg: `相关内容加载失败：${collection}-${id}` })
    return null
  }
  if (!items.length) return null
  return (
    <Section id="related" title="相关内容">
      <ul className="cards cards--two related">
        {items.map((r) => (
          <li key={r.id} className="card card--link">
            <Link href={hrefFor(r.collection, r.itemId)}>
              <span className="card__kicker">
                {COLLECTION_LABELS[r.collection] ?? ''}
                {r.themes.length ? ` · ${r.themes.slice(0, 2).join('、')}` : ''}
              </span>
              <span className="card__heading">{r.title}</span>
            </Link>
          </li>
        ))}
      </ul>
    </Section>
  )
}

/**
 * 相关内容 at the bottom of a detail page: items sharing its themes that the reader may read.
 * Rendered on the server and streamed after the page, so a slow search never holds the item back.
 */
export function RelatedContent(props: Props) {
  return (
    <Suspense fallback={null}>
      <RelatedList {...props} />
    </Suspense>
  )
}
