/**
 * `npm run cluster`: the deployment topology on one machine — two app instances (each
 * `scripts/server.ts`, as `npm start` runs it) behind HAProxy (Debian's package), sharing one
 * PostgreSQL, one Meilisearch and one S3-compatible server (s3rver) for media. The same switches a
 * university's servers would set: RATE_LIMIT_STORE=postgres (rate limits counted once for all
 * instances), S3_* (media on the object store), JOBS_IN_APP on both (the queue's advisory lock lets one
 * run it at a time), PUBLIC_URL = the balancer, TRUST_PROXY=1 (the client address from HAProxy).
 * Everything lives in a temporary folder and stops with Ctrl-C. `bench/load.ts --cluster` runs 200
 * simulated members through it while an instance is killed and restarted (`npm run test:cluster`).
 *
 *   npm run cluster          then open the printed balancer address
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process'
import { mkdirSync, writeFileSync } from 'fs'
import getPort from 'get-port'
import path from 'path'
import { fileURLToPath } from 'url'

import { startLocalServices, type LocalServices } from '../src/services'
import { ensureBuild } from './build'
import { scratch } from './harness'
import { bin, childEnv, prepareDatabase, ROOT, say } from './lib'

export type Instance = {
  name: string
  port: number
  url: string
  process: ChildProcess
  kill: () => Promise<void>
  start: () => Promise<void>
}
export type Cluster = {
  url: string
  instances: Instance[]
  env: Record<string, string>
  services: LocalServices
  stop: () => Promise<void>
}

const BUCKET = 'party-media'

const waitFor = async (url: string, alive: () => boolean, timeoutMs = 120_000) => {
  for (const until = Date.now() + timeoutMs; Date.now() < until && alive();) {
    if (
      await fetch(url, { redirect: 'manual' }).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return true
    await new Promise((r) => setTimeout(r, 300))
  }
  return false
}

/** HAProxy in front: round robin, health-checked every second, a request whose connection failed goes to the other instance. */
const haproxyConfig = (port: number, instances: Array<{ name: string; port: number }>) => `global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  option forwardfor
  retries 2
  option redispatch
  retry-on conn-failure
frontend web
  bind 127.0.0.1:${port}
  default_backend app
backend app
  balance roundrobin
  option httpchk GET /api/health
  http-check expect status 200
${instances.map((i) => `  server ${i.name} 127.0.0.1:${i.port} check inter 1s fall 2 rise 2`).join('\n')}
`

export const startCluster = async (options: {
  dir: string
  distDir?: string
  extraEnv?: Record<string, string>
  quiet?: boolean
  database?: string
}): Promise<Cluster> => {
  const haproxyBin = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find((p) => spawnSync(p, ['-v']).status === 0)
  if (!haproxyBin) throw new Error('需要 HAProxy：apt-get install haproxy（或 sudo bash scripts/prerequisites.sh）')
  const stops: Array<() => Promise<void>> = []
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {})
    stops.length = 0
  }
  try {
    const services = await startLocalServices({
      dataRoot: path.join(options.dir, 'services'),
      persistent: false,
      env: {} as NodeJS.ProcessEnv,
      database: options.database ?? 'cluster',
      log: say,
    })
    stops.push(() => services.stop())

    // The S3-compatible object store, with the media bucket.
    const s3rverModule: string = 's3rver' // a devDependency without types: only this script and the tests use it
    const { default: S3rver } = (await import(s3rverModule)) as {
      default: new (o: Record<string, unknown>) => { run: () => Promise<unknown>; close: () => Promise<void> }
    }
    const s3Port = await getPort()
    const s3dir = path.join(options.dir, 's3')
    mkdirSync(s3dir, { recursive: true })
    const s3 = new S3rver({ port: s3Port, address: '127.0.0.1', directory: s3dir, silent: true, configureBuckets: [{ name: BUCKET }] })
    await s3.run()
    stops.push(() => s3.close())
    say(`S3 兼容对象存储（s3rver）：http://127.0.0.1:${s3Port}，存储桶 ${BUCKET}`)

    const lbPort = await getPort()
    const url = `http://127.0.0.1:${lbPort}`
    const env: Record<string, string> = {
      ...services.env,
      PAYLOAD_SECRET: (await import('crypto')).randomBytes(24).toString('hex'),
      MEDIA_DIR: path.join(options.dir, 'media-unused'),
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      RATE_LIMIT_STORE: 'postgres',
      PUBLIC_URL: url,
      TRUST_PROXY: '1',
      ...options.extraEnv,
    }
    say('准备数据库（迁移 + 演示数据，媒体写入对象存储）……')
    if ((await prepareDatabase(env)) !== 0) throw new Error('数据库准备失败')
    const distDir = options.distDir ?? '.next'
    await ensureBuild(distDir, env)

    const instances: Instance[] = []
    for (const name of ['a', 'b']) {
      const port = await getPort()
      const instance: Instance = {
        name,
        port,
        url: `http://127.0.0.1:${port}`,
        process: undefined as unknown as ChildProcess,
        // A crash, not a shutdown: SIGKILL to the instance's whole process group.
        kill: async () => {
          const child = instance.process
          if (child.exitCode !== null || child.signalCode) return
          const exited = new Promise((r) => child.once('exit', r))
          try {
            process.kill(-child.pid!, 'SIGKILL')
          } catch {
            child.kill('SIGKILL')
          }
          await exited
        },
        start: async () => {
          const child = spawn(bin('tsx'), ['scripts/server.ts'], {
            cwd: ROOT,
            detached: true,
            stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'],
            // One worker process each: two instances on two cores, as two machines would have.
            // Each its own local media folder (unused with S3): a file one instance wrote can reach the
            // other only through the object store, as on two machines.
            env: childEnv({
              ...env,
              MEDIA_DIR: path.join(options.dir, `media-${name}`),
              WEB_CONCURRENCY: '1',
              PORT: String(port),
              HOST: '127.0.0.1',
              NODE_ENV: 'production',
              NEXT_DIST_DIR: distDir,
              NEXT_TELEMETRY_DISABLED: '1',
              INSTANCE_NAME: name,
            }),
          })
          instance.process = child
          if (!(await waitFor(`${instance.url}/api/health`, () => child.exitCode === null))) throw new Error(`应用实例 ${name} 没有启动`)
        },
      }
      await instance.start()
      stops.push(() => instance.kill())
      instances.push(instance)
      say(`应用实例 ${name}：${instance.url}`)
    }

    const cfg = path.join(options.dir, 'haproxy.cfg')
    writeFileSync(cfg, haproxyConfig(lbPort, instances))
    const haproxy = spawn(haproxyBin, ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', options.quiet ? 'ignore' : 'inherit'] })
    stops.push(async () => {
      const exited = new Promise((r) => haproxy.once('exit', r))
      haproxy.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
    })
    if (!(await waitFor(`${url}/api/health`, () => haproxy.exitCode === null, 30_000))) throw new Error('HAProxy 没有启动')
    say(`负载均衡（HAProxy）：${url}`)
    return { url, instances, env, services, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

// `npm run cluster`
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { dir, cleanup } = scratch('party-cluster-')
  let stopCluster: (() => Promise<void>) | undefined
  const shutdown = async (code: number) => {
    await stopCluster?.().catch(() => {})
    await cleanup().catch(() => {})
    process.exit(code)
  }
  process.on('SIGINT', () => void shutdown(0))
  process.on('SIGTERM', () => void shutdown(0))
  startCluster({ dir })
    .then((cluster) => {
      stopCluster = cluster.stop
      say(
        `集群已启动：打开 ${cluster.url}（两个应用实例 ${cluster.instances.map((i) => i.url).join('、')}，共享 PostgreSQL、Meilisearch 与对象存储）。按 Ctrl-C 停止。`,
      )
    })
    .catch(async (error) => {
      console.error(error)
      await shutdown(1)
    })
}
