import { XMLParser } from 'fast-xml-parser'

/**
 * 统一身份认证 (campus sign-on): the pure rules. Who a campus identity is here, whether that person
 * may sign in, and what a CAS server's answers say. No I/O: unit-tested in milliseconds.
 */

export type SignOnMethod = 'oidc' | 'cas'
export const METHOD_LABELS: Record<SignOnMethod, string> = { oidc: 'OIDC', cas: 'CAS' }

/** The campus identity: the staff or student number the setting names (a claim or a CAS attribute). */
export type Identity = { number: string; name?: string; email?: string }

const text = (value: unknown): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value
  if (typeof v === 'number') return String(v)
  return typeof v === 'string' && v.trim() ? v.trim() : undefined
}

/** Reads the identity out of ID-token claims or CAS attributes; `field` '' or 'sub'/'user' means the subject itself. */
export const identityFrom = (subject: string | undefined, attributes: Record<string, unknown>, field: string): Identity | null => {
  const number = field && field !== 'sub' && field !== 'user' ? text(attributes[field]) : text(subject)
  if (!number || number.length > 64) return null
  const email = text(attributes.email)
  // An address is taken only when the provider says it was verified (OIDC), or from CAS, whose
  // attributes come from the campus directory itself.
  const verified = attributes.email_verified === undefined || attributes.email_verified === true || attributes.email_verified === 'true'
  return {
    number,
    name: text(attributes.name) ?? text(attributes.cn) ?? text(attributes.displayName),
    email: email && verified && /^[^\s@]+@[^\s@]+$/.test(email) ? email.toLowerCase() : undefined,
  }
}

export type Person = { id: number; active?: boolean | null; totpEnabled?: boolean | null; roles?: string[] | null }

export type Decision =
  | { kind: 'signIn'; person: Person }
  | { kind: 'create' }
  | { kind: 'refuse'; status: 403; message: string; reason: 'unknown' | 'disabled' | 'secondFactor' }

/**
 * Whether this identity signs in. An unknown number is refused with whom to ask, unless the setting
 * lets sign-on open a 群众 account; a disabled person is refused; an account that signs in with a
 * second factor (动态口令: the three administrators) keeps doing so: campus sign-on does not replace it.
 */
export const decide = (person: Person | null, options: { allowCreate: boolean; help: string; secondFactorRequired: boolean }): Decision => {
  if (!person) {
    return options.allowCreate
      ? { kind: 'create' }
      : {
          kind: 'refuse',
          status: 403,
          reason: 'unknown',
          message: `统一身份认证通过，但平台中没有与您的工号/学号对应的账号。${options.help}`,
        }
  }
  if (person.active === false) return { kind: 'refuse', status: 403, reason: 'disabled', message: '该账号已停用，请联系系统管理员' }
  if (person.totpEnabled || options.secondFactorRequired) {
    return { kind: 'refuse', status: 403, reason: 'secondFactor', message: '该账号须使用密码和动态口令登录，不能通过统一身份认证登录' }
  }
  return { kind: 'signIn', person }
}

// CAS 3.0 (https://apereo.github.io/cas/7.0.x/protocol/CAS-Protocol-Specification.html): the
// answers are small XML documents. Entities are not expanded and no DOCTYPE is honoured, so a
// hostile or broken server cannot make the parser read files or grow without bound.
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
})

export type CasResult = { ok: true; user: string; attributes: Record<string, unknown> } | { ok: false; code: string; message: string }

/** A child element of parsed XML, when it is an element (an object). */
const child = (node: unknown, name: string): unknown =>
  node && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined

/** The `/p3/serviceValidate` answer: success with the user and attributes, or the failure's code. */
export const parseServiceResponse = (xml: string): CasResult => {
  let doc: unknown
  try {
    if (xml.length > 100_000 || /<!DOCTYPE/i.test(xml)) throw new Error('refused')
    doc = parser.parse(xml)
  } catch {
    return { ok: false, code: 'INVALID_RESPONSE', message: 'CAS 服务器的应答无法解析' }
  }
  const response = child(doc, 'serviceResponse')
  const success = child(response, 'authenticationSuccess')
  if (success && typeof success === 'object') {
    const user = text(child(success, 'user'))
    if (!user) return { ok: false, code: 'INVALID_RESPONSE', message: 'CAS 服务器的应答中没有用户' }
    const found = child(success, 'attributes')
    const attributes = found && typeof found === 'object' ? (found as Record<string, unknown>) : {}
    return { ok: true, user, attributes }
  }
  const failure = child(response, 'authenticationFailure')
  if (failure !== undefined) {
    // <cas:authenticationFailure code="INVALID_TICKET">Ticket … not recognized</cas:authenticationFailure>
    const code = /code\s*=\s*"([A-Z_]+)"/.exec(xml)?.[1] ?? 'UNKNOWN'
    return { ok: false, code, message: typeof failure === 'string' ? failure : '' }
  }
  return { ok: false, code: 'INVALID_RESPONSE', message: 'CAS 服务器的应答无法识别' }
}

/** The service ticket a CAS single-logout `logoutRequest` names (its SessionIndex), or null. */
export const logoutTicket = (xml: string): string | null => {
  if (!xml || xml.length > 20_000 || /<!DOCTYPE/i.test(xml)) return null
  try {
    return text(child(child(parser.parse(xml), 'LogoutRequest'), 'SessionIndex')) ?? null
  } catch {
    return null
  }
}

/** Refusals of a CAS ticket, in words for the person who was sent back. */
export const casFailureMessage = (code: string) =>
  code === 'INVALID_TICKET' || code === 'INVALID_TICKET_SPEC'
    ? '统一身份认证的票据无效或已过期，请重新登录'
    : code === 'INVALID_SERVICE'
      ? '统一身份认证的票据不是为本平台签发的，请重新登录'
      : '统一身份认证未能确认您的身份，请重新登录或联系信息化中心'

/** OpenID Connect Back-Channel Logout 1.0, §2.4: the event a logout token must carry. */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout'

export type LogoutTarget = { subject?: string; providerSession?: string }

/**
 * The claims of a logout token whose signature, issuer, audience and age were already checked
 * (§2.6 steps 3–6): the logout event, a subject or a provider session, and no nonce (which would
 * make it an ID token replayed as a logout). Returns what to end, or why it is refused.
 */
export const logoutTokenTarget = (claims: Record<string, unknown>): LogoutTarget | { refused: string } => {
  const events = claims.events
  if (!events || typeof events !== 'object' || Array.isArray(events)) return { refused: 'events 缺失' }
  const event = (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT]
  if (!event || typeof event !== 'object' || Array.isArray(event)) return { refused: '不是退出事件' }
  if ('nonce' in claims) return { refused: '含有 nonce' }
  if (typeof claims.jti !== 'string' || !claims.jti) return { refused: 'jti 缺失' }
  if (typeof claims.iat !== 'number') return { refused: 'iat 缺失' }
  const subject = typeof claims.sub === 'string' && claims.sub ? claims.sub : undefined
  const providerSession = typeof claims.sid === 'string' && claims.sid ? claims.sid : undefined
  if (!subject && !providerSession) return { refused: 'sub 与 sid 均缺失' }
  return { ...(subject ? { subject } : {}), ...(providerSession ? { providerSession } : {}) }
}
