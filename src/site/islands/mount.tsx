import React from 'react'
import { hydrateRoot, type Root } from 'react-dom/client'
import { hasPendingBoundary } from './html'

type Mounted = { root: Root; Component: React.ComponentType<object> }

/** Each hydrated island's root, so a refresh can give it new props and keep its state. */
const mounted = new Map<HTMLElement, Mounted>()
/** The components each loaded module offers, by island name. */
const components = new Map<string, React.ComponentType<object>>()

/** The island's own slot, not one of an island inside it. */
const slotOf = (el: Element) => [...el.querySelectorAll('party-slot')].find((s) => s.closest('party-island') === el)

/**
 * The props the server wrote, and its server-rendered children as they are: React keeps HTML given
 * through dangerouslySetInnerHTML when hydrating, and sets it again only when it changes.
 */
const propsOf = (el: HTMLElement, from: Element = el) => {
  const props = JSON.parse(el.dataset.props ?? '{}') as Record<string, unknown>
  const slot = slotOf(from)
  if (slot) props.children = <party-slot dangerouslySetInnerHTML={{ __html: slot.innerHTML }} />
  return props
}

const hydrateAll = () => {
  for (const el of document.querySelectorAll<HTMLElement>('party-island[data-name]')) {
    const Component = components.get(el.dataset.name ?? '')
    if (!Component || mounted.has(el)) continue
    const root = hydrateRoot(el, <Component {...propsOf(el)} />, {
      // A mismatch is repaired by rendering the island afresh; say so in the console only.
      onRecoverableError: (error) => console.warn(`岛 ${el.dataset.name}：`, error),
    })
    mounted.set(el, { root, Component })
  }
}

/**
 * The browser half of an island (src/site/islands/server.tsx): hydrate each
 * `<party-island data-name="<module>.<export>">` of this module with the props the server wrote.
 * A module script runs after the HTML is parsed, so every island of the page is there.
 */
export const mount = (module: string, exports: Record<string, unknown>) => {
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value === 'function' || (typeof value === 'object' && value !== null)) {
      components.set(`${module}.${name}`, value as React.ComponentType<object>)
    }
  }
  hydrateAll()
}

let leaving = false

/** A full navigation; a `refresh` after it (as after Next's `router.push`) does nothing. */
export const navigate = (href: string, replace = false) => {
  leaving = true
  if (replace) window.location.replace(href)
  else window.location.assign(href)
}

/**
 * Next's `router.refresh()` without Next's router: the page's HTML is fetched again and put in
 * place, while each island keeps its element, its state and what it shows (a quiz's result, a
 * form's 已提交) and gets the new props the server wrote for it, as a refreshed client component
 * does. Islands new to the page are hydrated; their module scripts are loaded if missing. Anything
 * unexpected (signed out, moved, an error page) loads the page in full instead.
 */
export const refresh = async () => {
  if (leaving) return
  const here = window.location.href
  const res = await fetch(here, { credentials: 'include', headers: { Accept: 'text/html' } }).catch(() => null)
  if (!res || !res.ok || new URL(res.url).pathname !== window.location.pathname) {
    window.location.reload()
    return
  }
  const html = await res.text()
  // A part streamed in later (a pending Suspense boundary, `<!--$?-->`) is revealed by React's inline
  // swap script, which a parsed document never runs: such a page is loaded in full instead.
  if (hasPendingBoundary(html)) {
    if (!leaving && window.location.href === here) window.location.reload()
    return
  }
  const next = new DOMParser().parseFromString(html, 'text/html')
  if (leaving || window.location.href !== here) return
  const body = document.importNode(next.body, true)
  // Islands pair up first by name and the same props (a list's item keeps its own island when another
  // leaves the list: an approved plan's 已批准 must not pass to the next plan), then by name in page
  // order (a quiz keeps its result while its props change).
  const unpaired = [...mounted.keys()]
  const islands = [...body.querySelectorAll<HTMLElement>('party-island[data-name]')]
  const pairs = new Map<HTMLElement, HTMLElement>()
  for (const same of [true, false]) {
    for (const f of islands) {
      if (pairs.has(f)) continue
      const at = unpaired.findIndex((el) => el.dataset.name === f.dataset.name && (!same || el.dataset.props === f.dataset.props))
      if (at >= 0) pairs.set(f, unpaired.splice(at, 1)[0])
    }
  }
  const kept = new Set<HTMLElement>()
  for (const fresh of islands) {
    const el = pairs.get(fresh)
    if (!el) continue
    const m = mounted.get(el)!
    fresh.replaceWith(el)
    kept.add(el)
    const html = slotOf(fresh)?.innerHTML
    if (el.dataset.props !== fresh.dataset.props || html !== slotOf(el)?.innerHTML) {
      el.dataset.props = fresh.dataset.props ?? '{}'
      m.root.render(<m.Component {...propsOf(el, fresh)} />)
    }
  }
  for (const [el, m] of mounted) {
    if (kept.has(el)) continue
    m.root.unmount()
    mounted.delete(el)
  }
  const loaded = new Set([...document.querySelectorAll<HTMLScriptElement>('script[type=module][src]')].map((s) => s.src))
  const scrollY = window.scrollY
  document.body.replaceWith(body)
  document.title = next.title
  window.scrollTo(0, scrollY)
  // Scripts parsed by DOMParser never run: load the island modules this page lacks.
  for (const s of next.querySelectorAll<HTMLScriptElement>('script[type=module][src]')) {
    const src = new URL(s.getAttribute('src') ?? '', here).href
    if (loaded.has(src)) continue
    const script = document.createElement('script')
    script.type = 'module'
    script.src = src
    document.head.appendChild(script)
  }
  hydrateAll()
}
