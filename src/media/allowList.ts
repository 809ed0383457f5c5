/**
 * What may be uploaded, judged on the file's bytes (its magic number), never on its name or the
 * browser's Content-Type: a renamed HTML page is not an image. SVG is refused outright: it can carry
 * script.
 */
export const MEDIA_KINDS = {
  'image/jpeg': { kind: 'image', maxBytes: 10 * 1024 * 1024 },
  'image/png': { kind: 'image', maxBytes: 10 * 1024 * 1024 },
  'image/webp': { kind: 'image', maxBytes: 10 * 1024 * 1024 },
  'image/gif': { kind: 'image', maxBytes: 10 * 1024 * 1024 },
  'application/pdf': { kind: 'document', maxBytes: 50 * 1024 * 1024 },
  'audio/mpeg': { kind: 'audio', maxBytes: 100 * 1024 * 1024 },
  'video/mp4': { kind: 'video', maxBytes: 500 * 1024 * 1024 },
} as const

export type AllowedMime = keyof typeof MEDIA_KINDS

/** The largest upload the server accepts at all (the video limit). */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(MEDIA_KINDS).map((k) => k.maxBytes))

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`

export const ALLOWED_DESCRIPTION = '图片（JPEG/PNG/WebP/GIF，≤10 MB）、PDF（≤50 MB）、MP3 音频（≤100 MB）、MP4 视频（≤500 MB）'

export type Refusal = { status: 413 | 415; message: string }

/** Why an upload is refused, in words its uploader can act on, or null when it is allowed. */
export const refusalFor = (detectedMime: string | undefined, size: number, name: string): Refusal | null => {
  if (!detectedMime) {
    return { status: 415, message: `无法识别文件“${name}”的真实类型（可能是文本或网页文件改了扩展名）。只允许上传：${ALLOWED_DESCRIPTION}` }
  }
  if (detectedMime === 'image/svg+xml' || detectedMime === 'application/xml') {
    return { status: 415, message: `不允许上传 SVG/XML 文件“${name}”（可能包含脚本）。请转换为 PNG 或 JPEG 后上传` }
  }
  const rule = MEDIA_KINDS[detectedMime as AllowedMime]
  if (!rule) {
    return { status: 415, message: `文件“${name}”的实际类型是 ${detectedMime}，不在允许范围内。只允许上传：${ALLOWED_DESCRIPTION}` }
  }
  if (size > rule.maxBytes) {
    return { status: 413, message: `文件“${name}”大小 ${MB(size)}，超过此类文件的上限 ${MB(rule.maxBytes)}` }
  }
  return null
}

/** The kind (image, video, audio, document) of an allowed MIME type, or null. */
export const kindOfMime = (mime: string): string | null => MEDIA_KINDS[mime as AllowedMime]?.kind ?? null
