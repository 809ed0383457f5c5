import { spawn, type ChildProcess } from 'child_process'
import { chmodSync, mkdtempSync, rmSync } from 'fs'
import getPort from 'get-port'
import { tmpdir } from 'os'
import path from 'path'

import type { LocalServices } from '../src/services'
import { bin, childEnv, lane, ROOT, tagOutput } from './lib'

/**
 * Throw-away surroundings for `npm test` and the benchmarks: a temporary folder (readable by the
 * unprivileged PostgreSQL user when we are root), the services and app server started in it, and
 * one cleanup that stops them all.
 */
export const scratch = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  chmodSync(dir, 0o755)
  const state: { services?: LocalServices; server?: ChildProcess } = {}
  const cleanup = async () => {
    const server = state.server
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r))
      server.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
    }
    await state.services?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  return { dir, state, cleanup }
}

/** The production app server (`scripts/server.ts`, as `npm start` runs it) on a free loopback port, once it answers. */
export const startAppServer = async (
  state: { server?: ChildProcess },
  env: Record<string, string>,
  options: { distDir?: string; quiet?: boolean } = {},
): Promise<string> => {
  const port = await getPort()
  const server = spawn(bin('tsx'), ['scripts/server.ts'], {
    cwd: ROOT,
    stdio: ['ignore', options.quiet ? 'ignore' : lane.getStore() ? 'pipe' : 'inherit', lane.getStore() ? 'pipe' : 'inherit'],
    // Two worker processes, as `npm start` runs on two cores: the tests see the cluster whatever the machine.
    // PUBLIC_URL: the address the browser uses, so redirects back from the campus sign-on land on it.
    env: childEnv({
      WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? '2',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      NEXT_DIST_DIR: options.distDir ?? '.next-test',
      NEXT_TELEMETRY_DISABLED: '1',
    }),
  })
  tagOutput(server)
  state.server = server
  const url = `http://127.0.0.1:${port}`
  // Workers warm their first pages before taking the port, one after another; with a benchmark's
  // 20,000 members on two cores that took over two minutes once (bench:search, 5 December 2026).
  const deadline = Date.now() + 300_000
  let up = false
  let last = '无应答'
  while (!up && Date.now() < deadline && server.exitCode === null) {
    up = await fetch(`${url}/`).then(
      (r) => {
        last = `HTTP ${r.status}`
        return r.status < 500
      },
      (e: unknown) => {
        last = e instanceof Error ? e.message : String(e)
        return false
      },
    )
    if (!up) await new Promise((r) => setTimeout(r, 300))
  }
  if (!up)
    throw new Error(`应用服务器没有启动（${server.exitCode === null ? `最后一次：${last}` : `进程已退出，代码 ${server.exitCode}`}）`)
  return url
}
