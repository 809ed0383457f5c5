/**
 * The app server `npm start` runs: the cluster supervisor, the front door (security headers, body
 * limits, the source address) and the dispatcher, which answers the route table's `fast` routes
 * (src/http/routes.ts: heartbeat, search, recommendations, cockpit) itself and hands everything else
 * to Next (admin, API, member site). Next's request handling alone allows about 900 requests a second
 * on this 2-core machine and adds milliseconds to each; heartbeats must reach thousands
 * (`npm run bench:ingest`) and search must stay within twice a raw Meilisearch query
 * (`npm run bench:search`). The same routes answer behind Next as Payload endpoints.
 *
 * The member pages members visit most (src/site/lean/pages.ts) are rendered here with react-dom/server
 * from the same Server Components, without Next's second rendering pass; the rest, and any of these
 * that ends in notFound() or an error, are Next's. One process renders about 30 member-site pages a
 * second here (`npm run load`); the server runs
 * WEB_CONCURRENCY worker processes (default: one per core) sharing the port through node:cluster.
 * Only the first runs the jobs queue and the schedules; the rate limits are counted in the primary.
 *   PORT=3000 HOST=0.0.0.0 NEXT_DIST_DIR=.next WEB_CONCURRENCY=2 tsx scripts/server.ts
 */
import cluster from 'node:cluster'
import { availableParallelism } from 'node:os'

import { serveClusterRateLimits } from '../src/auth/clusterLimits'
import { limiterOptions } from '../src/auth/rateLimit'

/** A worker's message to the primary: it now serves the public port. */
const WORKER_READY = 'app-worker-ready'
const workers = Math.max(1, Math.min(16, Number(process.env.WEB_CONCURRENCY) || availableParallelism()))

if (cluster.isPrimary && workers > 1) {
  // The primary only supervises: it serves nothing, so a worker's crash never takes the port away.
  // Workers accept from the shared socket themselves (the kernel picks one): with the primary's
  // round-robin hand-off, a request sent while a crashed worker's replacement started was, in about
  // one run in two of the e2e suite, handed to no worker and left unanswered (45 s).
  cluster.schedulingPolicy = cluster.SCHED_NONE
  serveClusterRateLimits(limiterOptions)
  let stopping = false
  // Whether any worker has served the port yet (then a worker failing to start is retried, not fatal).
  let served = false
  const start = (index: number, then?: () => void) => {
    if (stopping) return
    const worker = cluster.fork({
      APP_CLUSTER: '1',
      APP_WORKER: String(index),
      // The jobs queue and the schedules run in the first worker only (or nowhere, if JOBS_IN_APP=false).
      JOBS_IN_APP: index === 0 ? (process.env.JOBS_IN_APP ?? '') : 'false',
    })
    // Set by the worker's own message once it serves the public port (its warm-up port does not count).
    let listening = false
    worker.on('message', (message: { type?: string }) => {
      if (message?.type !== WORKER_READY || listening) return
      listening = served = true
      then?.()
    })
    worker.on('exit', (code, signal) => {
      if (stopping) return
      if (!listening && !signal && !served) {
        // It failed to start by itself (bad configuration, port taken): restarting would loop; fail like one process would.
        // Killed by a signal while starting (an operator, the OOM killer) is not that: it is restarted below. Nor is a
        // later worker failing once another serves (its first connection timed out on busy cores): it is retried.
        console.error(`应用工作进程 ${index} 未能启动（${code}）`)
        stop(1)
        return
      }
      console.error(`应用工作进程 ${index} 意外退出（${signal ?? code}），1 秒后重启`)
      // A worker killed before it was ready hands the rest of the start-up chain to its replacement.
      setTimeout(() => start(index, listening ? undefined : then), 1000)
    })
  }
  const stop = (exitCode: number) => {
    stopping = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    const check = setInterval(() => {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(exitCode)
    }, 100)
    setTimeout(() => {
      clearInterval(check)
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      process.exit(exitCode)
    }, 10_000).unref()
  }
  // One after another: each worker's start (Next, Payload, the first pages) takes seconds of CPU, and
  // all at once on two busy cores their first database connections timed out (10 s) and no worker
  // came up (bench:ingest, twice on 5 December 2026 at load 10–20; one worker alone started in 20 s).
  const startFrom = (index: number) => index < workers && start(index, () => startFrom(index + 1))
  startFrom(0)
  // What one worker found a member may study, the others learn (src/study/service.ts STUDY_ALLOWED_MESSAGE).
  cluster.on('message', (from, message: { type?: string }) => {
    if (message?.type !== 'study-allowed') return
    for (const worker of Object.values(cluster.workers ?? {})) if (worker && worker !== from && worker.isConnected()) worker.send(message)
  })
  // The test clock (src/clock.ts, TEST_CLOCK=1 only): a setting made in one worker goes to all of them.
  if (process.env.TEST_CLOCK === '1') {
    cluster.on('message', (_worker, message: { type?: string }) => {
      if (message?.type !== 'test-clock') return
      for (const worker of Object.values(cluster.workers ?? {})) worker?.send(message)
    })
  }
  process.on('SIGTERM', () => stop(0))
  process.on('SIGINT', () => stop(0))
} else {
  await serve()
}

async function serve() {
  const { createServer } = await import('http')
  const { default: next } = await import('next')
  const { getPayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { guardRequest } = await import('../src/security/node')
  const { routes } = await import('../src/http/routes')
  const { fastRouteOf, fastRoutes, serveFastRoute } = await import('../src/http/node')
  const { errorBody, HttpError } = await import('../src/http/errors')
  const { jsonBody, replyHeaders } = await import('../src/http/route')
  const { followClusterClock } = await import('../src/http/testClock')
  const { ROOT } = await import('./lib')
  const { islandsFor } = await import('../src/site/islands/node')
  const { ISLANDS_PREFIX } = await import('../src/site/islands/html')
  type IncomingMessage = import('http').IncomingMessage
  type ServerResponse = import('http').ServerResponse

  const port = Number(process.env.PORT ?? 3000)
  const hostname = process.env.HOST ?? '0.0.0.0'
  const MAX_BODY = 4096
  // The routes this server answers before Next: the route table's `fast` ones (src/http/routes.ts).
  const fast = fastRoutes(routes)
  // TEST_CLOCK=1 only: a clock moved in another worker is moved here too (src/http/testClock.ts).
  followClusterClock()

  const app = next({ dev: false, dir: ROOT, hostname, port })
  const handle = app.getRequestHandler()
  // Member pages the app server renders itself (src/site/lean); the rest, and these until the first
  // one Next renders has shown its stylesheets, go to Next.
  let leanPages: ReturnType<typeof leanPagesFor> | null = null
  const islands = islandsFor(`${ROOT}/${process.env.NEXT_DIST_DIR || '.next'}`, (...page) => leanPages?.learn(...page))
  await app.prepare()
  // Payload is started here at once, before anything else is loaded: started later, the copy bundled
  // into Next's instrumentation (the jobs runner) created the shared instance first, and the API's
  // refusals from hooks lost their message ("An unknown error occurred.", training.spec.ts, twice).
  const payloadPromise = getPayload({ config })
  // After Next's set-up: the pages import Next modules that expect its request storage in place.
  const { leanPagesFor } = await import('../src/site/lean/node')
  leanPages = leanPagesFor(islands.sendPage)

  const readBody = (req: IncomingMessage) =>
    new Promise<string | null>((resolve, reject) => {
      let size = 0
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => {
        size += c.length
        if (size > MAX_BODY) resolve(null)
        else chunks.push(c)
      })
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      req.on('error', reject)
    })

  // Handlers read a few headers: a view of Node's parsed headers instead of a WHATWG Headers copy of them all.
  const headerView = (req: IncomingMessage): Pick<Headers, 'get'> => ({
    get: (name: string) => {
      const v = req.headers[name.toLowerCase()]
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v
    },
  })

  /** Answers a fast route; the route's refusals come back in the one error shape, anything unexpected a plain 500, logged here. */
  const answer = (req: IncomingMessage, res: ServerResponse, route: NonNullable<ReturnType<typeof fastRouteOf>>) => {
    void (async () => {
      try {
        const timing: Array<[string, number]> = []
        const text = async () => {
          const body = await readBody(req)
          if (body === null) throw new HttpError(413, '请求内容过大')
          return body
        }
        // Absolute, as Payload's request URL is: handlers parse it with new URL(). Not from the Host
        // header, which the client writes: fast routes read only the path and query.
        const url = `http://app${req.url ?? '/'}`
        const reply = await serveFastRoute(route, await payloadPromise, headerView(req), url, text, timing)
        if (reply instanceof Response) {
          const headers: Record<string, string> = {}
          reply.headers.forEach((value, name) => (headers[name] = value))
          res.writeHead(reply.status, { 'Cache-Control': 'no-store', ...headers })
          res.end(Buffer.from(await reply.arrayBuffer()))
          return
        }
        res.writeHead(reply.status ?? 200, replyHeaders(reply, timing))
        res.end(jsonBody(reply))
      } catch (error) {
        console.error(error)
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' })
        res.end(JSON.stringify(errorBody('服务器内部错误')))
      }
    })()
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    // Security headers on every response, Secure cookies over HTTPS, 413 for an oversized body: src/security/node.ts.
    if (!guardRequest(req, res)) return
    // The source address the audit log and the rate limits use: the socket's, unless a trusted proxy
    // (TRUST_PROXY) says otherwise. Client-sent values are overwritten so they cannot be forged.
    req.headers['x-real-ip'] = req.socket.remoteAddress ?? ''
    if (!process.env.TRUST_PROXY) delete req.headers['x-forwarded-for']
    const pathname = req.url?.split('?')[0] ?? '/'
    const route = fastRouteOf(fast, req.method, pathname)
    if (route) return answer(req, res, route)
    if (pathname.startsWith(ISLANDS_PREFIX) && (req.method === 'GET' || req.method === 'HEAD'))
      return islands.serveAsset(req, res, pathname)
    // Member pages go out without Next's client runtime (src/site/islands); the most visited are
    // rendered here without Next at all (src/site/lean), unless they need what only Next does.
    if (islands.isMemberPage(req, pathname)) {
      const lean = leanPages?.match(req, pathname)
      const toNext = () => {
        islands.leanResponse(req, res)
        void handle(req, res)
      }
      return lean ? leanPages!.serve(req, res, lean, toNext) : toNext()
    }
    void handle(req, res)
  }

  // Render the first pages before taking a share of the port: a fresh worker's first page loads
  // Next's route chunks and the bundled Payload (seconds on this machine), and a replacement for a
  // crashed worker would otherwise make its first visitors wait that long (seen: over 10 s in CI).
  // A worker that cannot start Payload exits (the primary decides whether to retry), rather than stay up unready.
  await payloadPromise.catch((error: unknown) => {
    console.error('应用工作进程无法初始化：', error)
    process.exit(1)
  })
  const probe = createServer(onRequest)
  await new Promise<void>((resolve) => probe.listen({ port: 0, host: '127.0.0.1', exclusive: true }, resolve))
  const probePort = (probe.address() as import('net').AddressInfo).port
  for (const page of ['/', '/news', '/login']) {
    await fetch(`http://127.0.0.1:${probePort}${page}`, { redirect: 'manual' })
      .then((r) => r.arrayBuffer())
      .catch((error: unknown) => console.warn(`预热 ${page} 失败：${(error as Error).message}`))
  }
  await new Promise<void>((resolve) => {
    probe.close(() => resolve())
    probe.closeAllConnections()
  })

  const server = createServer(onRequest)
  // Idle keep-alive connections are kept longer than a client or proxy keeps them (nginx and most
  // balancers: 60–75 s). With Node's 5 s, a client reusing a connection just as the server closed it
  // got ECONNRESET (the e2e video test, once in two full runs, after 5 s in the browser between two
  // API calls). headersTimeout must exceed it.
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  server.listen(port, hostname, () => {
    process.send?.({ type: WORKER_READY })
    if (process.env.APP_WORKER && process.env.APP_WORKER !== '0') return
    console.log(`> Ready on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`)
    // Reached under another address, signed-in changes would be refused (CSRF origin list): say so.
    if (!process.env.PUBLIC_URL && hostname !== '127.0.0.1' && hostname !== 'localhost') {
      console.warn(
        `> 提示：未设置 PUBLIC_URL，登录后的修改只接受来自 http://localhost:${port} 的页面；从其他地址访问请设置 PUBLIC_URL（如 https://dangjian.example.edu.cn）`,
      )
    }
  })
}
