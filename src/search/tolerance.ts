/**
 * What makes search forgive the way people really type Chinese (issue 14 §4):
 *
 *  - Traditional characters (黨的二十大, 學習) are converted to simplified ones, in the index and in
 *    the query, with OpenCC's tables (`opencc-js`), so mixed input finds simplified text.
 *  - Pinyin: each item's title and themes also go into the index as pinyin "words" — every run of
 *    2 to 8 consecutive characters spelled out without tones (三会一课 → sanhuiyike, huiyike, …) and,
 *    from 3 characters, its initials (shyk). A member typing dangshi or sanhuiyike finds 党史 and
 *    三会一课; Meilisearch's own typo tolerance then forgives a slip in the Latin letters.
 *  - Homophone typos, the usual slip with a pinyin input method (井岗山 for 井冈山, 三会一刻 for 三会一课):
 *    the query is also searched as its pinyin against those words, so it finds what sounds the same.
 *    Edit-distance typos on Chinese characters are useless here (one character of a two-character
 *    word is half the word); sound is what such typos keep.
 *
 * Pinyin comes from `pinyin-pro` (word-aware readings of polyphones: 重庆 chongqing, 长征 changzheng).
 */
import * as OpenCC from 'opencc-js/t2cn'
import { pinyin } from 'pinyin-pro'

// Hong Kong and Taiwan variants both end in mainland simplified forms; simplified text passes unchanged.
const fromHk = OpenCC.Converter({ from: 'hk', to: 'cn' })
const fromTw = OpenCC.Converter({ from: 'tw', to: 'cn' })

/** Simplified Chinese for any mix of traditional and simplified text. */
export const toSimplified = (text: string): string => (text ? fromTw(fromHk(text)) : text)

const HAN = /\p{Script=Han}/u
const HAN_RUN = /\p{Script=Han}+/gu
const MAX_GRAM = 8

/** Toneless syllables of a run of Chinese characters, one per character, read in context. */
const syllables = (run: string): string[] => pinyin(run, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase())

/**
 * The pinyin words for the index: for every run of 2–8 consecutive characters of the text, its
 * syllables joined (and, from 3 characters, its initials). De-duplicated, space-separated.
 */
export const pinyinWords = (text: string): string => {
  const words = new Set<string>()
  for (const run of toSimplified(text).match(HAN_RUN) ?? []) {
    const s = syllables(run)
    for (let i = 0; i < s.length; i++) {
      for (let n = 2; n <= MAX_GRAM && i + n <= s.length; n++) {
        const part = s.slice(i, i + n)
        words.add(part.join(''))
        if (n >= 3) words.add(part.map((p) => p[0]).join(''))
      }
    }
  }
  return [...words].join(' ')
}

/** True when the query is (toneless) Latin letters and spaces only, i.e. typed as pinyin. */
export const isLatinQuery = (q: string) => /^[a-z\s'’]+$/i.test(q.trim())

/**
 * The query as pinyin words, to search the index's pinyin: each Chinese run spelled out and joined
 * (井岗山 → jinggangshan); a Latin query lower-cased with its syllable spaces closed up
 * (san hui yi ke → sanhuiyike). Null when there is nothing to spell (digits, one character).
 */
export const queryPinyin = (q: string): string | null => {
  const simplified = toSimplified(q.trim())
  if (isLatinQuery(simplified)) {
    const joined = simplified.toLowerCase().replace(/[\s'’]+/g, '')
    return joined.length >= 2 ? joined : null
  }
  const runs = (simplified.match(HAN_RUN) ?? []).filter((r) => r.length >= 2)
  if (!runs.length) return null
  return runs.map((r) => syllables(r).join('')).join(' ')
}

/**
 * The part of a found title that sounds like the query (井冈山 for 井岗山, 党史 for dangshi), for
 * 你是不是要找. Null when no run of the title spells the query's first word.
 */
export const soundsLikeIn = (title: string, q: string): string | null => {
  const wanted = queryPinyin(q)?.split(' ')[0]
  if (!wanted) return null
  const simplified = toSimplified(title)
  for (const run of simplified.match(HAN_RUN) ?? []) {
    const s = syllables(run)
    for (let i = 0; i < s.length; i++) {
      let spelled = ''
      for (let j = i; j < s.length && spelled.length < wanted.length + 6; j++) {
        spelled += s[j]
        if (spelled === wanted || (j > i && distance(spelled, wanted) <= (wanted.length >= 9 ? 2 : wanted.length >= 5 ? 1 : 0))) {
          return run.slice(i, j + 1)
        }
      }
    }
  }
  return null
}

/** Levenshtein distance (small strings only: pinyin words). */
export const distance = (a: string, b: string): number => {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]
}

/**
 * The nearest term of a vocabulary (theme names, synonym terms) to a query that found nothing, by
 * the edit distance of their pinyin: 你是不是要找 when neither the text nor its sound matched.
 */
export const nearestTerm = (q: string, vocabulary: string[]): string | null => {
  const wanted = queryPinyin(q)?.replace(/ /g, '')
  if (!wanted || wanted.length < 4) return null
  let best: { term: string; d: number } | null = null
  for (const term of new Set(vocabulary)) {
    if (!HAN.test(term) || term === q) continue
    const spelled = syllables(term.match(HAN_RUN)?.join('') ?? '').join('')
    const d = distance(spelled, wanted)
    if (d <= Math.max(1, Math.floor(wanted.length / 4)) && (!best || d < best.d)) best = { term, d }
  }
  return best?.term ?? null
}
