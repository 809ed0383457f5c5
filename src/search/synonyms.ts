/**
 * Common abbreviations and variants on the platform, each group mutually equivalent. Editors add
 * more in 搜索设置 (the `search-settings` global); these are the defaults.
 */
export const DEFAULT_SYNONYMS: string[][] = [
  ['四史', '党史', '新中国史', '改革开放史', '社会主义发展史'],
  ['两学一做', '学党章党规', '学系列讲话', '做合格党员'],
  ['三会一课', '支部党员大会', '支部委员会', '党小组会', '党课'],
  ['二十大', '党的二十大', '第二十次全国代表大会'],
  ['十九大', '党的十九大', '第十九次全国代表大会'],
  ['党章', '中国共产党章程'],
  ['建党百年', '建党100周年', '中国共产党成立100周年'],
  ['习近平新时代中国特色社会主义思想', '新思想'],
  ['红色教育基地', '爱国主义教育基地'],
  ['廉政', '廉洁'],
  ['党史', '黨史'],
  ['党员', '黨員'],
  ['学习', '學習'],
  ['纪念馆', '紀念館'],
  ['共产党', '共產黨'],
]

/** Meilisearch's synonym map from groups: every term maps to the others of its group. */
export const synonymMap = (groups: string[][]): Record<string, string[]> => {
  const map: Record<string, Set<string>> = {}
  for (const group of groups) {
    const terms = [...new Set(group.map((t) => t.trim()).filter(Boolean))]
    for (const t of terms) {
      map[t] ??= new Set()
      for (const o of terms) if (o !== t) map[t].add(o)
    }
  }
  return Object.fromEntries(
    Object.entries(map)
      .filter(([, v]) => v.size)
      .map(([k, v]) => [k, [...v]]),
  )
}
