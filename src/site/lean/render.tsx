import type { Metadata, Viewport } from 'next'
import { isRedirectError } from 'next/dist/client/components/redirect-error'
import type { AppRouterContext as AppRouterContextType } from 'next/dist/shared/lib/app-router-context.shared-runtime'
import type * as HooksContexts from 'next/dist/shared/lib/hooks-client-context.shared-runtime'
import { createRequire } from 'node:module'
import React, { use } from 'react'
import { renderToPipeableStream, renderToStaticMarkup } from 'react-dom/server'
import { Writable } from 'node:stream'

import { siteRequests } from '../request'
import { SiteShell, siteMetadata, siteViewport } from '../SiteShell'

type SearchParams = Record<string, string | string[]>
/** The lean pages' dynamic segments are all `[id]` (src/site/lean/pages.ts). */
type PageProps = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }
/** What a page module under src/app/(site) exports that this renderer reads. */
export type PageModule = {
  default: (props: PageProps) => React.ReactNode | Promise<React.ReactNode>
  metadata?: Metadata
  generateMetadata?: (props: PageProps) => Promise<Metadata>
}

/** A page rendered here, a redirect it asked for, or `next`: hand the request to Next (notFound(), an error). */
export type LeanResult =
  { kind: 'page'; html: string } | { kind: 'redirect'; status: number; location: string } | { kind: 'next'; why: string }

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The page's title as Next composes it: the page's own in the layout's template, or the layout's default. */
export const titleOf = (page: Metadata | undefined, layout: Metadata = siteMetadata): string => {
  const t = layout.title as { default: string; template: string }
  const own = page?.title
  if (typeof own === 'string') return t.template.replace('%s', own)
  if (own && typeof own === 'object' && 'absolute' in own && own.absolute) return own.absolute
  return t.default
}

/**
 * The `<head>` Next writes for a member page (compared with Next 16.4's by tests/e2e/lean-pages.spec.ts):
 * charset and viewport first, then what React hoisted (an image preload), then the stylesheets, theme
 * colour, title, description and icon. Only the metadata the site uses is supported: anything else
 * makes a page unfit for this renderer (`unsupportedMetadata`).
 */
export const headFor = (page: Metadata | undefined, styles: readonly string[], viewport: Viewport = siteViewport) => {
  const icons = (siteMetadata.icons ?? []) as Array<{ rel: string; url: string; type?: string }>
  const description = (typeof page?.description === 'string' ? page.description : siteMetadata.description) ?? ''
  return {
    first: '<meta charSet="utf-8"/>' + `<meta name="viewport" content="width=${viewport.width}, initial-scale=${viewport.initialScale}"/>`,
    last:
      styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}" data-precedence="next"/>`).join('') +
      `<meta name="theme-color" content="${escapeHtml(String(viewport.themeColor))}"/>` +
      renderToStaticMarkup(<title>{titleOf(page)}</title>) +
      `<meta name="description" content="${escapeHtml(description)}"/>` +
      icons
        .map((i) => `<link rel="${escapeHtml(i.rel)}" href="${escapeHtml(i.url)}"${i.type ? ` type="${escapeHtml(i.type)}"` : ''}/>`)
        .join(''),
  }
}

/** Metadata keys this renderer writes; a page with others is left to Next. */
const SUPPORTED_METADATA = new Set(['title', 'description'])
export const unsupportedMetadata = (meta: Metadata | undefined): string | null =>
  Object.keys(meta ?? {}).find((k) => !SUPPORTED_METADATA.has(k)) ?? null

// Required, not imported: Next's require hook (next/dist/server/require-hook.js) hands CommonJS
// requires of `*.shared-runtime` its vendored contexts, and `next/navigation`'s hooks read those;
// an ES import would get other objects, and useRouter() would find no router.
const requireNext = createRequire(import.meta.url)
const { AppRouterContext } = requireNext('next/dist/shared/lib/app-router-context.shared-runtime') as {
  AppRouterContext: typeof AppRouterContextType
}
const { PathnameContext, SearchParamsContext } = requireNext(
  'next/dist/shared/lib/hooks-client-context.shared-runtime',
) as typeof HooksContexts

/** Next's router as a server render sees it: islands read it only in the browser, where it is src/site/islands/navigation.ts. */
const serverRouter = {
  push: () => undefined,
  replace: () => undefined,
  refresh: () => undefined,
  back: () => undefined,
  forward: () => undefined,
  prefetch: () => undefined,
  hmrRefresh: () => undefined,
}

/**
 * How long parts React would stream after the page (相关内容, src/site/RelatedContent.tsx) may hold
 * it back: then they are left out, as when search is down. Counted from the page's shell, so a busy
 * server is not cut short; the part is a search query of a few milliseconds.
 */
const LATE_PARTS_MS = 1000

/** Renders everything, waiting for every async part, into one string; rejects with the first error. */
const renderAll = (element: React.ReactElement): Promise<string> =>
  new Promise((resolve, reject) => {
    let failed: unknown = null
    let late: NodeJS.Timeout | undefined
    let cut = false
    const chunks: Buffer[] = []
    const stream = renderToPipeableStream(element, {
      onShellError: reject,
      onError: (error) => {
        if (!cut) failed ??= error
      },
      onShellReady: () => {
        late = setTimeout(() => {
          cut = true
          stream.abort()
        }, LATE_PARTS_MS)
      },
      onAllReady: () => {
        clearTimeout(late)
        if (failed) return reject(failed)
        stream.pipe(
          new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk)
              done()
            },
            final(done) {
              resolve(Buffer.concat(chunks).toString('utf8'))
              done()
            },
          }),
        )
      },
    })
  })

/** A page started before the render: its element once its reads are in. */
function Content({ of }: { of: Promise<React.ReactNode> }) {
  return use(of)
}

const digestOf = (error: unknown) => String((error as { digest?: unknown } | null)?.digest ?? '')

/**
 * A member page rendered with react-dom/server straight from its Server Components (src/app/(site)),
 * inside the site's shell, without Next: Next renders a page twice (the React Server Components
 * payload, then HTML from it) and the app server then strips the payload again (src/site/islands).
 * The request's headers reach the page through src/site/request.ts. `styles` are the stylesheets
 * Next links for the site's layout (learnt from a page Next rendered: src/site/lean/node.ts).
 */
export const renderLean = async (
  page: PageModule,
  request: { url: URL; params: Record<string, string>; headers: Headers },
  styles: readonly string[],
): Promise<LeanResult> => {
  const searchParams: SearchParams = {}
  for (const [k, v] of request.url.searchParams) {
    const had = searchParams[k]
    searchParams[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v]
  }
  // A page without segments ('/') gets {} and never reads it.
  const props: PageProps = { params: Promise.resolve(request.params as { id: string }), searchParams: Promise.resolve(searchParams) }
  return siteRequests.run({ headers: request.headers, memo: new Map() }, async () => {
    try {
      // The page, its metadata and the shell read at once, as Next renders a layout beside its page:
      // each step a page waits for is another turn in a busy server's queue.
      const content = Promise.resolve().then(() => page.default(props))
      const metaRead = page.generateMetadata ? page.generateMetadata(props) : Promise.resolve(page.metadata)
      // Observed here; a failure reaches the render (or the catch below) through `use` and `await`.
      content.catch(() => undefined)
      metaRead.catch(() => undefined)
      const meta = await metaRead
      const unsupported = unsupportedMetadata(meta)
      if (unsupported) return { kind: 'next', why: `metadata.${unsupported}` }
      const body = await renderAll(
        <AppRouterContext.Provider value={serverRouter as unknown as React.ContextType<typeof AppRouterContext>}>
          <PathnameContext.Provider value={request.url.pathname}>
            <SearchParamsContext.Provider value={request.url.searchParams}>
              <SiteShell>
                <Content of={content} />
              </SiteShell>
            </SearchParamsContext.Provider>
          </PathnameContext.Provider>
        </AppRouterContext.Provider>,
      )
      const open = body.indexOf('<head>')
      const close = body.indexOf('</head>')
      if (open < 0 || close < open) return { kind: 'next', why: 'no <head>' }
      const head = headFor(meta, styles)
      const html = body.slice(0, open + 6) + head.first + body.slice(open + 6, close) + head.last + body.slice(close)
      return { kind: 'page', html: html.startsWith('<!DOCTYPE') ? html : `<!DOCTYPE html>${html}` }
    } catch (error) {
      if (isRedirectError(error)) {
        // `NEXT_REDIRECT;<type>;<url>;<status>;` (next/dist/client/components/redirect.js, whose
        // module needs Next's request storage loaded first).
        const parts = error.digest.split(';')
        return { kind: 'redirect', status: Number(parts.at(-2)), location: parts.slice(2, -2).join(';') }
      }
      return { kind: 'next', why: digestOf(error) || (error as Error)?.message || String(error) }
    }
  })
}
