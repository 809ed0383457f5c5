import { readdirSync, readFileSync, statSync } from 'fs'
import path from 'path'
import type { Payload } from 'payload'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { poolOf } from '../../../src/db/pool'
import { releasePayload, testPayload } from '../../helpers/payload'

/**
 * Every raw SQL statement written out in full in the application's code (a string or a template
 * without substitutions that begins with SELECT, INSERT, UPDATE, DELETE or WITH) names only tables,
 * columns, types and functions the migrations made: each is prepared — parsed and analysed, not run —
 * against the migrated database, its parameters left for PostgreSQL to type as it would untyped
 * literals. A migration that drops or renames something raw SQL still uses fails here, not in
 * production. Statements assembled from pieces (`${…}`) are counted and left to the tests that run them.
 */
const ROOTS = ['src', 'collections', 'seed'].map((d) => path.resolve(__dirname, '../../..', d))
const SKIP = [`${path.sep}migrations${path.sep}`, 'payload-types.ts']
// Upper-case keywords as the code writes SQL (so 'update' and 'delete', Payload's operation names, are not taken for it).
const STATEMENT = /^\s*(SELECT\s|INSERT INTO\s|UPDATE \w+(?: \w+)? SET\s|DELETE FROM\s|WITH \w+ AS)/
/** A string of several statements (a script) cannot be prepared: it is run whole by its own tests. */
const SCRIPT = /;\s*\S/

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f)
    if (statSync(p).isDirectory()) return files(p)
    return /\.(ts|tsx)$/.test(f) && !SKIP.some((s) => p.includes(s)) ? [p] : []
  })

type Found = { file: string; line: number; text: string }
const collect = () => {
  const whole: Found[] = []
  let assembled = 0
  const assembledIn: string[] = []
  for (const file of ROOTS.flatMap(files)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        if (STATEMENT.test(node.text) && !SCRIPT.test(node.text))
          whole.push({
            file: path.relative(process.cwd(), file),
            line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            text: node.text,
          })
      } else if (ts.isTemplateExpression(node) && STATEMENT.test(node.head.text)) {
        assembled++
        assembledIn.push(path.relative(process.cwd(), file))
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return { whole, assembled, assembledIn }
}

/** Areas whose SQL lives in one typed module, src/<area>/queries.ts (README, Architecture). */
const QUERY_MODULES = [
  'meetings',
  'auth',
  'privacy',
  'people',
  'access',
  'import',
  'development',
  'branch',
  'search',
  'training',
  'ledger',
  'mail',
  'quiz',
  'points',
  'study',
  'integrity',
  'jobs',
  'health',
  'organizations',
  'signon',
  'viewer',
  'warnings',
]

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
}, 120_000)
afterAll(async () => {
  await releasePayload(payload)
})

describe('raw SQL against the migrated schema', () => {
  it('prepares every statement written out in full', async () => {
    const { whole, assembled } = collect()
    // Not vacuous: the code holds about a hundred such statements.
    expect(whole.length).toBeGreaterThan(80)
    const client = await poolOf(payload).connect()
    const failures: string[] = []
    try {
      for (const [i, s] of whole.entries()) {
        const params = Math.max(0, ...[...s.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))
        const types = params ? `(${Array.from({ length: params }, () => 'unknown').join(', ')})` : ''
        try {
          await client.query(`PREPARE schema_check_${i}${types} AS ${s.text.trim().replace(/;\s*$/, '')}`)
          await client.query(`DEALLOCATE schema_check_${i}`)
        } catch (error) {
          failures.push(`${s.file}:${s.line}: ${(error as Error).message}`)
        }
      }
    } finally {
      client.release()
    }
    console.log(
      `raw SQL: ${whole.length} statements prepared against the schema, ${assembled} assembled from pieces left to the tests that run them`,
    )
    if (failures.length) console.log(failures.join('\n'))
    expect(failures).toEqual([])
  })

  it("keeps an area's SQL in its queries.ts", () => {
    const { whole, assembledIn } = collect()
    for (const area of QUERY_MODULES) {
      const dir = path.join('src', area) + path.sep
      const own = path.join('src', area, 'queries.ts')
      const files = [...whole.map((s) => s.file), ...assembledIn].filter((f) => f.startsWith(dir))
      expect(files.filter((f) => f !== own)).toEqual([])
      expect(files.length).toBeGreaterThan(0)
    }
  })

  it("keeps SQL out of the pages and route handlers (src/app): they call the areas' queries.ts", () => {
    const { whole, assembledIn } = collect()
    const app = path.join('src', 'app') + path.sep
    expect([...whole.map((s) => `${s.file}:${s.line}`), ...assembledIn].filter((f) => f.startsWith(app))).toEqual([])
  })
})
