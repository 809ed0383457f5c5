import { MAX_UPLOAD_BYTES } from '../media/allowList'
import { errorBody } from '../http/errorBody'

/**
 * How large a request body may be. Payload reads a JSON body whole into memory, with no limit of its
 * own, so the app server refuses oversized bodies by their Content-Length before anything reads
 * them. Uploads (multipart) may be as large as the largest allowed file (the video limit);
 * everything else, JSON above all, 2 MB, many times the longest article in Lexical JSON.
 */
export const MAX_JSON_BYTES = 2 * 1024 * 1024
export const MAX_MULTIPART_BYTES = MAX_UPLOAD_BYTES

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`

export type BodyRefusal = { status: 411 | 413; message: string }

export const TOO_LARGE_UPLOAD_MESSAGE = `上传内容超过上限 ${MB(MAX_MULTIPART_BYTES)}，请压缩或分割文件后再上传`
export const TOO_LARGE_BODY_MESSAGE = `请求内容超过上限 ${MB(MAX_JSON_BYTES)}，请减少一次提交的内容`

/** The limit for a body of this Content-Type. */
export const bodyLimitFor = (contentType: string | undefined): number =>
  (contentType ?? '').toLowerCase().startsWith('multipart/') ? MAX_MULTIPART_BYTES : MAX_JSON_BYTES

/**
 * Why a request's body is refused before it is read, or null. A body without a declared length
 * (chunked) is refused too: it cannot be judged without reading it, and browsers always declare it.
 */
export const refuseBody = (headers: Record<string, string | string[] | undefined>): BodyRefusal | null => {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
  const declared = first(headers['content-length'])
  const contentType = first(headers['content-type'])
  if (declared === undefined) {
    if (headers['transfer-encoding'] !== undefined) return { status: 411, message: '请求必须声明内容长度（Content-Length）' }
    return null
  }
  const length = Number(declared)
  const limit = bodyLimitFor(contentType)
  if (!Number.isFinite(length) || length <= limit) return null
  return { status: 413, message: contentType?.toLowerCase().startsWith('multipart/') ? TOO_LARGE_UPLOAD_MESSAGE : TOO_LARGE_BODY_MESSAGE }
}

/** Payload's own multipart limits, which it reports as 500s with English messages. */
const PAYLOAD_SIZE_ERRORS: Array<[RegExp, string]> = [
  [/File size limit has been reached|Multipart request size limit has been reached/i, TOO_LARGE_UPLOAD_MESSAGE],
  [/Multipart limit has been reached/i, '一次提交的文件或字段过多（每次最多 3 个文件），请分几次上传'],
]

/**
 * A Payload `afterError` hook: a body over one of Payload's own multipart limits (a file over
 * `upload.limits.fileSize` under `next dev`, too many files or fields) is a 413 with a message a
 * person can act on, not a 500 "Something went wrong".
 */
export const oversizedBodyError = ({ error }: { error: Error }) => {
  const hit = PAYLOAD_SIZE_ERRORS.find(([re]) => re.test(error?.message ?? ''))
  if (hit) return { status: 413, response: errorBody(hit[1]) }
}
