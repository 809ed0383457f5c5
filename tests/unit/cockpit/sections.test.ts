import { readFileSync } from 'fs'
import path from 'path'
import { describe, expect, it } from 'vitest'

import { dropsSection, FIGURE_TABLES, SECTIONS, type Section } from '../../../src/cockpit/cache'
import type { Channel } from '../../../src/db/notify'

/**
 * Which notices drop which parts of the cockpit's answer (src/cockpit/cache.ts SECTIONS): each only
 * at notices about what it reads, every one at a notice it cannot place.
 */
const all = Object.values(SECTIONS) as Section[]
const dropped = (notices: Array<[Channel, string | undefined]>) =>
  all
    .filter((s) => notices.some(([channel, notice]) => dropsSection(s, channel, notice)))
    .map((s) => s.name)
    .sort()

describe('the cockpit sections', () => {
  it('know every table the figures triggers name, and only those', () => {
    const sql = readFileSync(path.resolve(__dirname, '../../../src/db/sql/cockpit_figures.sql'), 'utf8')
    const triggered = new Set([...sql.matchAll(/CREATE TRIGGER \w+ AFTER [^;]*? ON (\w+)/g)].map((m) => m[1]))
    expect([...triggered].sort()).toEqual([...FIGURE_TABLES].sort())
    expect(sql).toContain("pg_notify('cockpit_figures', TG_TABLE_NAME)")
    expect(sql).toContain("pg_notify('cockpit_figures', 'item:' || NEW.item_collection || ':' || NEW.item_id)")
  })

  it('drop after a completion the month chart only (the member rows and item sums are patched)', () => {
    // What the ledger's rollup triggers send for one completion (src/db/sql/cockpit_changes.sql, cockpit_figures.sql).
    const completion: Array<[Channel, string]> = [
      ['cockpit_members', 'member:12'],
      ['cockpit_figures', 'study_org_month'],
      ['cockpit_figures', 'item:micro-lessons:7'],
    ]
    expect(dropped(completion)).toEqual(['studyMonths'])
  })

  it('drop the item sums at a DELETE or TRUNCATE of the item rollup (a rebuild)', () => {
    expect(dropped([['cockpit_figures', 'study_item_org_year']])).toEqual(['items'])
  })

  it('drop after a quiz result the quiz sections, after an organisation change the branches', () => {
    expect(dropped([['cockpit_figures', 'quiz_org_month']])).toEqual(['quizMonths'])
    expect(dropped([['cockpit_figures', 'quiz_question_org_year']])).toEqual(['hardest'])
    expect(dropped([['cockpit_figures', 'questions']])).toEqual(['hardest'])
    for (const table of ['organizations', 'organizations_compliance_issues', 'users'])
      expect(dropped([['cockpit_figures', table]])).toEqual(['branches'])
    expect(dropped([['cockpit_figures', 'review_logs']])).toEqual(['content'])
    expect(dropped([['cockpit_figures', 'news_rels']])).toEqual(['itemThemes'])
    expect(dropped([['themes', 'UPDATE']])).toEqual(['itemThemes'])
    expect(dropped([['content_items', 'UPDATE']])).toEqual(['content', 'itemThemes', 'itemTitles'])
  })

  it('drop every section at a notice they cannot place, a change of who counts, settings, the tree or a lost connection', () => {
    const everything = all.map((s) => s.name).sort()
    for (const notice of [
      ['cockpit_figures', 'UPDATE'],
      ['cockpit_figures', 'bench'],
      ['cockpit_figures', 'item:news:'],
      ['cockpit_figures', 'item:news:x'],
      ['cockpit_members', 'INSERT'],
      ['cockpit_members', 'member:'],
      ['organization_tree', 'UPDATE'],
      ['platform_settings', 'UPDATE'],
      ['cockpit_figures', undefined],
      ['themes', undefined],
    ] as Array<[Channel, string | undefined]>)
      expect(dropped([notice]), String(notice)).toEqual(everything)
  })
})
