import type { Payload } from 'payload'

import { serveFastRoute } from '../../src/http/node'
import { answer, JsonText, replyHeaders, type FastRequest, type Reply, type Route } from '../../src/http/route'
import type { Timing } from '../../src/timing'

export type Called = { status: number; json: unknown; headers: Headers }

const settle = async (reply: Reply, timing: Timing): Promise<Called> => {
  if (reply instanceof Response) return { status: reply.status, json: await reply.json().catch(() => null), headers: reply.headers }
  // What the wire carries: a kept answer's text read back.
  const json = reply.json instanceof JsonText ? (JSON.parse(reply.json.text) as unknown) : reply.json
  return { status: reply.status ?? 200, json, headers: new Headers(replyHeaders(reply, timing)) }
}

/**
 * A fast route called in this process the way the app server's dispatcher calls it
 * (src/http/node.ts): the viewer from the headers' token, the body as text.
 */
export const callFast = async (
  route: Route,
  payload: Payload,
  headers: Headers,
  body = '',
  url = `http://app/api${route.path}`,
): Promise<Called> => {
  const timing: Timing = []
  return settle(await serveFastRoute(route, payload, headers, url, async () => body, timing), timing)
}

/** A fast route called as a given reader (user, payload, context), without a token to read. */
export const callAs = async (route: Route, reader: Pick<FastRequest, 'user' | 'payload' | 'context'>, url: string): Promise<Called> => {
  const timing: Timing = []
  const req: FastRequest = { ...reader, headers: new Headers(), url }
  return settle(await answer(() => route.serveFast!(req, { text: async () => '', params: {}, session: null, timing })), timing)
}
