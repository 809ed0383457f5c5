import { spawn, type SpawnOptions } from 'child_process'
import path from 'path'
import { fileURLToPath } from 'url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const DATA_ROOT = path.join(ROOT, '.data')
export const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name)

/** Environment for child processes: never leak a test runner's loader into Next (it hung `next`). */
export const childEnv = (extra: Record<string, string | undefined>): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
  delete env.NODE_OPTIONS
  return env
}

/** Runs a command to completion, resolving with its exit code. */
export const run = (command: string, args: string[], options: SpawnOptions = {}): Promise<number> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: ROOT, ...options })
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })

export const say = (message: string) => console.log(`\x1b[31m[智慧党建]\x1b[0m ${message}`)
