import { readdirSync, readFileSync, statSync } from 'fs'
import path from 'path'
import { describe, expect, it } from 'vitest'

import React, { Suspense, use } from 'react'
import { renderToReadableStream } from 'react-dom/server'

import { hasPendingBoundary, leanPage, type IslandManifest } from '../../../src/site/islands/html'
import { notPlain } from '../../../src/site/islands/plain'
import { ISLAND_MODULES, islandModulesIn, islandName } from '../../../src/site/islands/registry'

const ROOT = path.resolve(__dirname, '../../..')

const manifest = {
  SiteChrome: { src: '/_islands/SiteChrome-A.js', imports: ['/_islands/chunk-react.js'] },
  QuizTaker: { src: '/_islands/QuizTaker-B.js', imports: ['/_islands/chunk-react.js', '/_islands/chunk-util.js'] },
} as unknown as IslandManifest

// Shaped like Next 16's member page (abridged from a real one).
const page = (body: string) =>
  '<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/>' +
  '<link rel="stylesheet" href="/_next/static/chunks/site.css" data-precedence="next"/>' +
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/webpack-1.js"/>' +
  '<script src="/_next/static/chunks/main-app.js" async=""></script>' +
  '<script src="/_next/static/chunks/polyfills.js" noModule=""></script>' +
  '<title>首页</title></head><body>' +
  body +
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script>' +
  '<script>self.__next_f.push([1,"0:{\\"P\\":null}\\n<\\/script>"])</script>' +
  '<script>$RC("B:0","S:0")</script>' +
  '<script nonce="n" id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/a.js"]});</script>' +
  '</body></html>'

const islandTag = (name: string, props: object, inner: string) =>
  `<party-island data-name="${name}" data-props="${JSON.stringify(props).replace(/"/g, '&quot;')}">${inner}</party-island>`

describe('leanPage: a member page without Next’s client runtime (issue 18 §5)', () => {
  it('takes out Next’s scripts, preloads and Server Components payload; keeps styles and React’s own inline scripts', () => {
    const out = leanPage(page('<main>正文</main>'), manifest)
    expect(out).not.toContain('/_next/static/chunks/main-app.js')
    expect(out).not.toContain('webpack-1.js')
    expect(out).not.toContain('polyfills.js')
    expect(out).not.toContain('__next_f')
    expect(out).not.toContain('TURBOPACK')
    expect(out).toContain('<link rel="stylesheet" href="/_next/static/chunks/site.css"')
    expect(out).toContain('<script>$RC("B:0","S:0")</script>')
    expect(out).toContain('<main>正文</main>')
    // No islands: no script at all.
    expect(out).not.toContain('/_islands/')
  })

  it('adds each present module’s entry once (registry order), and its chunks as module preloads, in <head>', () => {
    const body =
      islandTag('SiteChrome.NavLinks', { showBranch: false }, '<nav></nav>') +
      islandTag('SiteChrome.LogoutButton', {}, '<button>退出</button>') +
      islandTag('QuizTaker.QuizTaker', { quizId: 3 }, '<form></form>')
    const out = leanPage(page(body), manifest)
    const head = out.slice(0, out.indexOf('</head>'))
    expect(head.match(/<script type="module" src="([^"]+)"><\/script>/g)).toEqual([
      '<script type="module" src="/_islands/QuizTaker-B.js"></script>',
      '<script type="module" src="/_islands/SiteChrome-A.js"></script>',
    ])
    expect(head.match(/modulepreload" href="([^"]+)"/g)).toEqual([
      'modulepreload" href="/_islands/chunk-react.js"',
      'modulepreload" href="/_islands/chunk-util.js"',
    ])
    expect(out.slice(out.indexOf('</head>'))).toContain(islandTag('QuizTaker.QuizTaker', { quizId: 3 }, '<form></form>'))
  })

  it('leaves Next’s error shell (notFound(), forbidden(), an error) as it is: its runtime renders that page', () => {
    // Abridged from Next 16.4's answer for /news/99999 (404).
    const shell =
      '<!DOCTYPE html><html id="__next_error__"><head><meta name="robots" content="noindex"/></head><body><div hidden=""></div>' +
      '<script src="/_next/static/chunks/main-app.js" async=""></script>' +
      '<script>self.__next_f.push([1,"0:{}"])</script></body></html>'
    expect(leanPage(shell, manifest)).toBe(shell)
  })

  it('finds the modules of a page’s islands in registry order', () => {
    const html = islandTag('QuizTaker.QuizTaker', {}, '') + islandTag('SiteChrome.MeNav', {}, '')
    expect(islandModulesIn(html)).toEqual(['QuizTaker', 'SiteChrome'])
    expect(islandModulesIn('<p>data-name="QuizTaker.QuizTaker"</p>')).toEqual([])
  })
})

describe('hasPendingBoundary: a page a soft refresh must load in full', () => {
  // React's own server output, not a hand-written sample: the marker is what React 19 writes.
  const render = async (late: boolean) => {
    const data = new Promise<string>((resolve) => setTimeout(() => resolve('相关内容'), 20))
    // Late: the part waits for its data inside the boundary. Whole: the data was there before rendering.
    const text = late ? null : await data
    const Related = () => React.createElement('p', null, text ?? use(data))
    const h = React.createElement
    const stream = await renderToReadableStream(
      h('main', null, h('h1', null, '党建动态'), h(Suspense, { fallback: h('p', null, '加载中') }, h(Related))),
    )
    // Read as it streams, as Next sends a page: the shell goes out before the late part is ready.
    return new Response(stream).text()
  }

  it('is true when a Suspense part was sent pending and swapped in by a script, false when the page came whole', async () => {
    const streamed = await render(true)
    expect(streamed).toContain('相关内容')
    expect(hasPendingBoundary(streamed)).toBe(true)
    const whole = await render(false)
    expect(whole).toContain('相关内容')
    expect(hasPendingBoundary(whole)).toBe(false)
  })
})

describe('notPlain: island props must survive JSON', () => {
  it('accepts JSON data and names the first value that is not', () => {
    expect(notPlain({ a: 1, b: 'x', c: [true, null, { d: undefined }] })).toBeNull()
    expect(notPlain({ when: new Date(0) })).toBe('props.when')
    expect(notPlain({ list: [1, () => 2] })).toBe('props.list[1]')
    expect(notPlain({ n: Number.NaN })).toBe('props.n')
    expect(notPlain({ m: new Map() })).toBe('props.m')
    expect(notPlain({ children: { $$typeof: Symbol.for('react.transitional.element') } })).toBe('props.children.$$typeof')
  })
})

/** The files under `dir`, recursively. */
const walk = (dir: string, out: string[] = []) => {
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f)
    if (statSync(p).isDirectory()) walk(p, out)
    else if (/\.tsx?$/.test(f)) out.push(p)
  }
  return out
}
const isClient = (file: string) => /^\s*['"]use client['"]/.test(readFileSync(file, 'utf8'))
const resolveImport = (from: string, spec: string) => {
  const base = path.resolve(path.dirname(from), spec)
  for (const f of [`${base}.tsx`, `${base}.ts`, path.join(base, 'index.tsx'), path.join(base, 'index.ts')]) {
    try {
      if (statSync(f).isFile()) return f
    } catch {
      // not this one
    }
  }
  return null
}

describe('every client component the member site renders is an island', () => {
  const siteFiles = [
    ...walk(path.join(ROOT, 'src/app/(site)')),
    ...walk(path.join(ROOT, 'src')).filter((f) => /\/site\//.test(f) && !f.includes('/app/')),
  ]
  const serverFiles = siteFiles.filter((f) => !isClient(f))
  const INDEX = path.join(ROOT, 'src/site/islands/index.tsx')

  it('server components import client components only through src/site/islands', () => {
    const offenders: string[] = []
    for (const file of serverFiles) {
      if (file === INDEX) continue
      for (const m of readFileSync(file, 'utf8').matchAll(/^import\s[^'"]*from\s+'(\.[^']+)'/gm)) {
        const target = resolveImport(file, m[1])
        if (target && isClient(target)) offenders.push(`${path.relative(ROOT, file)} → ${m[1]}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it('the server side wraps exactly the registry’s islands, and each module’s exports exist', () => {
    const index = readFileSync(INDEX, 'utf8')
    const wrapped = [...index.matchAll(/island\('([A-Za-z]+)', '([A-Za-z]+)'/g)].map((m) => islandName(m[1], m[2])).sort()
    const listed = Object.entries(ISLAND_MODULES)
      .flatMap(([module, { exports }]) => exports.map((e) => islandName(module, e)))
      .sort()
    expect(wrapped).toEqual(listed)
    for (const { path: file, exports } of Object.values(ISLAND_MODULES)) {
      const target = resolveImport(path.join(ROOT, 'x'), `./${file}`)
      expect(target, file).not.toBeNull()
      const source = readFileSync(target!, 'utf8')
      for (const e of exports)
        expect(source, `${file} exports ${e}`).toMatch(new RegExp(`export (const|function) ${e}\\b|export \\{ ${e} \\}`))
    }
  })
})

describe('island(): what the server writes', () => {
  it('wraps the component with its JSON props, and server children in a slot', async () => {
    const { renderToStaticMarkup } = await import('react-dom/server')
    const React = await import('react')
    const { island } = await import('../../../src/site/islands/server')
    const Tracker = ({ id, children }: { id: number; children?: React.ReactNode }) =>
      React.createElement('div', { className: 'study', 'data-id': id }, children)
    const Wrapped = island('StudyTracker', 'StudyTracker', Tracker)
    const html = renderToStaticMarkup(React.createElement(Wrapped, { id: 7 }, React.createElement('p', null, '讲稿')))
    expect(html).toBe(
      '<party-island data-name="StudyTracker.StudyTracker" data-props="{&quot;id&quot;:7}"><div class="study" data-id="7"><party-slot><p>讲稿</p></party-slot></div></party-island>',
    )
    const Dated = island('PrintButton', 'PrintButton', ({ at }: { at: Date }) => React.createElement('span', null, String(at)))
    expect(() => renderToStaticMarkup(React.createElement(Dated, { at: new Date(0) }))).toThrow(/PrintButton\.PrintButton 的属性 props\.at/)
  })
})
