import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import { decrypt, encrypt } from '../privacy/crypto'
import type { Mail } from './templates'

/** Mail has its own queue, run every 10 seconds: an invitation should not wait for the minute tick. */
export const MAIL_QUEUE = 'mail'

export type MailKind = 'invitation' | 'resetPassword' | 'confirmEmail' | 'emailNotice' | 'notification' | 'digest'

/**
 * Queues one mail in the request's transaction: a request that rolls back sends nothing, and a
 * mail server that is down delays the mail (retries) instead of failing the request. The message
 * is stored encrypted: it carries set-password and confirmation links, and the confirmation
 * token is otherwise kept only as a hash.
 */
export const queueMail = async (req: Partial<PayloadRequest> & { payload: Payload }, kind: MailKind, mail: Mail) => {
  await req.payload.jobs.queue({
    task: 'sendMail',
    queue: MAIL_QUEUE,
    input: { kind, message: encrypt(JSON.stringify(mail)) },
    req: req as PayloadRequest,
  })
}

/** Read back a queued mail (the task, and tests looking at a job that has not run). */
export const openQueuedMail = (input: unknown): Mail => {
  const message = input && typeof input === 'object' && 'message' in input ? input.message : undefined
  return JSON.parse(decrypt(String(message))) as Mail
}

/**
 * Sends one queued mail. 5 retries, exponential from 1 minute (1, 2, 4, 8, 16): a mail server
 * down for half an hour loses nothing. A mail is sent at most once per successful attempt: the
 * job completes (and is deleted) right after the server accepted it.
 */
export const sendMailTask: TaskConfig<{ input: { kind: string; message: string }; output: { messageId: string } }> = {
  slug: 'sendMail',
  label: '发送邮件',
  inputSchema: [
    { name: 'kind', type: 'text', required: true },
    { name: 'message', type: 'text', required: true },
  ],
  outputSchema: [{ name: 'messageId', type: 'text' }],
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } },
  handler: async ({ input, req }) => {
    const mail = openQueuedMail(input)
    const info = (await req.payload.sendEmail({ to: mail.to, subject: mail.subject, html: mail.html, text: mail.text })) as
      { messageId?: string } | undefined
    return { output: { messageId: String(info?.messageId ?? '') } }
  },
}
