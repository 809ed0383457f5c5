import config from '@payload-config'
import { getPayload } from 'payload'

import { recordClick } from '../../../search/recommend'
import { isContentKind } from '../../../content/kinds'
import { hrefFor } from '../../../site/content'

type Click = { collection: string; id: number; position: number | null }

/** The click's parameters, or a 400 with a message a person can act on. */
const parse = (params: URLSearchParams): Click | Response => {
  const collection = params.get('c') ?? ''
  const id = Number(params.get('id'))
  if (!isContentKind(collection) || !Number.isInteger(id) || id <= 0)
    return new Response('链接无效：c 必须是内容类别，id 必须是内容编号（正整数）', { status: 400 })
  const position = Number(params.get('p'))
  return { collection, id, position: Number.isInteger(position) && position > 0 ? position : null }
}

const record = async (request: Request, click: Click) => {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: request.headers })
  await recordClick({ user, payload, context: {} }, `${click.collection}-${click.id}`, click.position).catch(() => undefined)
}

/**
 * POST /r (c, id, p form-encoded): records a click on a recommendation. 首页's recommendation cards
 * link to the item itself and send this as a beacon (src/site/RecommendationLink.tsx).
 */
export async function POST(request: Request) {
  const body = await request.text().catch(() => '')
  if (body.length > 1000) return new Response('请求内容过长', { status: 413 })
  const click = parse(new URLSearchParams(body))
  if (click instanceof Response) return click
  await record(request, click)
  return new Response(null, { status: 204 })
}

/** /r?c=collection&id=N&p=position — records a click, then opens the item (links made before the beacon, still honoured). */
export async function GET(request: Request) {
  const click = parse(new URL(request.url).searchParams)
  if (click instanceof Response) return click
  await record(request, click)
  return new Response(null, { status: 303, headers: { Location: hrefFor(click.collection, click.id) } })
}
