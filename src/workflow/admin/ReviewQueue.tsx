import Link from 'next/link'
import type { Payload, PayloadRequest, Where } from 'payload'

import { hasRole } from '../../access/roles'
import { AUTHOR_ROLE, COLLECTION_LABELS, REVIEWED_COLLECTIONS, type ReviewedCollection } from '../config'
import { REVIEW_STATE_LABELS, type ReviewState } from '../transitions'

type Props = { payload: Payload; user?: PayloadRequest['user'] }

const WAITING: Record<number, ReviewState> = { 1: 'pendingFirst', 2: 'pendingSecond', 3: 'pendingFinal' }
const AUTHOR_STATES: ReviewState[] = [
  'returned',
  'draft',
  'pendingFirst',
  'pendingSecond',
  'pendingFinal',
  'scheduled',
  'published',
  'withdrawn',
]

/** Counts the latest versions (drafts included) in a state, as the user may see them. */
const countIn = async (payload: Payload, user: Props['user'], collection: ReviewedCollection, state: ReviewState, mine: boolean) => {
  const where: Where = mine
    ? { and: [{ reviewState: { equals: state } }, { createdBy: { equals: user!.id } }] }
    : { reviewState: { equals: state } }
  const { totalDocs } = await payload.find({ collection, where, draft: true, depth: 0, limit: 1, overrideAccess: false, user, select: {} })
  return totalDocs
}

const listHref = (collection: string, state: ReviewState, authorId?: number | string) =>
  `/admin/collections/${collection}?where[reviewState][equals]=${state}${authorId ? `&where[createdBy][equals]=${authorId}` : ''}`

/**
 * On the dashboard: a reviewer's queue (what waits at their level, per kind of content) and an
 * author's items by state, returned ones first.
 */
export const ReviewQueue = async ({ payload, user }: Props) => {
  if (!user) return null
  const level = hasRole(user, 'reviewer') ? Number((user as { reviewLevel?: string }).reviewLevel ?? 0) : 0
  const authored = REVIEWED_COLLECTIONS.filter((c) => hasRole(user, AUTHOR_ROLE[c]))
  if (!level && authored.length === 0) return null

  const queue = level
    ? await Promise.all(REVIEWED_COLLECTIONS.map(async (c) => ({ c, n: await countIn(payload, user, c, WAITING[level], false) })))
    : []
  const mine = await Promise.all(
    authored.map(async (c) => ({
      c,
      counts: await Promise.all(AUTHOR_STATES.map(async (s) => ({ s, n: await countIn(payload, user, c, s, true) }))),
    })),
  )

  return (
    <section className="review-queue" style={{ marginBottom: 32 }}>
      {level > 0 && (
        <div>
          <h2>我的审核队列（{REVIEW_STATE_LABELS[WAITING[level]].zh}）</h2>
          <ul style={{ display: 'flex', flexWrap: 'wrap', gap: 12, listStyle: 'none', padding: 0 }}>
            {queue.map(({ c, n }) => (
              <li key={c}>
                <Link href={listHref(c, WAITING[level])} className="card" style={{ display: 'block', padding: '12px 16px', minWidth: 140 }}>
                  <strong style={{ fontSize: 24 }}>{n}</strong>
                  <div>{COLLECTION_LABELS[c]}</div>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {mine.length > 0 && (
        <div>
          <h2>我撰写的内容</h2>
          {/* Styled like Payload's own list tables (custom.scss): one row per kind, a column per state. */}
          <div className="review-queue__mine">
            <table>
              <thead>
                <tr>
                  <th scope="col">类型</th>
                  {AUTHOR_STATES.map((s) => (
                    <th key={s} scope="col">
                      {REVIEW_STATE_LABELS[s].zh}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {mine.map(({ c, counts }) => (
                  <tr key={c}>
                    <th scope="row">{COLLECTION_LABELS[c]}</th>
                    {counts.map(({ s, n }) => (
                      <td key={s} className={n > 0 ? (s === 'returned' ? 'is-returned' : 'has-items') : 'is-empty'}>
                        {n > 0 ? (
                          <Link href={listHref(c, s, user.id)} aria-label={`${COLLECTION_LABELS[c]}·${REVIEW_STATE_LABELS[s].zh} ${n} 项`}>
                            {n}
                          </Link>
                        ) : (
                          0
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  )
}
