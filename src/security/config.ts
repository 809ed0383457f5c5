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

/** Payload reports some refusals as 500s or in English; these become 4xx a person can act on. */
export const securityAfterError: AfterErrorHook = (args) => oversizedBodyError(args) ?? uploadFromUrlError(args)
