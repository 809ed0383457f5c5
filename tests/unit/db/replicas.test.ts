import { describe, expect, it } from 'vitest'

import { readReplicaUrls } from '../../../src/db/replicas'

describe('DATABASE_READ_URLS (src/db/replicas.ts)', () => {
  it('is a comma-separated list; empty means no replicas', () => {
    expect(readReplicaUrls(undefined)).toBeUndefined()
    expect(readReplicaUrls(' , ')).toBeUndefined()
    expect(readReplicaUrls('postgres://a@r1:5432/party, postgresql://a@r2/party')).toEqual([
      'postgres://a@r1:5432/party',
      'postgresql://a@r2/party',
    ])
  })
  it('refuses something that is not a PostgreSQL address, without printing its password', () => {
    expect(() => readReplicaUrls('postgres://a@r1/p,mysql://u:secret@r2/p')).toThrow(/DATABASE_READ_URLS/)
    expect(() => readReplicaUrls('http://u:secret@r2/p')).not.toThrow(/secret/)
  })
})
