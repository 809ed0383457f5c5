import { spawn } from 'child_process'
import { createHash } from 'crypto'
import { createReadStream, existsSync } from 'fs'
import { readdir, stat } from 'fs/promises'
import path from 'path'

export const sha256File = (file: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')))
  })

/** Every regular file under dir, as paths relative to it with '/' separators, sorted. */
export const listFiles = async (dir: string): Promise<Array<{ path: string; bytes: number }>> => {
  if (!existsSync(dir)) return []
  const out: Array<{ path: string; bytes: number }> = []
  const walk = async (rel: string) => {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) await walk(child)
      else if (entry.isFile()) out.push({ path: child, bytes: (await stat(path.join(dir, child))).size })
    }
  }
  await walk('')
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** Files that count as content of the media folder (the repository's placeholder does not). */
export const mediaContent = async (dir: string) => (await listFiles(dir)).filter((f) => f.path !== '.gitkeep')

/** Runs a tool to completion; resolves with its stderr, rejects with the exit code and stderr's tail. */
export const runTool = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-20_000)
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(stderr)
      else reject(new Error(`${path.basename(command)} 退出码 ${code ?? signal}：${stderr.trim().split('\n').slice(-15).join('\n')}`))
    })
  })

/** 2026-11-21T12:30:00.123Z → 2026-11-21T12-30-00Z (a folder name valid everywhere). */
export const timestampName = (date: Date) =>
  date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')

export const formatBytes = (n: number) =>
  n < 1024
    ? `${n} B`
    : n < 1024 ** 2
      ? `${(n / 1024).toFixed(1)} KB`
      : n < 1024 ** 3
        ? `${(n / 1024 ** 2).toFixed(1)} MB`
        : `${(n / 1024 ** 3).toFixed(2)} GB`
