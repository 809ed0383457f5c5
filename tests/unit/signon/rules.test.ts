import { describe, expect, it } from 'vitest'

import {
  BACKCHANNEL_LOGOUT_EVENT,
  casFailureMessage,
  decide,
  identityFrom,
  logoutTicket,
  logoutTokenTarget,
  parseServiceResponse,
} from '../../../src/signon/rules'
import { signOnSettings } from '../../../src/signon/settings'

const success = `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationSuccess>
    <cas:user>zhangsan</cas:user>
    <cas:attributes>
      <cas:employeeNumber>20261234</cas:employeeNumber>
      <cas:cn>张三</cas:cn>
      <cas:memberOf>教师</cas:memberOf>
      <cas:memberOf>党员</cas:memberOf>
    </cas:attributes>
  </cas:authenticationSuccess>
</cas:serviceResponse>`

describe('CAS 3.0 answers', () => {
  it('reads the user and attributes of a success, and the code of a failure', () => {
    const ok = parseServiceResponse(success)
    expect(ok).toMatchObject({ ok: true, user: 'zhangsan' })
    if (!ok.ok) throw new Error('expected success')
    expect(ok.attributes.employeeNumber).toBe('20261234')
    expect(ok.attributes.memberOf).toEqual(['教师', '党员'])
    expect(identityFrom(ok.user, ok.attributes, 'employeeNumber')).toEqual({ number: '20261234', name: '张三', email: undefined })
    expect(identityFrom(ok.user, ok.attributes, '')).toMatchObject({ number: 'zhangsan' })
    const failure = parseServiceResponse(
      `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="INVALID_TICKET">Ticket ST-1 not recognized</cas:authenticationFailure></cas:serviceResponse>`,
    )
    expect(failure).toMatchObject({ ok: false, code: 'INVALID_TICKET' })
    expect(casFailureMessage('INVALID_SERVICE')).toContain('不是为本平台签发')
  })

  it('refuses documents with a DOCTYPE (entity expansion, external entities), garbage and answers without a user', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>&x;</cas:user></cas:authenticationSuccess></cas:serviceResponse>`
    expect(parseServiceResponse(xxe)).toMatchObject({ ok: false, code: 'INVALID_RESPONSE' })
    expect(parseServiceResponse('<html>502 Bad Gateway</html>')).toMatchObject({ ok: false })
    expect(
      parseServiceResponse(
        '<cas:serviceResponse xmlns:cas="x"><cas:authenticationSuccess></cas:authenticationSuccess></cas:serviceResponse>',
      ),
    ).toMatchObject({ ok: false })
    expect(parseServiceResponse('x'.repeat(200_000))).toMatchObject({ ok: false })
  })

  it('finds the service ticket a single-logout request names', () => {
    const xml = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="LR-1" Version="2.0" IssueInstant="2026-12-03T13:25:00Z"><saml:NameID>@NOT_USED@</saml:NameID><samlp:SessionIndex>ST-abc-cas</samlp:SessionIndex></samlp:LogoutRequest>`
    expect(logoutTicket(xml)).toBe('ST-abc-cas')
    expect(logoutTicket('<samlp:LogoutRequest/>')).toBeNull()
    expect(logoutTicket('<!DOCTYPE x><samlp:LogoutRequest><samlp:SessionIndex>ST-1</samlp:SessionIndex></samlp:LogoutRequest>')).toBeNull()
  })
})

describe('who signs in', () => {
  const options = { allowCreate: false, help: '请联系党委组织部。', secondFactorRequired: false }
  it('an e-mail is taken only when the provider verified it', () => {
    expect(identityFrom('u1', { employee_number: 'T001', email: 'A@x.edu.cn', email_verified: false }, 'employee_number')).toEqual({
      number: 'T001',
      name: undefined,
      email: undefined,
    })
    expect(identityFrom('u1', { employee_number: 'T001', email: 'A@x.edu.cn', email_verified: true }, 'employee_number')?.email).toBe(
      'a@x.edu.cn',
    )
    expect(identityFrom('u1', {}, 'employee_number')).toBeNull()
    expect(identityFrom('u1', {}, 'sub')).toMatchObject({ number: 'u1' })
  })
  it('unknown → refused with whom to ask, or created when allowed; disabled and second-factor accounts refused', () => {
    expect(decide(null, options)).toMatchObject({
      kind: 'refuse',
      reason: 'unknown',
      message: expect.stringContaining('请联系党委组织部。'),
    })
    expect(decide(null, { ...options, allowCreate: true })).toEqual({ kind: 'create' })
    expect(decide({ id: 1, active: false }, { ...options, allowCreate: true })).toMatchObject({ kind: 'refuse', reason: 'disabled' })
    expect(decide({ id: 1, totpEnabled: true }, options)).toMatchObject({ kind: 'refuse', reason: 'secondFactor' })
    expect(decide({ id: 1 }, { ...options, secondFactorRequired: true })).toMatchObject({ kind: 'refuse', reason: 'secondFactor' })
    expect(decide({ id: 1, active: true }, options)).toMatchObject({ kind: 'signIn' })
  })
  it('settings: off unless configured; callbacks on the first public address', () => {
    expect(signOnSettings({})).toMatchObject({ oidc: null, cas: null, allowCreate: false })
    const s = signOnSettings({
      PUBLIC_URL: 'https://dj.example.edu.cn',
      SIGNON_CAS_URL: 'https://cas.example.edu.cn/cas/',
      SIGNON_OIDC_ISSUER: 'https://id.example.edu.cn',
      SIGNON_OIDC_CLIENT_ID: 'dj',
    })
    expect(s.base).toBe('https://dj.example.edu.cn')
    expect(s.cas?.url).toBe('https://cas.example.edu.cn/cas')
    expect(s.oidc).toMatchObject({ issuer: 'https://id.example.edu.cn', clientId: 'dj', claim: 'sub' })
  })
})

describe('back-channel logout token claims', () => {
  const event = { [BACKCHANNEL_LOGOUT_EVENT]: {} }
  const base = { iat: 1_800_000_000, jti: 'j1', events: event }
  it('names the provider session and/or the subject to end', () => {
    expect(logoutTokenTarget({ ...base, sid: 's1' })).toEqual({ providerSession: 's1' })
    expect(logoutTokenTarget({ ...base, sub: 'u1' })).toEqual({ subject: 'u1' })
    expect(logoutTokenTarget({ ...base, sub: 'u1', sid: 's1' })).toEqual({ subject: 'u1', providerSession: 's1' })
  })
  it('refuses a token without the logout event, with a nonce, without jti or iat, or naming nobody', () => {
    for (const claims of [
      { ...base, sub: 'u1', events: undefined },
      { ...base, sub: 'u1', events: { other: {} } },
      { ...base, sub: 'u1', events: { [BACKCHANNEL_LOGOUT_EVENT]: 'yes' } },
      { ...base, sub: 'u1', nonce: 'n' },
      { ...base, sub: 'u1', jti: undefined },
      { ...base, sub: 'u1', iat: undefined },
      { ...base, sub: '', sid: '' },
    ])
      expect(logoutTokenTarget(claims as Record<string, unknown>)).toHaveProperty('refused')
  })
})
