import type { CollectionBeforeChangeHook } from 'payload'
import { ValidationError } from 'payload'

import { questionProblems } from './questionRules'

/**
 * Refuses a question whose answer is missing or ambiguous. It runs on the merged document, so a
 * partial update is judged as the question will be stored.
 */
export const refuseUnsoundQuestion: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  const merged = { ...(originalDoc ?? {}), ...data }
  const problems = questionProblems(merged)
  if (problems.length > 0) {
    throw new ValidationError({
      collection: 'questions',
      errors: problems.map((message) => ({ message, path: message.includes('题干') ? 'stem' : 'options' })),
      req,
    })
  }
  return data
}
