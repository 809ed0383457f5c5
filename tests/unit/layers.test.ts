import { readdirSync, readFileSync } from 'fs'
import path from 'path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * Imports point down: screens (the member site, the admin's components, Next's app folder) use the
 * domain, never the other way round. Collections and domain modules (src/<area>/*.ts) import no
 * screen: a rule, a hook or an endpoint that needed one would tie the data to how one page shows it
 * (what the review found: a collection importing the member site, domain modules the admin's date
 * format). Screens are src/app, src/site, src/admin, src/components and any src/<area>/admin or
 * src/<area>/site folder.
 */
const root = path.resolve(__dirname, '../..')

const isScreen = (rel: string) => {
  const parts = rel.split(path.sep)
  if (parts[0] !== 'src') return false
  if (['app', 'site', 'admin', 'components'].includes(parts[1] ?? '')) return true
  return parts.length > 3 && (parts[2] === 'admin' || parts[2] === 'site')
}

const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return tsFiles(full)
    return e.isFile() && /\.tsx?$/.test(e.name) ? [full] : []
  })

const specifiers = (file: string) => ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName)

/** Where a specifier of `file` lands, relative to the project root (null for packages). */
const target = (file: string, specifier: string): string | null => {
  if (specifier.startsWith('@/')) return path.join('src', specifier.slice(2))
  if (!specifier.startsWith('.')) return null
  return path.relative(root, path.resolve(path.dirname(file), specifier))
}

const upwardImports = (files: string[]) =>
  files.flatMap((file) => {
    const rel = path.relative(root, file)
    if (isScreen(rel)) return []
    return specifiers(file).flatMap((s) => {
      const to = target(file, s)
      return to && isScreen(to) ? [`${rel}: import '${s}' (a screen: ${to})`] : []
    })
  })

describe('layers', () => {
  it('collections and domain modules import no screen', () => {
    const files = [...tsFiles(path.join(root, 'collections')), ...tsFiles(path.join(root, 'src'))].filter(
      (f) => !f.includes(`${path.sep}migrations${path.sep}`) && !f.endsWith('payload-types.ts'),
    )
    expect(files.length).toBeGreaterThan(200)
    expect(upwardImports(files)).toEqual([])
  })

  it('tells a screen from the domain', () => {
    for (const screen of [
      'src/site/LoginForm.tsx',
      'src/app/(site)/page.tsx',
      'src/cockpit/admin/Cockpit.tsx',
      'src/cockpit/site/SiteTable.tsx',
    ])
      expect(isScreen(screen), screen).toBe(true)
    for (const domain of ['src/cockpit/data.ts', 'src/dates.ts', 'src/content/themes.ts', 'collections/Themes.ts'])
      expect(isScreen(domain), domain).toBe(false)
  })
})
