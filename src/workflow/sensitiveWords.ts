import type { Payload, PayloadRequest } from 'payload'

export type SensitiveWord = { word: string; category?: string | null }
export type SensitiveHit = { word: string; category?: string | null; field: string; index: number; context: string }

const CONTEXT = 12

/**
 * Finds every occurrence of every listed word in the text (Latin letters case-insensitively) and
 * returns each with the text around it, so the author sees where to edit.
 */
export const scanText = (text: string, words: SensitiveWord[], field = 'text'): SensitiveHit[] => {
  if (!text) return []
  const haystack = text.toLowerCase()
  const hits: SensitiveHit[] = []
  for (const { word, category } of words) {
    const needle = word.trim().toLowerCase()
    if (!needle) continue
    for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) {
      const start = Math.max(0, i - CONTEXT)
      const end = Math.min(text.length, i + needle.length + CONTEXT)
      hits.push({
        word,
        category,
        field,
        index: i,
        context: `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`,
      })
    }
  }
  return hits.sort((a, b) => a.index - b.index)
}

/** Scans several named fields at once (title, summary, body text…). */
export const scanFields = (fields: Record<string, string | null | undefined>, words: SensitiveWord[]) =>
  Object.entries(fields).flatMap(([field, text]) => scanText(text ?? '', words, field))

/** The current word list, read by the server itself (the list is not for members' eyes). */
export const loadSensitiveWords = async (payload: Payload, req?: PayloadRequest): Promise<SensitiveWord[]> => {
  const { docs } = await payload.find({
    collection: 'sensitive-words',
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    req,
    select: { word: true, category: true },
  })
  return docs.map((d) => ({ word: d.word, category: d.category }))
}
