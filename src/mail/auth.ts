import type { CollectionAfterOperationHook, CollectionBeforeOperationHook, Payload, PayloadRequest } from 'payload'

import { queueMail } from './queue'
import { publicBaseUrl } from './settings'
import { invitationMail, resetPasswordMail } from './templates'

/** The member site's 设置密码 page of a reset or invitation token (staff go on to the admin from there). */
export const setPasswordUrl = (token: string) => `${publicBaseUrl(process.env)}/reset-password/${token}`

const QUEUE_FORGOT_MAIL = Symbol('queueForgotPasswordMail')

/**
 * Payload's forgot-password sends its mail itself, outside the jobs queue. Here it is told not to
 * (`disableEmail`) and the afterOperation hook below queues ours, with the token, in the same
 * transaction. A caller that disabled the mail itself (the invitation) is left alone.
 * (Payload skips its 15 s per-account resend guard when the mail is disabled; the per-account and
 * per-address limits of limitAuthRequests still apply to every request.)
 */
export const takeOverForgotPasswordMail: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation !== 'forgotPassword') return args
  const a = args as { disableEmail?: boolean; [QUEUE_FORGOT_MAIL]?: boolean }
  if (!a.disableEmail) {
    a.disableEmail = true
    a[QUEUE_FORGOT_MAIL] = true
  }
  return args
}

export const queueForgotPasswordMail: CollectionAfterOperationHook = async ({ args, operation, req, result }) => {
  if (operation !== 'forgotPassword' || !(args as { [QUEUE_FORGOT_MAIL]?: boolean })[QUEUE_FORGOT_MAIL]) return result
  const token = typeof result === 'string' ? result : null
  if (!token) return result
  const found = await req.payload.db.findOne({ collection: 'users', where: { resetPasswordToken: { equals: token } }, req })
  const user = found as { email?: string; name?: string } | null
  if (user?.email) await queueMail(req, 'resetPassword', resetPasswordMail(user.email, user.name, setPasswordUrl(token)))
  return result
}

/** The invitation of a new account without a password: a set-password token, mailed through the queue. */
export const queueInvitation = async (req: PayloadRequest & { payload: Payload }, person: { email: string; name?: string | null }) => {
  const token = await req.payload.forgotPassword({ collection: 'users', data: { email: person.email }, req, disableEmail: true })
  if (token) await queueMail(req, 'invitation', invitationMail(person.email, person.name, setPasswordUrl(token)))
}
