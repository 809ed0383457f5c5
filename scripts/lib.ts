import { AsyncLocalStorage } from 'async_hooks'
import { spawn, type ChildProcess, type SpawnOptions } from 'child_process'
import path from 'path'
import { createInterface } from 'readline'
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

/**
 * `npm test` runs two lanes at once (vitest, and build + Playwright); inside `lane.run(tag, …)`
 * every line a child prints, and every `say`, carries the lane's tag, so the two stay readable.
 */
export const lane = new AsyncLocalStorage<string>()

/** A child's stdout and stderr, line by line with the current lane's tag (or straight through outside a lane). */
export const tagOutput = (child: ChildProcess, tag = lane.getStore()) => {
  if (!tag) return
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => out.write(`${tag} ${line}\n`))
  }
}

/** Runs a command to completion, resolving with its exit code. */
export const run = (command: string, args: string[], options: SpawnOptions = {}): Promise<number> =>
  new Promise((resolve, reject) => {
    const tag = lane.getStore()
    const child = spawn(command, args, { stdio: tag ? ['inherit', 'pipe', 'pipe'] : 'inherit', cwd: ROOT, ...options })
    tagOutput(child, tag)
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })

export const say = (message: string) => console.log(`\x1b[31m[智慧党建]\x1b[0m${lane.getStore() ? ` ${lane.getStore()}` : ''} ${message}`)

/**
 * `seed/prepare.ts` in a child process: the committed migrations, then with `seed` the demo data.
 * Exit 13 (a top-level await left unsettled) with no output at all, before Payload even starts, was
 * seen 4 times in about 20 runs over two days (the test setup, bench:ingest): in loading modules
 * through tsx, not in anything the script does. Once, a second try is made.
 */
export const prepareDatabase = async (env: Record<string, string | undefined>, seed = true): Promise<number> => {
  const args = ['seed/prepare.ts', ...(seed ? ['--seed'] : [])]
  let code = await run(bin('tsx'), args, { env: childEnv(env) })
  if (code === 13) {
    say('准备数据库的进程在加载模块时退出（13），重试一次……')
    code = await run(bin('tsx'), args, { env: childEnv(env) })
  }
  return code
}

/** What a child started by `runWatched` prints once the application has loaded (Payload started). */
export const APP_READY = '应用已加载'

/**
 * A tsx script in a child process that must print APP_READY within `within` ms; one that has not is
 * killed and started again (at most `tries` times). Loading the app through tsx on Node 20 sometimes
 * never settles — exit 13 when nothing else keeps the process alive (see prepareDatabase), a silent
 * stall when something does (bench:cockpit: three times in five runs after its fill) — and that
 * cannot be undone inside the process.
 */
export const runWatched = async (
  script: string,
  env: Record<string, string | undefined>,
  ready = APP_READY,
  within = 180_000,
  tries = 3,
) => {
  for (let attempt = 1; ; attempt++) {
    const child = spawn(bin('tsx'), [script], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'inherit'] })
    let loaded = false
    createInterface({ input: child.stdout!, crlfDelay: Infinity }).on('line', (line) => {
      if (line.includes(ready)) loaded = true
      process.stdout.write(`${line}\n`)
    })
    const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))))
    const stalled = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(!loaded), within).unref()),
    ])
    if (!stalled) return await exited
    child.kill('SIGKILL')
    await exited
    if (attempt >= tries) return 1
    // Only a child that never loaded is restarted: it has started nothing yet (no server, no writes).
    say(`${script} 在 ${within / 1000} 秒内未完成加载（第 ${attempt} 次），重新启动……`)
  }
}
