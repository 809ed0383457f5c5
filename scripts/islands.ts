/**
 * Bundles the member site's islands (src/site/islands/registry.ts) for the browser with esbuild:
 * one ES-module entry per registry module, React and shared code split into chunks, minified, each
 * file written with a gzip copy beside it; and `manifest.json`, which the app server reads to put a
 * page's entries and their chunks in its HTML (src/site/islands/html.ts). `next/link` and
 * `next/navigation` resolve to small stand-ins, since there is no Next client router on these pages.
 */
import { build, type Plugin } from 'esbuild'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs'
import path from 'path'
import { gzipSync } from 'zlib'

import { ISLAND_MODULES, type IslandModule } from '../src/site/islands/registry'
import { ISLANDS_PREFIX, type IslandManifest } from '../src/site/islands/html'
import { ROOT } from './lib'

const ISLANDS_SRC = path.join(ROOT, 'src/site/islands')

const entries: Plugin = {
  name: 'island-entries',
  setup(b) {
    b.onResolve({ filter: /^island:/ }, (args) => ({ path: args.path.slice('island:'.length), namespace: 'island' }))
    b.onLoad({ filter: /.*/, namespace: 'island' }, (args) => {
      const name = args.path as IslandModule
      const file = path.join(ROOT, ISLAND_MODULES[name].path)
      return {
        contents: `import { mount } from ${JSON.stringify(path.join(ISLANDS_SRC, 'mount'))}\nimport * as M from ${JSON.stringify(file)}\nmount(${JSON.stringify(name)}, M)\n`,
        loader: 'ts',
        resolveDir: ROOT,
      }
    })
    b.onResolve({ filter: /^next\/(link|navigation)$/ }, (args) => ({
      path: path.join(ISLANDS_SRC, args.path === 'next/link' ? 'link.tsx' : 'navigation.ts'),
    }))
  },
}

/** Writes the islands' bundle into `<distDir>/islands`; returns the manifest. */
export const buildIslands = async (distDir: string): Promise<IslandManifest> => {
  const outdir = path.resolve(ROOT, distDir, 'islands')
  rmSync(outdir, { recursive: true, force: true })
  mkdirSync(outdir, { recursive: true })
  const modules = Object.keys(ISLAND_MODULES) as IslandModule[]
  const result = await build({
    entryPoints: Object.fromEntries(modules.map((m) => [m, `island:${m}`])),
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: ['es2020', 'chrome87', 'safari14'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    outdir,
    metafile: true,
    legalComments: 'none',
    absWorkingDir: ROOT,
    logLevel: 'warning',
    // 'use client' means nothing to this bundle: every module in it runs in the browser.
    logOverride: { 'module-level-directive': 'silent' },
    plugins: [entries],
  })
  const url = (file: string) => ISLANDS_PREFIX + path.basename(file)
  const outputs = result.metafile.outputs
  /** Every chunk a file imports statically, directly or not. */
  const importsOf = (file: string, seen = new Set<string>()): Set<string> => {
    for (const i of outputs[file]?.imports ?? []) {
      if (i.kind !== 'import-statement' || seen.has(i.path)) continue
      seen.add(i.path)
      importsOf(i.path, seen)
    }
    return seen
  }
  const manifest = {} as IslandManifest
  for (const [file, out] of Object.entries(outputs)) {
    const entry = out.entryPoint?.replace(/^island:/, '') as IslandModule | undefined
    if (entry && entry in ISLAND_MODULES) manifest[entry] = { src: url(file), imports: [...importsOf(file)].map(url) }
    if (file.endsWith('.js'))
      writeFileSync(path.resolve(ROOT, `${file}.gz`), gzipSync(readFileSync(path.resolve(ROOT, file)), { level: 9 }))
  }
  writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify(manifest, null, 2))
  return manifest
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const distDir = process.argv[2] ?? process.env.NEXT_DIST_DIR ?? '.next'
  const manifest = await buildIslands(distDir)
  console.log(JSON.stringify(manifest, null, 2))
}
