import { islandModulesIn, type IslandModule } from './registry'

/** What `scripts/islands.ts` wrote: each module's entry script and the chunks it imports, as URLs. */
export type IslandManifest = Record<IslandModule, { src: string; imports: string[] }>

/** The URL prefix the app server serves the islands' bundle under. */
export const ISLANDS_PREFIX = '/_islands/'

const NEXT_SCRIPT = /<script\b[^>]*\bsrc="\/_next\/[^"]*"[^>]*>\s*<\/script>/gi
const NEXT_PRELOAD = /<link\b(?=[^>]*\bas="script")(?=[^>]*\bhref="\/_next\/)[^>]*\/?>/gi
const NEXT_MODULEPRELOAD = /<link\b(?=[^>]*\brel="modulepreload")(?=[^>]*\bhref="\/_next\/)[^>]*\/?>/gi
/** Next's inline React Server Components payload and Turbopack's bootstrap: only its client runtime reads them. */
const FLIGHT = /<script\b[^>]*>\s*\(?self\.__next_f\s*=[^<]*<\/script>|<script\b[^>]*>\s*self\.__next_f\.push\([\s\S]*?<\/script>/gi
const BOOTSTRAP = /<script\b[^>]*>\s*\(globalThis\["TURBOPACK"\][\s\S]*?<\/script>/gi
/**
 * The document Next sends when a page ends in `notFound()`, `forbidden()` or an error: an empty
 * shell whose content its client runtime renders from the payload (Next 16.4, checked on
 * /news/99999). Such a page keeps Next's runtime, or it would be blank.
 */
const ERROR_SHELL = /<html\b[^>]*\bid="__next_error__"/i

/**
 * A member page as the browser gets it (issue 18 §5): Next's client runtime and its Server
 * Components payload taken out, and the islands' scripts the page's islands need put in `<head>`,
 * each entry with its chunks preloaded. Stylesheets, React's own inline scripts (Suspense's
 * swaps) and everything else stay as Next wrote them. Next's error shells pass unchanged.
 */
export const leanPage = (html: string, manifest: IslandManifest): string => {
  if (ERROR_SHELL.test(html)) return html
  const lean = html
    .replace(FLIGHT, '')
    .replace(BOOTSTRAP, '')
    .replace(NEXT_SCRIPT, '')
    .replace(NEXT_PRELOAD, '')
    .replace(NEXT_MODULEPRELOAD, '')
  const modules = islandModulesIn(lean)
  if (!modules.length) return lean
  const preload = new Set<string>()
  const entries: string[] = []
  for (const m of modules) {
    const entry = manifest[m]
    if (!entry) continue
    entries.push(entry.src)
    for (const chunk of entry.imports) preload.add(chunk)
  }
  const tags =
    [...preload].map((href) => `<link rel="modulepreload" href="${href}">`).join('') +
    entries.map((src) => `<script type="module" src="${src}"></script>`).join('')
  return lean.replace('</head>', `${tags}</head>`)
}

/**
 * Whether a page still has a part React streams in later: a Suspense boundary sent pending
 * (`<!--$?-->`, filled by an inline swap script at the end of the stream). A soft refresh
 * (`mount.tsx`) cannot run that script, so it loads such a page in full.
 */
export const hasPendingBoundary = (html: string): boolean => html.includes('<!--$?-->')
