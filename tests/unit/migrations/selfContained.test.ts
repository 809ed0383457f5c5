import { readdirSync, readFileSync } from 'fs'
import path from 'path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * A migration keeps doing what it did when it was written: it snapshots SQL text and whatever code
 * it runs (src/migrations/snapshots/) and imports no application code, which changes later. Every
 * .ts file under src/migrations (recursively) may import other files under src/migrations and npm
 * packages (and Node's own modules), nothing else: no relative path above src/migrations, no '@/…',
 * no '@payload-config' (nor any other tsconfig path alias).
 */
const root = path.resolve(__dirname, '../../..')
const migrationsDir = path.join(root, 'src/migrations')

const tsconfig = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile).config as {
  compilerOptions?: { paths?: Record<string, string[]> }
}
const aliases = [...Object.keys(tsconfig.compilerOptions?.paths ?? {}), '@/*', '@payload-config']

const isAlias = (specifier: string) =>
  aliases.some((a) => (a.endsWith('/*') ? specifier.startsWith(a.slice(0, -1)) : specifier === a || specifier.startsWith(`${a}/`)))

/** Why an import specifier in `file` reaches outside src/migrations, or null when it does not. */
const outside = (file: string, specifier: string): string | null => {
  if (isAlias(specifier)) return 'a path alias into the application'
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const target = path.resolve(path.dirname(file), specifier)
    const rel = path.relative(migrationsDir, target)
    if (rel.startsWith('..') || path.isAbsolute(rel)) return `resolves to ${path.relative(root, target)}`
    return null
  }
  return null // an npm package or a Node module
}

const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return tsFiles(full)
    return e.isFile() && /\.(c|m)?tsx?$/.test(e.name) ? [full] : []
  })

/** Every module specifier of a file: static and type imports, re-exports, import(), require(). */
const specifiers = (file: string) => ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName)

describe('migrations', () => {
  it('import nothing outside src/migrations (snapshots instead of application code)', () => {
    const files = tsFiles(migrationsDir)
    // The migrations, index.ts, and the snapshots' subfolder: the walk really is recursive.
    expect(files.length).toBeGreaterThan(40)
    expect(files.some((f) => f.includes(`${path.sep}snapshots${path.sep}`))).toBe(true)
    const violations = files.flatMap((file) =>
      specifiers(file).flatMap((s) => {
        const why = outside(file, s)
        return why ? [`${path.relative(root, file)}: import '${s}' (${why})`] : []
      }),
    )
    expect(violations).toEqual([])
  })

  it('are checked by a rule that tells inside from outside', () => {
    const file = path.join(migrationsDir, '20261121_124000_encrypt_phones.ts')
    const snapshot = path.join(migrationsDir, 'snapshots/x.ts')
    for (const ok of ['./20261121_083600_heartbeat_function', './snapshots/20261121_phone_crypto', 'crypto', 'node:path', 'music-metadata'])
      expect(outside(file, ok), ok).toBeNull()
    expect(outside(snapshot, '../20261121_053316_initial')).toBeNull()
    expect(outside(snapshot, './other')).toBeNull()
    for (const bad of ['../privacy/crypto', '..', '../../payload.config', '@/study/length', '@payload-config'])
      expect(outside(file, bad), bad).not.toBeNull()
    expect(outside(snapshot, '../../study/replay')).not.toBeNull()
    expect(specifiers(path.join(migrationsDir, '20261203_144338_study_real_length.ts'))).toContain('./snapshots/20261203_study_real_length')
  })
})
