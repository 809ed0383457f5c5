import type { ItemRef, ItemSumRow, ThemeLinkRow, ThemeRow, TopItemRow } from './queries'

/**
 * The cockpit's top items and completions per theme, from the scope's completions per item (src/
 * cockpit/queries.ts `itemSums`, kept and patched one item at a time: src/cockpit/cache.ts) instead of
 * summing study_item_org_year over every organisation in scope after each completion. Equal, row for
 * row and in order, to the `topItems` and `themes` queries. Pure.
 */

/** How the kept sums name an item. */
export const itemKey = (item: ItemRef) => `${item.item_collection}:${item.item_id}`

/**
 * The query's order: most completions first, then by collection and id. The collections are the
 * kinds' slugs (src/content/kinds.ts: lower-case letters and hyphens, none a prefix of another), which
 * every collation orders as code units do.
 */
const byCompletions = (a: ItemSumRow, b: ItemSumRow) =>
  b.completions - a.completions ||
  (a.item_collection < b.item_collection ? -1 : a.item_collection > b.item_collection ? 1 : 0) ||
  a.item_id - b.item_id

/** The `limit` items most completed (with more than none), most first. */
export const topItemSums = (sums: Iterable<ItemSumRow>, limit = 10): ItemSumRow[] =>
  [...sums]
    .filter((s) => s.completions > 0)
    .sort(byCompletions)
    .slice(0, limit)

/** The top items with their titles (`（已删除）` for an item without one, as the query's). */
export const titledItems = (top: readonly ItemSumRow[], titles: readonly (ItemRef & { title: string })[]): TopItemRow[] => {
  const byKey = new Map(titles.map((t) => [itemKey(t), t.title]))
  return top.map((s) => ({ ...s, title: byKey.get(itemKey(s)) ?? '（已删除）' }))
}

/**
 * Completions per theme of the items completed (each link of an item to a theme adds its sum), the
 * themes with more than none, most first, ties by theme id.
 */
export const themeSums = (sums: ReadonlyMap<string, ItemSumRow>, links: readonly ThemeLinkRow[]): ThemeRow[] => {
  const themes = new Map<number, ThemeRow>()
  for (const link of links) {
    const completions = sums.get(itemKey(link))?.completions
    if (!completions) continue
    const theme = themes.get(link.id)
    if (theme) theme.completions += completions
    else themes.set(link.id, { id: link.id, name: link.name, completions })
  }
  return [...themes.values()].filter((t) => t.completions > 0).sort((a, b) => b.completions - a.completions || a.id - b.id)
}
