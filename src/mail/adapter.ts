import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import nodemailer from 'nodemailer'
import type { EmailAdapter, SendEmailOptions } from 'payload'

import { CONSOLE_NOTICE, CONSOLE_NOTICE_SHOWN, DEFAULT_FROM_NAME, smtpSettings } from './settings'

/**
 * Payload's `email:` adapter, built when Payload starts (not when the config is imported), from the
 * environment: SMTP through nodemailer when SMTP_HOST is set, else the console with one line saying
 * so. SMTP goes through @payloadcms/email-nodemailer's adapter, given a transport made here: its
 * own factory is awaited at config import, before a test or script could point it at its server.
 */
export const mailAdapter: EmailAdapter = ({ payload }) => {
  const settings = smtpSettings(process.env)
  if (!settings) {
    // `npm start` has said it already for all its processes; elsewhere (tests, scripts) each says it.
    if (process.env[CONSOLE_NOTICE_SHOWN] !== '1') payload.logger.warn(CONSOLE_NOTICE)
    return {
      name: 'console',
      defaultFromAddress: 'noreply@localhost',
      defaultFromName: DEFAULT_FROM_NAME,
      // The text part with its links: on a demo without SMTP, the console is where an invitation is read.
      sendEmail: async (message: SendEmailOptions) => {
        payload.logger.info(`邮件（未发送，仅显示）收件人：${String(message.to)}；主题：${message.subject}\n${message.text ?? ''}`)
      },
    }
  }
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.auth,
    // A mail server that accepts the connection and then hangs must not hold the job runner for
    // nodemailer's default two minutes: fail, and the job is retried later.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
  if (process.env[CONSOLE_NOTICE_SHOWN] === undefined)
    payload.logger.info(
      `邮件经 SMTP 发送：${settings.host}:${settings.port}${settings.secure ? '（TLS）' : ''}，发件人 ${settings.from.address}`,
    )
  const adapter = nodemailerAdapter({
    transport,
    defaultFromAddress: settings.from.address,
    defaultFromName: settings.from.name,
    skipVerify: true,
  }).then((make) => make({ payload }))
  return {
    name: 'smtp',
    defaultFromAddress: settings.from.address,
    defaultFromName: settings.from.name,
    sendEmail: async (message: SendEmailOptions) => (await adapter).sendEmail(message),
  }
}
