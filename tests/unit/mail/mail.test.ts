import { describe, expect, it } from 'vitest'

import { absoluteUrl, CONSOLE_NOTICE, MAIL_ENV_VARS, parseFrom, publicBaseUrl, smtpSettings } from '../../../src/mail/settings'
import { digestMail, groupDigest, invitationMail, type DigestRow } from '../../../src/mail/templates'

describe('mail settings from the environment', () => {
  it('is console mode without SMTP_HOST, and says which variables to set', () => {
    expect(smtpSettings({})).toBeNull()
    expect(smtpSettings({ SMTP_HOST: '  ' })).toBeNull()
    for (const name of MAIL_ENV_VARS) expect(CONSOLE_NOTICE).toContain(name)
  })

  it('reads host, port, TLS, credentials and the sender', () => {
    expect(smtpSettings({ SMTP_HOST: 'smtp.example.edu.cn' })).toEqual({
      host: 'smtp.example.edu.cn',
      port: 587,
      secure: false,
      from: { name: '智慧党建学习平台', address: 'noreply@smtp.example.edu.cn' },
    })
    const s = smtpSettings({
      SMTP_HOST: 'mail.edu.cn',
      SMTP_SECURE: 'true',
      SMTP_USER: 'u',
      SMTP_PASS: 'p',
      MAIL_FROM: '"示范大学党委" <dj@edu.cn>',
    })
    expect(s).toMatchObject({
      port: 465,
      secure: true,
      auth: { user: 'u', pass: 'p' },
      from: { name: '示范大学党委', address: 'dj@edu.cn' },
    })
    expect(smtpSettings({ SMTP_HOST: 'h', SMTP_PORT: '2525' })?.port).toBe(2525)
  })

  it('refuses a half or wrong configuration at start, in Chinese', () => {
    expect(() => smtpSettings({ SMTP_HOST: 'h', SMTP_PORT: 'abc' })).toThrow(/SMTP_PORT/)
    expect(() => smtpSettings({ SMTP_HOST: 'h', SMTP_USER: 'u' })).toThrow(/SMTP_USER 和 SMTP_PASS/)
    expect(() => parseFrom('not an address', 'x@y.z')).toThrow(/MAIL_FROM/)
    expect(parseFrom('dj@edu.cn', 'x@y.z')).toEqual({ name: '智慧党建学习平台', address: 'dj@edu.cn' })
  })

  it('makes links absolute from the first PUBLIC_URL, else this machine', () => {
    expect(publicBaseUrl({ PUBLIC_URL: 'https://dj.edu.cn/, https://other' })).toBe('https://dj.edu.cn')
    expect(publicBaseUrl({ PORT: '4000' })).toBe('http://localhost:4000')
    expect(absoluteUrl('/notifications', { PUBLIC_URL: 'https://dj.edu.cn' })).toBe('https://dj.edu.cn/notifications')
    expect(absoluteUrl('https://x.cn/a', {})).toBe('https://x.cn/a')
    expect(absoluteUrl(null, { PUBLIC_URL: 'https://dj.edu.cn' })).toBe('https://dj.edu.cn/')
  })
})

describe('mail bodies', () => {
  it('are HTML and text with the same link, escaped in HTML', () => {
    const m = invitationMail('a@b.cn', '<王>', 'https://dj.edu.cn/reset-password/abc')
    expect(m.subject).toMatch(/邀请/)
    expect(m.html).toContain('&lt;王&gt;')
    expect(m.html).not.toContain('<王>')
    expect(m.html).toContain('href="https://dj.edu.cn/reset-password/abc"')
    expect(m.text).toContain('https://dj.edu.cn/reset-password/abc')
    expect(m.text).toContain('<王>，您好')
  })

  const row = (id: number, recipientId: number, title: string, at: string): DigestRow => ({
    id,
    recipientId,
    title,
    body: `${title}的内容`,
    link: `/n/${id}`,
    createdAt: at,
    email: `p${recipientId}@x.cn`,
    name: `人${recipientId}`,
  })

  it('group a digest per person, one mail each, oldest notification first', () => {
    const groups = groupDigest([
      row(3, 1, '乙', '2026-11-20T02:00:00Z'),
      row(1, 2, '丙', '2026-11-19T02:00:00Z'),
      row(2, 1, '甲', '2026-11-19T13:25:00Z'),
    ])
    expect(groups.map((g) => [g.email, g.items.map((i) => i.id)])).toEqual([
      ['p1@x.cn', [3, 2]],
      ['p2@x.cn', [1]],
    ])
    const mail = digestMail(groups[0].email, groups[0].name, groups[0].items, (l) => `https://dj.edu.cn${l}`)
    expect(mail.subject).toMatch(/2 条新通知/)
    expect(mail.text.indexOf('甲')).toBeLessThan(mail.text.indexOf('乙'))
    // Shanghai time, the platform's format.
    expect(mail.text).toContain('2026年11月19日 21:25')
    expect(mail.text).toContain('https://dj.edu.cn/n/2')
    expect(mail.html).toContain('href="https://dj.edu.cn/notifications"')
    expect(mail.text).toMatch(/账号设置/)
  })
})
