import { parseBuffer, parseFile } from 'music-metadata'
import type { CollectionBeforeChangeHook, Payload, PayloadRequest } from 'payload'

import { lexicalToPlainText } from '../content/lexical'
import { changeCount, listening, onChange } from '../db/notify'
import { inRequest } from '../db/transaction'
import { mp4MovieSeconds } from '../media/mp4Duration'
import { hoursForSeconds, minutesForSeconds, readableLength, readingSeconds, studyRulesOf, type StudyRules } from './length'
import { rederiveLessons } from './queries'

/**
 * The I/O around src/study/length.ts: reading a media file's real duration when it is uploaded,
 * deriving a lesson's length and 学时 when it is saved, re-deriving every lesson when the study rules
 * (平台设置) or a file change, and the rules themselves (briefly cached for the heartbeat path).
 */

const RULES_TTL_MS = 10_000
let rulesCache: { at: number; rules: StudyRules } | null = null

/** The study rules from 平台设置 (defaults for what is missing); cached for 10 s unless `fresh`. */
export const studyRules = async (payload: Payload, req?: PayloadRequest, fresh = false): Promise<StudyRules> => {
  if (!fresh && !req && rulesCache && Date.now() - rulesCache.at < RULES_TTL_MS) return rulesCache.rules
  await listening(payload)
  const seen = changeCount('platform_settings')
  const settings = await payload
    .findGlobal({ slug: 'platform-settings', depth: 0, overrideAccess: true, ...(req ? { req } : {}) })
    .catch(() => null)
  const rules = studyRulesOf(settings)
  // Read inside a transaction (req), it may hold what others cannot see yet: not cached.
  if (!req && seen === changeCount('platform_settings')) rulesCache = { at: Date.now(), rules }
  return rules
}

export const clearStudyRulesCache = () => {
  rulesCache = null
}
// 平台设置 saved through any process or instance (src/db/notify.ts).
onChange('platform_settings', clearStudyRulesCache)

/**
 * The real duration of an audio or video file in seconds, read from the file itself, or null when it
 * has none: an MP4's movie header (src/media/mp4Duration.ts), else music-metadata (MP3, WAV, Ogg,
 * WebM/Matroska, FLAC, an MP4's audio track…).
 * MP3 is scanned frame by frame (`duration: true`) so a file without a length header is measured, not estimated.
 */
export const mediaDurationSeconds = async (file: {
  data?: Buffer
  tempFilePath?: string
  mimetype?: string
  path?: string
}): Promise<number | null> => {
  try {
    const onDisk = file.path ?? (file.tempFilePath && (!file.data || file.data.length === 0) ? file.tempFilePath : undefined)
    // An MP4's own movie header first (music-metadata measures only its audio track): mp4Duration.ts.
    const movie = await mp4MovieSeconds(onDisk ?? file.data!)
    if (movie && movie > 0) return Math.round(movie * 1000) / 1000
    const options = { duration: true, skipCovers: true }
    const meta = onDisk
      ? await parseFile(onDisk, options)
      : await parseBuffer(file.data!, file.mimetype ? { mimeType: file.mimetype } : undefined, options)
    const d = meta.format.duration
    return typeof d === 'number' && Number.isFinite(d) && d > 0 ? Math.round(d * 1000) / 1000 : null
  } catch {
    return null
  }
}

/** A lesson's readable text: title, summary and body (or a media lesson's transcript). */
export const lessonText = (doc: { title?: unknown; summary?: unknown; body?: unknown }) =>
  `${doc.title ?? ''}${doc.summary ?? ''}${lexicalToPlainText(doc.body)}`

/**
 * micro-lessons beforeChange: 时长 and 学时 are derived, never typed. A video or audio lesson is as long
 * as its file (read when the file was uploaded), an article as its text at the study-reading speed;
 * 学时 = length ÷ minutes per 学时. Whatever a client sent for these fields is replaced.
 */
export const deriveLessonLength: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const merged = { ...(originalDoc ?? {}), ...data } as Record<string, unknown>
  const rules = await studyRules(req.payload, req)
  const textLength = readableLength(lessonText(merged))
  let seconds = 0
  if (merged.kind === 'video' || merged.kind === 'audio') {
    const mediaId =
      typeof merged.media === 'object' && merged.media ? (merged.media as { id: number }).id : (merged.media as number | undefined)
    if (mediaId) {
      const file = await req.payload.findByID({ collection: 'media', id: mediaId, depth: 0, req, overrideAccess: true }).catch(() => null)
      seconds = Number((file as { durationSeconds?: number } | null)?.durationSeconds ?? 0)
    }
  } else {
    seconds = readingSeconds(textLength, rules.readingCharsPerMinute)
  }
  data.textLength = textLength
  data.durationSeconds = seconds
  data.durationMinutes = minutesForSeconds(seconds)
  data.creditHours = hoursForSeconds(seconds, rules.minutesPerCreditHour)
  return data
}

/**
 * Re-derives every lesson's length and 学时 (published rows and every version) from the stored file
 * durations and text lengths under the current rules: after 平台设置 changes, or a file is replaced.
 */
export const rederiveItemLengths = async (payload: Payload, req?: Partial<PayloadRequest>) => {
  const rules = await studyRules(payload, req as PayloadRequest | undefined, true)
  // On the request's transaction when there is one (the settings save), else on the pool.
  await rederiveLessons(inRequest(req?.payload ? req : payload), rules)
  clearStudyRulesCache()
}
