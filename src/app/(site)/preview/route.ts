import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'

import { hasRole } from '../../../access/roles'
import { CONTENT_STAFF } from '../../../access/readPublishedContent'
import { getSiteUser } from '../../../site/auth'
import { isReviewedCollection, sitePath } from '../../../workflow/config'

/**
 * GET /preview?collection=news&id=12 — shows content staff (authors and reviewers) the member page
 * of the item's latest draft: it turns on Next's draft mode for this browser and goes to the page,
 * whose loader reads the draft only for content staff (src/site/loaders.ts). Anyone else is told
 * why, and never sees a draft.
 */
export async function GET(request: Request) {
  const url = new URL(request.url)
  const collection = url.searchParams.get('collection') ?? ''
  const id = url.searchParams.get('id') ?? ''
  if (!isReviewedCollection(collection) || !/^[1-9]\d{0,9}$/.test(id)) {
    return new Response('预览地址不正确：需要内容类型和编号', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  const user = await getSiteUser()
  if (!user) redirect(`/login?next=${encodeURIComponent(`/preview?collection=${collection}&id=${id}`)}`)
  if (!hasRole(user, ...CONTENT_STAFF)) {
    return new Response('只有撰稿人和审核员可以预览未发布的内容', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  ;(await draftMode()).enable()
  redirect(sitePath(collection, id))
}
