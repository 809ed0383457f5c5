import type { IncomingMessage, ServerResponse } from 'http'

import { leanPageOf, type LeanMatch } from './pages'
import { renderLean } from './render'

/** Next's draft-mode cookie: a preview is Next's to render (src/site/preview.ts reads draftMode()). */
const DRAFT_COOKIE = /(?:^|;\s*)__prerender_bypass=/
/** Test servers only (TEST_CLOCK=1): this header asks for Next's rendering, to compare (tests/e2e/lean-pages.spec.ts). */
export const RENDER_WITH_NEXT_HEADER = 'x-render-with-next'
const STYLESHEET = /<link rel="stylesheet" href="(\/_next\/static\/[^"]+\.css)"/g

/**
 * The app server's half of the lean pages (scripts/server.ts): which requests it renders itself,
 * and the stylesheets it links, learnt from the first of these pages Next renders (the warm-up's
 * 首页), as Next names its built files. Until then, or with LEAN_PAGES=off, Next renders them all.
 */
export const leanPagesFor = (send: (req: IncomingMessage, res: ServerResponse, status: number, html: string) => void) => {
  let styles: string[] | null = null
  const off = process.env.LEAN_PAGES === 'off'

  /** Called with each member page Next rendered: the first of the lean pages gives the stylesheets. */
  const learn = (pathname: string, status: number, html: string) => {
    if (styles || status !== 200 || !leanPageOf(pathname)) return
    const found = [...html.matchAll(STYLESHEET)].map((m) => m[1])
    if (found.length) styles = found
  }

  /** The lean page this request is, or null when Next should render it. */
  const match = (req: IncomingMessage, pathname: string): LeanMatch | null => {
    if (off || !styles || req.method !== 'GET') return null
    if (DRAFT_COOKIE.test(String(req.headers.cookie ?? ''))) return null
    if (process.env.TEST_CLOCK === '1' && req.headers[RENDER_WITH_NEXT_HEADER]) return null
    return leanPageOf(pathname)
  }

  /** Renders the page, or calls `toNext` when the page asks for what only Next does (notFound(), an error). */
  const serve = (req: IncomingMessage, res: ServerResponse, lean: LeanMatch, toNext: () => void) => {
    void (async () => {
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
      }
      const started = performance.now()
      const result = await renderLean(
        await lean.page(),
        { url: new URL(req.url ?? '/', 'http://app'), params: lean.params, headers },
        styles ?? [],
      )
      if (result.kind === 'page') {
        // How long the render took, for the operator's browser tools (and how tests tell it from Next's).
        res.setHeader('Server-Timing', `lean;dur=${(performance.now() - started).toFixed(1)}`)
        // As Next announces a page's stylesheets, so the browser fetches them before reading the head.
        if (styles?.length) res.setHeader('Link', styles.map((href) => `<${href}>; rel=preload; as="style"`).join(', '))
        return send(req, res, 200, result.html)
      }
      if (result.kind === 'redirect') {
        res.writeHead(result.status, { Location: result.location, 'Cache-Control': 'no-store' })
        return res.end()
      }
      // notFound() is expected; anything else is worth a line in the log (Next then renders or reports it).
      if (!result.why.startsWith('NEXT_HTTP_ERROR_FALLBACK')) console.warn(`页面 ${req.url} 改由 Next 渲染：${result.why}`)
      toNext()
    })().catch((error: unknown) => {
      console.error(error)
      if (!res.headersSent) toNext()
    })
  }

  return { learn, match, serve }
}
