/**
 * Where to go after signing in: only a path on this site. The value is parsed as a URL against a
 * placeholder origin, as a browser would resolve it (tabs and line breaks removed, `\` read as `/`,
 * `//host` and `/\t/host` naming another host), and accepted only when it stays on that origin;
 * the answer is the parsed path, query and fragment, percent-encoded, so a line break or non-ASCII
 * character can never reach a `Location` header raw. Anything else, and the sign-in page itself
 * (a loop) or the API, gives '/'. Used by the server (the login page, `requireUser`) and by the
 * login form in the browser.
 */
const BASE = 'http://site.invalid'

export const safeNextPath = (value: unknown): string => {
  const next = Array.isArray(value) ? value[0] : value
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2048) return '/'
  let url: URL
  try {
    url = new URL(next, BASE)
  } catch {
    return '/'
  }
  if (url.origin !== BASE || url.username || url.password) return '/'
  const path = `${url.pathname}${url.search}${url.hash}`
  // Never back to the sign-in page itself (a loop), nor into Payload's API.
  // An encoded tab, line break, slash or backslash right after the first slash means something else
  // once decoded a second time (Payload's own getSafeRedirect refuses the same).
  if (/^\/%(?:25)*(?:09|0a|0d|2f|5c)/i.test(path)) return '/'
  if (
    !path.startsWith('/') ||
    path.startsWith('//') ||
    url.pathname === '/login' ||
    url.pathname.startsWith('/login/') ||
    url.pathname.startsWith('/api/') ||
    url.pathname === '/api'
  )
    return '/'
  return path
}
