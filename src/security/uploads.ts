import { APIError } from 'payload'
import { errorBody } from '../http/errorBody'

/**
 * Upload from a URL is off: nobody needs it (editors upload files from their computers), and a
 * server that fetches addresses on request can be pointed at the intranet. Payload has two ways in:
 * the admin's "paste URL" (`pasteURL: false` turns it off, and its endpoint refuses) and an API
 * create with `{ filename, url }` and no file, which Payload fetches server-side. The second is shut
 * by `externalFileHeaderFilter`, which Payload calls before every remote fetch (and every redirect):
 * it refuses, so nothing is fetched. Copies of our own files (duplicate, crop) are read from disk and
 * never reach it.
 */
export const UPLOAD_FROM_URL_REFUSED = '不支持从网址导入文件：请先把文件下载到本机，再上传'

export const refuseRemoteFetch = (): Record<string, string> => {
  throw new APIError(UPLOAD_FROM_URL_REFUSED, 400, undefined, true)
}

/** The Media collection's `upload` options for this. */
export const noUploadFromUrl = { pasteURL: false as const, externalFileHeaderFilter: refuseRemoteFetch }

/**
 * A Payload `afterError` hook: Payload wraps the refusal above in a 500 "problem retrieving the
 * file", and refuses a paste-URL request in English; both become a 400 saying why.
 */
export const uploadFromUrlError = ({ error }: { error: Error }) => {
  const message = error?.message ?? ''
  if (message.includes(UPLOAD_FROM_URL_REFUSED) || /Pasting from URL is not enabled/i.test(message)) {
    return { status: 400, response: errorBody(UPLOAD_FROM_URL_REFUSED) }
  }
}
