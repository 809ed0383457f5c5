/**
 * Which link targets content may carry: http(s), mailto, or a path on this site. Everything else
 * (`javascript:`, `data:`, `vbscript:`, `file:`, protocol-relative `//host`) is refused: when
 * content is saved (src/fields/richText.ts) and again when it is rendered (src/security/richText.tsx).
 */
const SAFE_SCHEME = /^(https?:\/\/|mailto:)/i
// A site path, fragment or query; not `//host` nor `/\host`, which browsers read as another host.
const RELATIVE = /^(\/(?![/\\])|#|\?)/

/** Browsers ignore control characters and spaces inside a scheme ("java\tscript:"), so do we. */
const normalise = (url: string) => url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '')

export const isSafeHref = (raw: unknown): boolean => {
  if (typeof raw !== 'string' || raw === '') return false
  const url = normalise(raw)
  return SAFE_SCHEME.test(url) || RELATIVE.test(url)
}

/** The URL itself when it is safe to put in an href or src, otherwise null. */
export const safeHref = (raw: unknown): string | null => (isSafeHref(raw) ? (raw as string).trim() : null)
