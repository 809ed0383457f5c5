import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'
import { APIError } from 'payload'

import { mediaDurationSeconds, rederiveItemLengths } from '../study/derive'
import { kindOfMime } from './allowList'

/**
 * media beforeChange: an uploaded audio or video file's real duration, read from its bytes
 * (music-metadata), is stored with it; a file whose duration cannot be read is refused, because a
 * lesson's 学时 are derived from it. Other files have none.
 */
export const mediaDurationOnUpload: CollectionBeforeChangeHook = async ({ data, req }) => {
  const file = req.file
  if (!file) return data
  const mime = (data.mimeType as string | undefined) ?? file.mimetype
  const kind = mime ? kindOfMime(mime) : null
  if (kind !== 'audio' && kind !== 'video') {
    data.durationSeconds = null
    return data
  }
  const seconds = await mediaDurationSeconds({ data: file.data, tempFilePath: file.tempFilePath, mimetype: mime })
  if (!seconds) throw new APIError(`无法从文件“${file.name}”读取音视频时长，请检查文件是否完整后重新上传`, 400, undefined, true)
  data.durationSeconds = seconds
  return data
}

/** A replaced file changes the length (and so the 学时) of every lesson that uses it. */
export const rederiveAfterFileChange: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation === 'update' && doc.durationSeconds !== previousDoc?.durationSeconds) await rederiveItemLengths(req.payload, req)
  return doc
}
