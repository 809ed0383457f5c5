import { describe, expect, it } from 'vitest'

import { itemKey, themeSums, titledItems, topItemSums } from '../../../src/cockpit/items'
import type { ItemSumRow, ThemeLinkRow } from '../../../src/cockpit/queries'

/**
 * The top items and completions per theme worked out from the kept completions per item (src/cockpit/
 * items.ts) come in the order of the queries they replace (src/cockpit/queries.ts `topItems`: ORDER BY
 * completions DESC, item_collection, item_id LIMIT 10; `themes`: completions DESC, theme id), ties included.
 */
const sum = (item_collection: string, item_id: number, completions: number): ItemSumRow => ({ item_collection, item_id, completions })
const byKey = (rows: ItemSumRow[]) => new Map(rows.map((r) => [itemKey(r), r]))

describe('the top items', () => {
  it('are the ten most completed, ties by collection then id, none without completions', () => {
    const sums = [
      sum('news', 3, 5),
      sum('courses', 9, 5),
      sum('news', 1, 5),
      sum('micro-lessons', 2, 7),
      sum('red-resources', 4, 0),
      sum('courses', 1, -2),
      ...Array.from({ length: 8 }, (_, i) => sum('micro-lessons', 10 + i, 1)),
    ]
    expect(topItemSums(sums).map(itemKey)).toEqual([
      'micro-lessons:2',
      'courses:9',
      'news:1',
      'news:3',
      'micro-lessons:10',
      'micro-lessons:11',
      'micro-lessons:12',
      'micro-lessons:13',
      'micro-lessons:14',
      'micro-lessons:15',
    ])
    // Ids compared as numbers (9 before 10), not as text.
    expect(topItemSums([sum('news', 10, 1), sum('news', 9, 1)]).map(itemKey)).toEqual(['news:9', 'news:10'])
    expect(topItemSums([sum('news', 1, 0)])).toEqual([])
  })

  it('carry their titles, 已删除 for an item without one', () => {
    const top = [sum('news', 1, 3), sum('courses', 2, 2)]
    expect(titledItems(top, [{ item_collection: 'news', item_id: 1, title: '学习' }])).toEqual([
      { item_collection: 'news', item_id: 1, completions: 3, title: '学习' },
      { item_collection: 'courses', item_id: 2, completions: 2, title: '（已删除）' },
    ])
  })
})

describe('the completions per theme', () => {
  const link = (item_collection: string, item_id: number, id: number, name = `主题${id}`): ThemeLinkRow => ({
    item_collection,
    item_id,
    id,
    name,
  })

  it('add each linked item’s completions, most first, ties by theme id, none without completions', () => {
    const sums = byKey([sum('news', 1, 4), sum('courses', 1, 2), sum('courses', 2, 2), sum('news', 2, 0)])
    const links = [
      link('courses', 2, 7),
      link('courses', 1, 9),
      link('news', 1, 9),
      link('courses', 1, 5),
      link('news', 1, 3),
      // Another kind's item of the same id, an item without completions, one never completed.
      link('news', 2, 8),
      link('micro-lessons', 1, 8),
      link('red-resources', 5, 4),
    ]
    expect(themeSums(sums, links)).toEqual([
      { id: 9, name: '主题9', completions: 6 },
      { id: 3, name: '主题3', completions: 4 },
      { id: 5, name: '主题5', completions: 2 },
      { id: 7, name: '主题7', completions: 2 },
    ])
  })

  it('count an item linked twice to a theme twice, as the query’s join does', () => {
    expect(themeSums(byKey([sum('news', 1, 3)]), [link('news', 1, 2), link('news', 1, 2)])).toEqual([
      { id: 2, name: '主题2', completions: 6 },
    ])
  })
})
