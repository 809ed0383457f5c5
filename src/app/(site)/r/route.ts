import config from '@payload-config'
import { headers } from 'next/headers'
import { getPayload } from 'payload'

import { recordClick } from '../../../search/recommend'
import { hrefFor } from '../../../site/content'

const KINDS = ['courses', 'micro-lessons', 'red-resources', 'news', 'quizzes']

/** /r?c=collection&id=N&p=position — records a click on a recommendation, then opens the item. */
export async function GET(request: Request) {
  const url = new URL(request.url)
  const collection = url.searchParams.get('c') ?? ''
  const id = Number(url.searchParams.get('id'))
  if (!KINDS.includes(collection) || !Number.isInteger(id) || id <= 0) return new Response('链接无效', { status: 400 })
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: await headers() })
  const position = Number(url.searchParams.get('p'))
  await recordClick({ user, payload, context: {} } as never, `${collection}-${id}`, Number.isInteger(position) ? position : null).catch(() => undefined)
  return new Response(null, { status: 303, headers: { Location: hrefFor(collection, id) } })
}
