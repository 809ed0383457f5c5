/**
 * The one JSON error shape, Payload's own: `{ errors: [{ message, data? }] }`. Every refusal the
 * platform writes — routes (src/http/errors.ts), Payload's afterError hooks, the app server's front
 * door — builds its body here. No imports: the database and security modules use it too.
 */

/** Extra facts a client can act on, beside the message (e.g. `from`: the first day a step is possible). */
export type ErrorData = Record<string, unknown>

export type ErrorBody = { errors: Array<{ message: string; data?: ErrorData }> }

export const errorBody = (message: string, data?: ErrorData): ErrorBody => ({ errors: [{ message, ...(data ? { data } : {}) }] })
