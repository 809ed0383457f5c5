import { createHash } from 'crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs'
import path from 'path'

import { buildIslands } from './islands'
import { bin, childEnv, ROOT, run, say } from './lib'

/** What the production build depends on; tests, seed and scripts are not part of it. */
const INPUTS = ['src', 'collections', 'public', 'payload.config.ts', 'next.config.mjs', 'tsconfig.json', 'package-lock.json']

const walk = (p: string, out: string[]) => {
  if (!existsSync(p)) return
  if (statSync(p).isDirectory()) for (const f of readdirSync(p).sort()) walk(path.join(p, f), out)
  else out.push(p)
}

export const sourceHash = (): string => {
  const files: string[] = []
  for (const input of INPUTS) walk(path.join(ROOT, input), files)
  const hash = createHash('sha256')
  for (const f of files) hash.update(path.relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0')
  return hash.digest('hex')
}

/**
 * Makes a production build into `distDir` unless one from the same sources is already there.
 * Returns whether it built.
 */
export const ensureBuild = async (distDir: string, env: Record<string, string>): Promise<boolean> => {
  const stamp = path.join(ROOT, distDir, '.source-hash')
  const hash = sourceHash()
  if (existsSync(path.join(ROOT, distDir, 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
    say(`生产构建是最新的（${distDir}），跳过构建。`)
    return false
  }
  say(`正在生成生产构建（${distDir}，首次约需数分钟）……`)
  const code = await run(bin('next'), ['build'], {
    env: childEnv({ ...env, NODE_ENV: 'production', NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' }),
  })
  if (code !== 0) throw new Error(`next build 失败（退出码 ${code}）`)
  // The member pages' browser scripts (src/site/islands): Next's client runtime is not sent there.
  await buildIslands(distDir)
  writeFileSync(stamp, hash)
  return true
}
