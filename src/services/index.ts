import { randomBytes } from 'crypto'
import { existsSync, readFileSync, writeFileSync } from 'fs'
import { mkdir } from 'fs/promises'
import getPort from 'get-port'
import path from 'path'

import { startEmbeddedMeilisearch } from './embeddedMeilisearch'
import { ServiceStartError, startEmbeddedPostgres, type PostgresHandle } from './embeddedPostgres'

export { ServiceStartError } from './embeddedPostgres'

export type LocalServices = {
  env: { DATABASE_URL: string; MEILI_HOST: string; MEILI_MASTER_KEY: string }
  postgres?: PostgresHandle
  pids: { postgres?: number; meilisearch?: number }
  stop: () => Promise<void>
}

/** A secret generated once and kept in the data folder, so restarts keep sessions and data readable. */
export const persistentSecret = (file: string, bytes = 32): string => {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const value = randomBytes(bytes).toString('hex')
  writeFileSync(file, value + '\n', { mode: 0o600 })
  return value
}

const checkExternalMeili = async (host: string) => {
  try {
    const res = await fetch(`${host.replace(/\/$/, '')}/health`)
    if (res.ok) return
    throw new Error(`HTTP ${res.status}`)
  } catch (error) {
    throw new ServiceStartError(`无法连接 MEILI_HOST=${host}（${(error as Error).message}）。请确认 Meilisearch 正在运行。`)
  }
}

/**
 * Starts what the app needs: the embedded PostgreSQL and Meilisearch under `dataRoot`, on free
 * loopback ports, unless DATABASE_URL / MEILI_HOST point at external services.
 */
export const startLocalServices = async (options: {
  dataRoot: string
  persistent: boolean
  env?: NodeJS.ProcessEnv
  database?: string
  log?: (message: string) => void
}): Promise<LocalServices> => {
  const env = options.env ?? process.env
  const log = options.log ?? (() => {})
  await mkdir(options.dataRoot, { recursive: true })
  const stops: Array<() => Promise<void>> = []
  const pids: LocalServices['pids'] = {}
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {})
    stops.length = 0
  }

  try {
    let DATABASE_URL = env.DATABASE_URL ?? ''
    let postgres: PostgresHandle | undefined
    if (!DATABASE_URL) {
      postgres = await startEmbeddedPostgres({
        dataDir: path.join(options.dataRoot, 'postgres'),
        port: await getPort(),
        password: options.persistent
          ? persistentSecret(path.join(options.dataRoot, 'postgres-password'), 16)
          : randomBytes(16).toString('hex'),
        database: options.database ?? 'party',
        persistent: options.persistent,
        log,
      })
      stops.push(postgres.stop)
      pids.postgres = postgres.pid
      DATABASE_URL = postgres.url
      log(`PostgreSQL（内置）已就绪：127.0.0.1:${postgres.port}`)
    } else {
      log('使用外部 PostgreSQL（DATABASE_URL）')
    }

    let MEILI_HOST = env.MEILI_HOST ?? ''
    let MEILI_MASTER_KEY = env.MEILI_MASTER_KEY ?? ''
    if (!MEILI_HOST) {
      MEILI_MASTER_KEY = options.persistent
        ? persistentSecret(path.join(options.dataRoot, 'meili-master-key'))
        : randomBytes(24).toString('hex')
      const meili = await startEmbeddedMeilisearch({
        dataDir: path.join(options.dataRoot, 'meili'),
        port: await getPort(),
        masterKey: MEILI_MASTER_KEY,
        log,
      })
      stops.push(meili.stop)
      pids.meilisearch = meili.pid
      MEILI_HOST = meili.host
    } else {
      await checkExternalMeili(MEILI_HOST)
      log('使用外部 Meilisearch（MEILI_HOST）')
    }
    return { env: { DATABASE_URL, MEILI_HOST, MEILI_MASTER_KEY }, postgres, pids, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
