import { chmodSync, mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import pg from 'pg'
import getPort from 'get-port'
import { afterAll, describe, expect, it } from 'vitest'

import { ServiceStartError } from '../../../src/services'
import { startEmbeddedPostgres } from '../../../src/services/embeddedPostgres'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'party-pg-'))
  chmodSync(dir, 0o755)
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const query = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

describe('embedded Meilisearch', () => {
  it('is a real Meilisearch that enforces its master key', async () => {
    const host = process.env.MEILI_HOST!
    expect((await fetch(`${host}/health`)).ok).toBe(true)
    expect((await fetch(`${host}/indexes`)).status).toBe(401)
    const ok = await fetch(`${host}/version`, { headers: { Authorization: `Bearer ${process.env.MEILI_MASTER_KEY}` } })
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as { pkgVersion: string }).pkgVersion).toMatch(/^1\./)
  })
})

describe('embedded PostgreSQL', () => {
  it('refuses a second server on a data directory in use, then recovers committed data after a crash', async () => {
    const dataDir = path.join(tempDir(), 'postgres')
    const options = { dataDir, password: 'secret-pw', database: 'crashy', persistent: true }
    const first = await startEmbeddedPostgres({ ...options, port: await getPort() })
    await query(first.url, 'CREATE TABLE notes (body text); INSERT INTO notes VALUES ($$三会一课$$)')

    await expect(startEmbeddedPostgres({ ...options, port: await getPort() })).rejects.toThrow(ServiceStartError)
    await expect(startEmbeddedPostgres({ ...options, port: await getPort() })).rejects.toThrow(/正被另一个 PostgreSQL/)

    // Simulate a crash: the server dies without a shutdown and leaves postmaster.pid behind.
    process.kill(first.pid!, 'SIGKILL')
    await new Promise((r) => setTimeout(r, 1500))
    await first.stop()

    const second = await startEmbeddedPostgres({ ...options, port: await getPort() })
    try {
      expect(await query(second.url, 'SELECT body FROM notes')).toEqual([{ body: '三会一课' }])
    } finally {
      await second.stop()
    }
  })
})
