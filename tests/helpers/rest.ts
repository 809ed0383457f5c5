/**
 * A REST answer's JSON body as the integration tests read it: Payload's own shapes (a document, a
 * page of documents, a login, the error list) and the login's second factor. A test reads a field
 * only after asserting the status of the answer that carries it, so the fields are declared present:
 * one that is missing all the same fails the test (a TypeError or a failed expectation), as it should.
 * Any other field is unknown; a test file whose endpoints answer fields it reads further declares
 * them: `RestBody & { attemptId: number }`.
 */

/**
 * One entry of Payload's error list. Its data, as the tests read it: a field refusal's own messages
 * (ValidationError), the day a refused step becomes possible, the second factor to enrol.
 */
export type RestError = {
  message: string
  data: { errors: Array<{ message: string; path?: string }>; from: string; totpSetup: { secret: string; uri: string } }
}

/** A document as the REST API returns it: its id, and the fields a test reads (unknown until it checks them). */
export type RestDoc = { id: number; [field: string]: unknown }

export type RestBody = {
  /** A refusal. */
  errors: RestError[]
  message: string
  /** Create and update answer `{ doc, message }`; a document read by id is the body itself. */
  doc: RestDoc
  id: number
  /** A page of a find. */
  docs: RestDoc[]
  totalDocs: number
  /** Login (and refresh), and the second factor it may ask for. */
  token: string
  refreshedToken: string
  user: RestDoc
  secondFactor: 'code' | 'enrol'
  totpSetup: { secret: string; uri: string }
  /** Setting up a second factor. */
  secret: string
  uri: string
  /** A read document's other fields, an endpoint's own: unknown until the test checks them. */
  [field: string]: unknown
}

/**
 * The parsed body (read as T: RestBody, or a test's own answer type), or an empty one when it is not
 * JSON (an HTML page): a test then finds no field it expected.
 */
export const restBody = <T = RestBody>(text: string): T => {
  try {
    return JSON.parse(text)
  } catch {
    return {} as T
  }
}
