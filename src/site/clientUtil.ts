/** Helpers shared by the site's client components (no server imports here). */

/** A v4 UUID; `crypto.randomUUID` exists only on HTTPS or localhost, so fall back to getRandomValues. */
export const uuid = (): string => {
  const c = globalThis.crypto
  if (c && typeof c.randomUUID === 'function') return c.randomUUID()
  const b = new Uint8Array(16)
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b)
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** The first error message of a Payload-style `{ errors: [{ message }] }` body, if any. */
export const errorMessage = (body: unknown): string | null => {
  const errors = (body as { errors?: Array<{ message?: unknown }> } | null)?.errors
  const m = Array.isArray(errors) ? errors[0]?.message : (body as { message?: unknown } | null)?.message
  return typeof m === 'string' && m.trim() ? m : null
}

/** What to tell the person: a field's message when Payload refused a field (ValidationError), else the first error's, else the fallback. */
export const messageOf = (body: unknown, fallback: string): string => {
  const errors = (body as { errors?: Array<{ message?: string; data?: { errors?: Array<{ message?: string }> } }> } | null)?.errors
  return errors?.[0]?.data?.errors?.[0]?.message || errors?.[0]?.message || fallback
}

/** POST JSON with the session cookie; resolves to the parsed body and status (never throws on 4xx). */
export const postJSON = async <T>(
  url: string,
  data: unknown,
  init: { keepalive?: boolean; headers?: Record<string, string> } = {},
): Promise<{ ok: boolean; status: number; body: T | null }> => {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh', ...init.headers },
    body: JSON.stringify(data),
    keepalive: init.keepalive,
  })
  const body = (await res.json().catch(() => null)) as T | null
  return { ok: res.ok, status: res.status, body }
}

/**
 * POST with an `Idempotency-Key`, retried a few times (with the same key) when the network fails or
 * the server is briefly unavailable (502/503/504): the server answers a repeat with the same result,
 * so a lost answer never starts or submits twice. Throws when the network stays down.
 */
export const postIdempotent = async <T>(url: string, data: unknown, key: string, tries = 3) => {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await postJSON<T>(url, data, { headers: { 'Idempotency-Key': key } })
      if (![502, 503, 504].includes(res.status) || attempt >= tries) return res
    } catch (error) {
      if (attempt >= tries) throw error
    }
    await new Promise((r) => setTimeout(r, 1000 * attempt))
  }
}

/** 3:05 */
export const clock = (seconds: number): string => {
  const s = Math.max(0, Math.floor(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const r = String(s % 60).padStart(2, '0')
  return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`
}
