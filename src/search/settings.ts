import type { Meilisearch } from 'meilisearch'
import type { Payload } from 'payload'

import { INDEX_UID, searchClient } from './client'
import { DEFAULT_SYNONYMS, synonymMap } from './synonyms'

export const FILTERABLE = [
  'id',
  'collection',
  'kind',
  'themeIds',
  'audienceAllStages',
  'audienceStages',
  'audienceAllOrgs',
  'audienceOrgs',
  'requirement',
  'publishedAt',
]
export const SORTABLE = ['publishedAt', 'popularity']

/** The synonym groups in force: the defaults plus those editors added in 搜索设置. */
export const synonymGroups = async (payload: Payload): Promise<string[][]> => {
  const settings = await payload.findGlobal({ slug: 'search-settings', depth: 0, overrideAccess: true }).catch(() => null)
  const extra = (settings?.synonyms ?? []).map((s) => s.terms.split(/[,，、\s]+/).filter(Boolean))
  return [...DEFAULT_SYNONYMS, ...extra]
}

/**
 * Creates the index if needed and applies its settings: Chinese (`cmn`) for every attribute,
 * searchable, filterable and sortable attributes, synonyms. Idempotent; run at start-up.
 */
export const ensureIndex = async (payload: Payload, uid = INDEX_UID(), client: Meilisearch = searchClient()) => {
  await client
    .createIndex(uid, { primaryKey: 'id' })
    .waitTask({ timeout: 10_000 })
    .catch(() => undefined)
  const task = await client
    .index(uid)
    .updateSettings({
      localizedAttributes: [{ attributePatterns: ['*'], locales: ['cmn'] }],
      searchableAttributes: ['title', 'themes', 'summary', 'text', 'simplified', 'pinyin'],
      // Typo tolerance works on the Latin words (pinyin): one slip from 5 letters, two from 9. For
      // Chinese characters it cannot help (a character of a two-character word is half the word);
      // homophone typos are caught through the pinyin words instead (src/search/tolerance.ts).
      // Numbers stay exact: 1921 and 1927, 100 and 105 周年 are different things.
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
      displayedAttributes: ['*'],
      filterableAttributes: FILTERABLE,
      sortableAttributes: SORTABLE,
      synonyms: synonymMap(await synonymGroups(payload)),
    })
    .waitTask({ timeout: 30_000 })
  if (task.status !== 'succeeded') throw new Error(`Meilisearch 索引设置失败：${task.error?.message ?? task.status}`)
}
