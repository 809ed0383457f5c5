import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'
import { readFile } from 'fs/promises'
import type { CollectionBeforeOperationHook, Validate } from 'payload'
import { APIError } from 'payload'

import { refusalFor } from './allowList'

const looksLikeSvg = (head: string) => /<svg[\s>]/i.test(head) || /^\s*<\?xml/i.test(head)

/**
 * Refuses an upload whose bytes are not on the allow-list, before Payload processes or stores
 * anything, so a refused upload leaves no file behind.
 */
export const refuseDisallowedUpload: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = req.file
  if (!file) return args
  const fromDisk = Boolean(file.tempFilePath) && (!file.data || file.data.length === 0)
  const detected = fromDisk ? await fileTypeFromFile(file.tempFilePath!) : await fileTypeFromBuffer(file.data)
  let mime = detected?.mime as string | undefined
  if (!mime) {
    // file-type does not sniff text formats; an SVG must still be named as such in the refusal.
    const head = (fromDisk ? await readFile(file.tempFilePath!) : file.data).subarray(0, 512).toString('utf8')
    if (looksLikeSvg(head)) mime = 'image/svg+xml'
  }
  const size = file.size ?? (fromDisk ? 0 : file.data.length)
  const refusal = refusalFor(mime, size, file.name)
  if (refusal) throw new APIError(refusal.message, refusal.status, undefined, true)
  return args
}

/** Alternative text is required for images: screen readers and slow connections depend on it. */
export const validateAlt: Validate = (value, { data }) => {
  const mime = (data as { mimeType?: string }).mimeType
  if (mime?.startsWith('image/') && !(typeof value === 'string' && value.trim())) {
    return '图片必须填写替代文字（alt），供读屏软件和图片无法加载时使用'
  }
  return true
}
