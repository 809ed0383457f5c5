/**
 * Mail settings from the environment (pure: unit-tested). Without SMTP_HOST mail goes to the console.
 *   SMTP_HOST, SMTP_PORT (587; 465 when SMTP_SECURE), SMTP_SECURE (true = TLS from the first byte;
 *   otherwise STARTTLS when the server offers it), SMTP_USER + SMTP_PASS (both or neither),
 *   MAIL_FROM ("智慧党建学习平台 <noreply@dangjian.example.edu.cn>" or a bare address).
 */
export type SmtpSettings = {
  host: string
  port: number
  secure: boolean
  auth?: { user: string; pass: string }
  from: { name: string; address: string }
}

export const MAIL_ENV_VARS = ['SMTP_HOST', 'SMTP_PORT', 'SMTP_SECURE', 'SMTP_USER', 'SMTP_PASS', 'MAIL_FROM'] as const
export const DEFAULT_FROM_NAME = '智慧党建学习平台'

const truthy = (v: string | undefined) => /^(1|true|yes|on)$/i.test((v ?? '').trim())

/** "名称 <address>", "\"名称\" <address>" or "address". */
export const parseFrom = (value: string | undefined, fallbackAddress: string): { name: string; address: string } => {
  const raw = (value ?? '').trim()
  const angled = /^(.*)<\s*([^<>\s]+@[^<>\s]+)\s*>$/.exec(raw)
  if (angled)
    return {
      name:
        angled[1]
          .trim()
          .replace(/^"(.*)"$/, '$1')
          .trim() || DEFAULT_FROM_NAME,
      address: angled[2],
    }
  if (/^[^\s<>@]+@[^\s<>@]+$/.test(raw)) return { name: DEFAULT_FROM_NAME, address: raw }
  if (raw) throw new Error(`MAIL_FROM 格式错误：应为 “${DEFAULT_FROM_NAME} <noreply@学校域名>” 或邮箱地址，实际为 “${raw}”`)
  return { name: DEFAULT_FROM_NAME, address: fallbackAddress }
}

/** null: no SMTP server configured (console mode). Throws on a half-configured server, so a typo fails at start. */
export const smtpSettings = (env: Record<string, string | undefined>): SmtpSettings | null => {
  const host = env.SMTP_HOST?.trim()
  if (!host) return null
  const secure = truthy(env.SMTP_SECURE)
  const portText = env.SMTP_PORT?.trim()
  const port = portText ? Number(portText) : secure ? 465 : 587
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`SMTP_PORT 应为 1–65535 的端口号，实际为 “${portText}”`)
  const user = env.SMTP_USER?.trim()
  const pass = env.SMTP_PASS
  if (Boolean(user) !== Boolean(pass)) throw new Error('SMTP_USER 和 SMTP_PASS 须同时设置（或都不设置）')
  return { host, port, secure, ...(user && pass ? { auth: { user, pass } } : {}), from: parseFrom(env.MAIL_FROM, `noreply@${host}`) }
}

/** The one line `npm start` prints without SMTP_HOST (and the variable telling its children it was said). */
export const CONSOLE_NOTICE_SHOWN = 'MAIL_CONSOLE_NOTICE_SHOWN'
export const CONSOLE_NOTICE = `邮件未配置 SMTP：邀请、设置密码、邮箱确认和通知邮件只写到控制台（含链接），不会发出。要发送邮件，请设置 SMTP_HOST、SMTP_PORT、SMTP_SECURE、SMTP_USER、SMTP_PASS 和 MAIL_FROM`

/** The platform's public address for links in mail: the first PUBLIC_URL, else this machine. */
export const publicBaseUrl = (env: Record<string, string | undefined>) =>
  env.PUBLIC_URL?.split(',')[0]?.trim().replace(/\/$/, '') || `http://localhost:${env.PORT || 3000}`

export const absoluteUrl = (link: string | null | undefined, env: Record<string, string | undefined>) => {
  if (!link) return publicBaseUrl(env) + '/'
  if (/^https?:\/\//i.test(link)) return link
  return publicBaseUrl(env) + (link.startsWith('/') ? link : `/${link}`)
}
