import { randomBytes } from 'crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import * as frozen from '../../../src/migrations/snapshots/20261121_phone_crypto'
import * as live from '../../../src/privacy/crypto'

/**
 * Migration 20261121_124000_encrypt_phones encrypts with its own frozen copy of src/privacy/crypto.ts
 * (src/migrations/snapshots/20261121_phone_crypto.ts). What it writes must be what the live code
 * reads, and what it decrypts on the way down must be what the live code writes.
 */
const saved = { secret: process.env.PAYLOAD_SECRET, keys: process.env.PII_KEYS }
const restore = (name: 'PAYLOAD_SECRET' | 'PII_KEYS', value: string | undefined) => {
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
}

beforeEach(() => {
  process.env.PAYLOAD_SECRET = 'unit-test-secret-for-phone-crypto'
  delete process.env.PII_KEYS
})
afterEach(() => {
  restore('PAYLOAD_SECRET', saved.secret)
  restore('PII_KEYS', saved.keys)
})

const FORMAT = /^enc:v1:([A-Za-z0-9_-]{1,16}):[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/ // an empty value has an empty ciphertext
const phones = ['13800138000', '+86 138-0013-8000', '', '电话 010-12345678']

describe('the encrypt_phones migration’s frozen phone crypto', () => {
  it('writes enc:v1:<kid>:<iv>:<tag>:<ct> under the "dev" key derived from PAYLOAD_SECRET, which the live code decrypts', () => {
    for (const phone of phones) {
      const stored = frozen.encrypt(phone)
      expect(stored).toMatch(FORMAT)
      expect(stored.match(FORMAT)?.[1]).toBe('dev')
      expect(live.isEncrypted(stored)).toBe(true)
      expect(live.keyIdOf(stored)).toBe('dev')
      expect(live.decrypt(stored)).toBe(phone)
    }
  })

  it('decrypts what the live code writes, and both tell encrypted values the same way', () => {
    for (const phone of phones) {
      const stored = live.encrypt(phone)
      expect(frozen.isEncrypted(stored)).toBe(true)
      expect(frozen.decrypt(stored)).toBe(phone)
    }
    for (const value of ['13800138000', 'enc:v0:x', null, 42]) expect(frozen.isEncrypted(value)).toBe(live.isEncrypted(value))
    expect(frozen.decrypt('13800138000')).toBe('13800138000')
  })

  it('uses the first PII_KEYS key when set, and both sides read each other’s values under rotation', () => {
    const k1 = randomBytes(32).toString('base64')
    const k2 = randomBytes(32).toString('base64')
    process.env.PII_KEYS = `k1:${k1}`
    const oldFrozen = frozen.encrypt('13900139000')
    const oldLive = live.encrypt('13900139001')
    expect(live.keyIdOf(oldFrozen)).toBe('k1')
    process.env.PII_KEYS = `k2:${k2},k1:${k1}`
    const newFrozen = frozen.encrypt('13900139002')
    expect(live.keyIdOf(newFrozen)).toBe('k2')
    expect([oldFrozen, newFrozen].map(live.decrypt)).toEqual(['13900139000', '13900139002'])
    expect([oldLive, live.encrypt('13900139003')].map(frozen.decrypt)).toEqual(['13900139001', '13900139003'])
  })

  it('does not read a value whose key is gone, or that was altered', () => {
    const stored = frozen.encrypt('13800138000')
    process.env.PAYLOAD_SECRET = 'another-secret'
    expect(() => live.decrypt(stored)).toThrow()
    expect(() => frozen.decrypt(live.encrypt('x').replace(':dev:', ':nokey:'))).toThrow(/nokey/)
    const tampered = stored.slice(0, -2) + (stored.endsWith('AA') ? 'AB' : 'AA')
    process.env.PAYLOAD_SECRET = 'unit-test-secret-for-phone-crypto'
    expect(() => live.decrypt(tampered)).toThrow()
  })
})
