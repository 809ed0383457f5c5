import { describe, expect, it } from 'vitest'

import { rateLimitStore } from '../../../src/auth/rateLimit'

describe('RATE_LIMIT_STORE (src/auth/rateLimit.ts)', () => {
  it('is memory unless set to postgres', () => {
    expect(rateLimitStore(undefined)).toBe('memory')
    expect(rateLimitStore('')).toBe('memory')
    expect(rateLimitStore(' Memory ')).toBe('memory')
    expect(rateLimitStore('postgres')).toBe('postgres')
    expect(rateLimitStore('POSTGRES')).toBe('postgres')
  })
  it('refuses anything else at start instead of quietly counting per instance', () => {
    expect(() => rateLimitStore('postgresql')).toThrow(/RATE_LIMIT_STORE 只能是 memory 或 postgres/)
    expect(() => rateLimitStore('redis')).toThrow()
  })
})
