import { AsyncLocalStorage } from 'node:async_hooks'
import { headers } from 'next/headers'
import { cache } from 'react'

/**
 * What a member page reads of its request, the one way for both renderers: Next (its `headers()`
 * and React's per-request `cache`) and the app server's own (src/site/lean), which opens this store
 * around its render. React's `cache` memoizes only inside Server Components; outside them (the app
 * server renders with react-dom/server) the store's `memo` does it.
 */
export type SiteRequest = {
  headers: Headers
  /** Per request: each `perRequest` function's results by argument. */
  memo: Map<object, Map<string, Promise<unknown>>>
}

export const siteRequests = new AsyncLocalStorage<SiteRequest>()

/** The request's headers: the cookie the session is read from. */
export const requestHeaders = async (): Promise<Headers> => siteRequests.getStore()?.headers ?? (await headers())

/**
 * `fn` computed once per request and argument list (primitives only), so the layout, the page and
 * its metadata share one lookup.
 */
export const perRequest = <A extends Array<string | number | boolean | null | undefined>, R>(fn: (...args: A) => Promise<R>) => {
  const underNext = cache(fn)
  return (...args: A): Promise<R> => {
    const store = siteRequests.getStore()
    if (!store) return underNext(...args)
    let results = store.memo.get(fn)
    if (!results) store.memo.set(fn, (results = new Map()))
    const key = JSON.stringify(args)
    let result = results.get(key) as Promise<R> | undefined
    if (!result) results.set(key, (result = fn(...args)))
    return result
  }
}
