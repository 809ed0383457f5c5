import type { PageModule } from './render'

/**
 * The member pages the app server renders itself (src/site/lean/render.tsx), by path: the ones a
 * member visits most (`npm run load`: 首页, the catalogue, a course, a lesson, news, resources, quizzes).
 * Every other page, and any of these that asks for something this renderer does not do (notFound(),
 * a draft preview, an error), is Next's. A page listed here must render the same document both ways:
 * tests/e2e/lean-pages.spec.ts compares them.
 */
export const LEAN_PAGES: ReadonlyArray<{ path: string; page: () => Promise<PageModule> }> = [
  { path: '/', page: () => import('../../app/(site)/page') },
  { path: '/courses', page: () => import('../../app/(site)/courses/page') },
  { path: '/courses/:id', page: () => import('../../app/(site)/courses/[id]/page') },
  { path: '/lessons/:id', page: () => import('../../app/(site)/lessons/[id]/page') },
  { path: '/news', page: () => import('../../app/(site)/news/page') },
  { path: '/news/:id', page: () => import('../../app/(site)/news/[id]/page') },
  { path: '/resources', page: () => import('../../app/(site)/resources/page') },
  { path: '/resources/:id', page: () => import('../../app/(site)/resources/[id]/page') },
  { path: '/quizzes', page: () => import('../../app/(site)/quizzes/page') },
  { path: '/quizzes/:id', page: () => import('../../app/(site)/quizzes/[id]/page') },
]

export type LeanMatch = { page: () => Promise<PageModule>; params: Record<string, string> }

const compiled = LEAN_PAGES.map((p) => ({
  ...p,
  names: [...p.path.matchAll(/:(\w+)/g)].map((m) => m[1]),
  pattern: new RegExp(`^${p.path.replace(/:(\w+)/g, '([^/]+)')}/?$`),
}))

/** The lean page a path is, with its parameters, or null. */
export const leanPageOf = (pathname: string): LeanMatch | null => {
  for (const p of compiled) {
    const m = p.pattern.exec(pathname)
    if (!m) continue
    let params: Record<string, string>
    try {
      params = Object.fromEntries(p.names.map((name, i) => [name, decodeURIComponent(m[i + 1])]))
    } catch {
      return null
    }
    return { page: p.page, params }
  }
  return null
}
