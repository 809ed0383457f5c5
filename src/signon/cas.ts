import { Agent, request } from 'undici'

import { casFailureMessage, identityFrom, parseServiceResponse, type Identity } from './rules'
import { callbackUrl, type SignOnSettings } from './settings'

/**
 * CAS 3.0: `/login?service=` sends the browser to the campus; it comes back with a service ticket,
 * which this server validates directly with `/p3/serviceValidate` for exactly the service URL it
 * named (the registered callback, never one built from the request). No maintained CAS client is on
 * npm; the protocol is three requests and an XML answer (src/signon/rules.ts parses it).
 */
const agent = new Agent({ connect: { timeout: 5_000 }, headersTimeout: 10_000, bodyTimeout: 10_000 })

export const casLoginUrl = (settings: SignOnSettings) =>
  `${settings.cas!.url}/login?service=${encodeURIComponent(callbackUrl(settings, 'cas'))}`

export const casLogoutUrl = (settings: SignOnSettings) =>
  `${settings.cas!.url}/logout?service=${encodeURIComponent(`${settings.base}/login`)}`

export const validateTicket = async (settings: SignOnSettings, ticket: string): Promise<{ identity: Identity } | { message: string }> => {
  const url = `${settings.cas!.url}/p3/serviceValidate?service=${encodeURIComponent(callbackUrl(settings, 'cas'))}&ticket=${encodeURIComponent(ticket)}`
  let xml: string
  try {
    const res = await request(url, { dispatcher: agent, headers: { accept: 'application/xml' } })
    xml = await res.body.text()
    if (res.statusCode >= 500) throw new Error(`CAS ${res.statusCode}`)
  } catch {
    return { message: '统一身份认证服务暂时无法访问，请稍后再试' }
  }
  const result = parseServiceResponse(xml)
  if (!result.ok) return { message: casFailureMessage(result.code) }
  const identity = identityFrom(result.user, result.attributes, settings.cas!.attribute)
  return identity ? { identity } : { message: `统一身份认证的应答中没有工号/学号（${settings.cas!.attribute || 'user'}）` }
}
