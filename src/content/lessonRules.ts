import type { CollectionBeforeChangeHook } from 'payload'
import { ValidationError } from 'payload'

import { kindOfMime } from '../media/allowList'

/**
 * A video or audio lesson needs a file of that kind; an article needs its text. Checked on the
 * merged document so a partial update cannot leave a lesson unplayable.
 */
export const checkLessonMedia: CollectionBeforeChangeHook = async ({ data, originalDoc, req, collection }) => {
  const merged = { ...(originalDoc ?? {}), ...data }
  const errors: Array<{ path: string; message: string }> = []
  if (merged.kind === 'article') {
    const hasText = Boolean(merged.body?.root?.children?.length)
    if (!hasText) errors.push({ path: 'body', message: '图文微党课需要填写正文' })
  } else if (merged.kind === 'video' || merged.kind === 'audio') {
    const mediaId = typeof merged.media === 'object' && merged.media ? merged.media.id : merged.media
    if (!mediaId) {
      errors.push({ path: 'media', message: merged.kind === 'video' ? '视频微党课需要上传 MP4 视频' : '音频微党课需要上传 MP3 音频' })
    } else {
      const file = await req.payload.findByID({ collection: 'media', id: mediaId, depth: 0, req, overrideAccess: true }).catch(() => null)
      const kind = file?.mimeType ? kindOfMime(file.mimeType) : null
      if (kind !== merged.kind) {
        errors.push({ path: 'media', message: merged.kind === 'video' ? '所选文件不是视频（MP4）' : '所选文件不是音频（MP3）' })
      } else if (!(Number((file as { durationSeconds?: number }).durationSeconds) > 0)) {
        // The lesson's length and 学时 come from the file (src/study/derive.ts).
        errors.push({ path: 'media', message: '无法读取所选文件的时长，请重新上传该文件' })
      }
    }
  }
  if (errors.length) throw new ValidationError({ collection: collection.slug, errors }, req.t)
  return data
}
