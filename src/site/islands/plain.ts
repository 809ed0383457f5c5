/**
 * Whether a value survives `JSON.stringify` unchanged: an island's props travel in its HTML as JSON,
 * so a Date, a function, a React element or a Map would arrive as something else (or not at all).
 * Returns the path of the first value that does not, or null.
 */
export const notPlain = (value: unknown, at = 'props'): string | null => {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null
    case 'number':
      return Number.isFinite(value) ? null : at
    case 'object': {
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const bad = notPlain(value[i], `${at}[${i}]`)
          if (bad) return bad
        }
        return null
      }
      const proto = Object.getPrototypeOf(value) as unknown
      if (proto !== Object.prototype && proto !== null) return at
      for (const [k, v] of Object.entries(value)) {
        const bad = notPlain(v, `${at}.${k}`)
        if (bad) return bad
      }
      return null
    }
    default:
      return at
  }
}
