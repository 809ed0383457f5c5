import { readdirSync, readFileSync } from 'fs'
import path from 'path'
import { describe, expect, it } from 'vitest'

import * as migrations from '../../../src/migrations/index'

/**
 * Database functions and triggers live as SQL source files in src/db/sql; a migration installs a
 * snapshot of each. A source file edited without a migration would leave the database running
 * something else than what the repository shows: each file's text must be the snapshot of the
 * latest migration that installs it (the module's exported SQL constant).
 */
const dir = path.resolve(__dirname, '../../../src/db/sql')
const snapshots = async () => {
  const out: Array<{ name: string; text: string }> = []
  for (const m of migrations.migrations) {
    const mod = (await import(`../../../src/migrations/${m.name}.ts`)) as Record<string, unknown>
    for (const [key, value] of Object.entries(mod))
      if (typeof value === 'string' && /SQL|FUNCTION/.test(key)) out.push({ name: `${m.name}.${key}`, text: value.trim() })
  }
  return out
}

describe('SQL source files', () => {
  it('are each installed, as they read now, by a migration', async () => {
    const all = await snapshots()
    const files = readdirSync(dir).filter((f) => f.endsWith('.sql'))
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const text = readFileSync(path.join(dir, file), 'utf8').trim()
      // The function or trigger it defines: the last migration whose snapshot defines the same must be this text.
      const defines = text.match(/CREATE (?:OR REPLACE )?FUNCTION (\w+)/)?.[1]
      expect(defines, file).toBeTruthy()
      const installing = all.filter((s) => s.text.includes(`FUNCTION ${defines}(`) && /CREATE (OR REPLACE )?FUNCTION/.test(s.text))
      expect(installing.at(-1)?.text, `${file}: the latest migration installing ${defines}`).toBe(text)
    }
  })
})
