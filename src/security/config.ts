import type { AfterErrorHook, Config } from 'payload'

import { MAX_UPLOAD_BYTES } from '../media/allowList'
import { MAX_MULTIPART_BYTES, oversizedBodyError, TOO_LARGE_UPLOAD_MESSAGE } from './bodyLimit'
import { uploadFromUrlError } from './uploads'

export { trustedOrigins } from './csrf'
export { graphQLLimits } from './graphql'

/** Payload's `upload` (multipart) options: one limit everywhere, refusals as 413 in Chinese. */
export const uploadOptions: NonNullable<Config['upload']> = {
  // Busboy stops reading beyond the largest allowed file; the media hook applies per-kind limits.
  limits: { fileSize: MAX_UPLOAD_BYTES },
  // Payload's own default is 50 MB for the whole request, below the audio and video limits.
  requestSizeLimit: MAX_MULTIPART_BYTES,
  abortOnLimit: true,
  responseOnLimit: TOO_LARGE_UPLOAD_MESSAGE,
}

/**
 * A refusal thrown by the platform's own hooks (ValidationError or APIError with `data`) reaches
 * Payload's REST formatter as another copy of the class under the production server's bundle, so
 * `instanceof` fails and the body kept only the summary ("The following field is invalid:
 * currentPassword"), dropping the field list with the Chinese sentence the site shows (found by the
 * 账号设置 e2e test; in-process tests never saw it). Put the details back, as Payload's own shape.
 */
const keepErrorDetails: AfterErrorHook = ({ error, result }) => {
  const e = error as Error & { data?: unknown; status?: number }
  if (!e.data || typeof e.data !== 'object' || (e.status ?? 500) >= 500) return
  if (result?.errors?.[0]?.data) return
  return { response: { errors: [{ name: e.name, data: e.data as Record<string, unknown>, message: e.message }] } }
}

/** Payload reports some refusals as 500s or in English; these become 4xx a person can act on. */
export const securityAfterError: AfterErrorHook = (args) => oversizedBodyError(args) ?? uploadFromUrlError(args) ?? keepErrorDetails(args)
