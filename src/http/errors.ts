import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../db/unavailable'
import { errorBody, type ErrorData } from './errorBody'

export { errorBody, type ErrorBody, type ErrorData } from './errorBody'

/**
 * The platform's one error type: a 4xx/5xx status and a message in Chinese that says what to do.
 * Domain refusals (学习、答题、发展党员、驾驶舱 …) are this class or name it as their base, so every
 * route answers them the same way (src/http/route.ts) and pure rules stay free of HTTP objects.
 */
export class HttpError extends Error {
  readonly status: number
  readonly data?: ErrorData
  readonly headers?: Record<string, string>
  constructor(status: number, message: string, options: { data?: ErrorData; headers?: Record<string, string> } = {}) {
    super(message)
    this.status = status
    this.data = options.data
    this.headers = options.headers
  }
}

export const errorResponse = (error: Pick<HttpError, 'status' | 'message' | 'data' | 'headers'>): Response =>
  Response.json(errorBody(error.message, error.data), {
    status: error.status,
    headers: { 'Cache-Control': 'no-store', ...error.headers },
  })

/** A refusal, for code that returns instead of throwing: `return refuse(404, '找不到…')`. */
export const refuse = (status: number, message: string, data?: ErrorData): Response => errorResponse({ status, message, data })

/**
 * An error as the client should hear it: ours as it is; the database being unreachable a 503 to
 * retry (a restart is expected now and then); anything else null, for the framework to log as a 500.
 */
export const asHttpError = (error: unknown): HttpError | null => {
  if (error instanceof HttpError) return error
  if (isDatabaseUnavailable(error)) return new HttpError(503, DATABASE_UNAVAILABLE_MESSAGE, { headers: { 'Retry-After': '2' } })
  return null
}
