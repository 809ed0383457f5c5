import { describe, expect, it } from 'vitest'

import { CONTENT_KIND_SLUGS, CONTENT_KINDS, STUDIED_KINDS, studiedTitleSql } from '../../../src/content/kinds'
import { COCKPIT_QUERIES, PUBLISHED_BY_MONTH_SQL } from '../../../src/cockpit/queries'

/**
 * The cockpit's statements over every content kind are written out kind by kind (so the schema test
 * prepares them): each must name every kind of the registry, as the registry would have built it.
 */
const flat = (s: string) => s.replace(/\s+/g, ' ')
const scope = { level: 'university' as const, root: { id: 1, name: '党委' }, orgIds: [1] }
const pace = { expected: 10, target: 32, cadreExpected: 20, cadreTarget: 56 }

describe('cockpit statements written out per content kind', () => {
  it('titles the most completed items from every studied kind', () => {
    const text = flat(COCKPIT_QUERIES.topItems(scope, 2026, pace)[0])
    const titled = studiedTitleSql('s')
    expect(text).toContain(`SELECT s.*, ${titled.title} AS title FROM s`)
    expect(text).toContain(flat(titled.joins))
  })

  it('reads the themes of every studied kind', () => {
    const text = flat(COCKPIT_QUERIES.themes(scope, 2026, pace)[0])
    const union = STUDIED_KINDS.map(
      (k) => `SELECT '${k}' AS c, parent_id, themes_id FROM ${CONTENT_KINDS[k].table}_rels WHERE path = 'themes'`,
    )
    expect(text).toContain(`t AS (${union.join(' UNION ALL ')})`)
  })

  it('counts what is published of every kind', () => {
    const union = CONTENT_KIND_SLUGS.map(
      (k) =>
        `SELECT '${k}' AS collection, ${k === 'news' ? '"column"::text' : 'NULL'} AS k, extract(month FROM published_at AT TIME ZONE 'Asia/Shanghai')::int AS month, count(*)::int AS n FROM ${CONTENT_KINDS[k].table} WHERE _status = 'published' AND extract(year FROM published_at AT TIME ZONE 'Asia/Shanghai') = $1 GROUP BY 1, 2, 3`,
    )
    expect(flat(PUBLISHED_BY_MONTH_SQL)).toBe(union.join(' UNION ALL '))
  })
})
