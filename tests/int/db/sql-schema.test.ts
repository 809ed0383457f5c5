import { readdirSync, readFileSync, statSync } from 'fs'
import path from 'path'
import type { Payload } from 'payload'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { COCKPIT_QUERIES, PUBLISHED_BY_MONTH_SQL } from '../../../src/cockpit/queries'
import { CONTENT_KIND_SLUGS, STUDIED_KINDS } from '../../../src/content/kinds'
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

/**
 * Where SQL may be written in src/: an area's typed module (src/<area>/queries.ts, README,
 * Architecture), and the infrastructure under them — the transaction model and change notices
 * (src/db), the embedded PostgreSQL's set-up (src/services) and the backup's own snapshot connection
 * for pg_dump (src/backup). Pages, route handlers, hooks and feature code call the queries.
 */
const SQL_HOMES = [/^src\/[\w-]+\/queries\.ts$/, /^src\/(db|services|backup)\//]

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
})
afterAll(async () => {
  await releasePayload(payload)
})

/** Each statement prepared — parsed and analysed, not run — on one connection; the failures, named. */
const prepareEach = async (statements: { where: string; text: string }[]) => {
  const client = await poolOf(payload).connect()
  const failures: string[] = []
  try {
    for (const [i, s] of statements.entries()) {
      const params = Math.max(0, ...[...s.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))
      const types = params ? `(${Array.from({ length: params }, () => 'unknown').join(', ')})` : ''
      try {
        await client.query(`PREPARE schema_check_${i}${types} AS ${s.text.trim().replace(/;\s*$/, '')}`)
        await client.query(`DEALLOCATE schema_check_${i}`)
      } catch (error) {
        failures.push(`${s.where}: ${(error as Error).message}`)
      }
    }
  } finally {
    client.release()
  }
  return failures
}

describe('raw SQL against the migrated schema', () => {
  it('prepares every statement written out in full', async () => {
    const { whole, assembled } = collect()
    // Not vacuous: the code holds about a hundred such statements.
    expect(whole.length).toBeGreaterThan(80)
    const failures = await prepareEach(whole.map((w) => ({ where: `${w.file}:${w.line}`, text: w.text })))
    console.log(
      `raw SQL: ${whole.length} statements prepared against the schema, ${assembled} assembled from pieces left to the tests that run them`,
    )
    if (failures.length) console.log(failures.join('\n'))
    expect(failures).toEqual([])
  })

  it('prepares the statements built from the content-kind registry, as they are built', async () => {
    // The cockpit's figures over every kind (its table of queries) and the items published per kind.
    const scope = { level: 'university' as const, root: { id: 1, name: '党委' }, orgIds: [1] }
    const pace = { expected: 10, target: 32, cadreExpected: 20, cadreTarget: 56 }
    const built = [
      ...Object.entries(COCKPIT_QUERIES).map(([name, q]) => ({ where: `COCKPIT_QUERIES.${name}`, text: q(scope, 2026, pace)[0] })),
      { where: 'PUBLISHED_BY_MONTH_SQL', text: PUBLISHED_BY_MONTH_SQL },
    ]
    // Not vacuous: each names every kind of the registry that it reads.
    for (const k of STUDIED_KINDS) expect(COCKPIT_QUERIES.themes(scope, 2026, pace)[0]).toContain(`'${k}'`)
    for (const k of CONTENT_KIND_SLUGS) expect(PUBLISHED_BY_MONTH_SQL).toContain(`'${k}'`)
    expect(await prepareEach(built)).toEqual([])
  })

  it("keeps src/'s SQL in the areas' queries.ts (and the infrastructure under them)", () => {
    const { whole, assembledIn } = collect()
    const inSrc = [...whole.map((s) => `${s.file}:${s.line}`), ...assembledIn].filter((f) => f.startsWith(`src${path.sep}`))
    expect(inSrc.filter((f) => !SQL_HOMES.some((home) => home.test(f.replace(/:\d+$/, '').split(path.sep).join('/'))))).toEqual([])
    // Not vacuous: two dozen areas hold their SQL in a queries.ts.
    expect(new Set(inSrc.map((f) => f.replace(/:\d+$/, '')).filter((f) => f.endsWith('queries.ts'))).size).toBeGreaterThan(20)
  })
})
