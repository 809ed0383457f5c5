import { navigate, refresh } from './mount'

/**
 * `next/navigation` in the islands' bundle (src/site/islands/registry.ts): without Next's client
 * router a page is an ordinary document, so `push` loads another and `refresh` puts the page's new
 * HTML in place around the islands (src/site/islands/mount.tsx).
 */
const router = {
  push: (href: string) => navigate(href),
  replace: (href: string) => navigate(href, true),
  refresh: () => void refresh(),
  back: () => window.history.back(),
  forward: () => window.history.forward(),
  prefetch: () => undefined,
}

export const useRouter = () => router
export const usePathname = () => window.location.pathname
export const useSearchParams = () => new URLSearchParams(window.location.search)
