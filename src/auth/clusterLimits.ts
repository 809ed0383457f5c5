import cluster, { type Worker } from 'node:cluster'

import { RateLimiterMemory } from 'rate-limiter-flexible'

/**
 * The app server's workers share one count per limit, kept by the cluster primary
 * (scripts/server.ts). rate-limiter-flexible's RateLimiterCluster sends one IPC message to the
 * primary and one back per check, two checks a heartbeat: 2,500 beats a second were 10,000 messages
 * through a third process on two cores (bench:ingest measured 14.5 ms a beat waiting on them). Here
 * a worker gathers the checks of one turn of its event loop into one message and the primary answers
 * them in one; the primary still counts every check, so a limit holds across workers exactly as before.
 */
const CHANNEL = 'app-rate-limits'

/** limiter name ("heartbeat:account"), key. */
export type Check = [string, string]
export type Ask = { channel: typeof CHANNEL; id: number; checks: Check[] }
/** Per check: 0 when allowed, else the milliseconds until the limit lets the key through again (at least 1). */
export type Answer = { channel: typeof CHANNEL; id: number; results: number[] }

const UNKNOWN_WAIT_MS = 60_000

export type LimiterOptions = { points: number; duration: number }

/** The counting itself (in the primary): one in-memory limiter per name, options from `optionsOf`. */
export const primaryCounter = (optionsOf: (limiter: string) => LimiterOptions) => {
  const limiters = new Map<string, RateLimiterMemory>()
  const limiterFor = (name: string) => {
    let limiter = limiters.get(name)
    if (!limiter) limiters.set(name, (limiter = new RateLimiterMemory({ keyPrefix: name, ...optionsOf(name) })))
    return limiter
  }
  // A name without options is refused, not counted under no limit (and does not stop the primary).
  const consume = async (name: string, key: string) => limiterFor(name).consume(key)
  return (checks: Check[]): Promise<number[]> =>
    Promise.all(
      checks.map(([name, key]) =>
        consume(name, key).then(
          () => 0,
          (refused: { msBeforeNext?: number }) => Math.max(1, Math.ceil(refused.msBeforeNext ?? UNKNOWN_WAIT_MS)),
        ),
      ),
    )
}

/** The primary's side of the channel: counts a worker's batch and answers it through `reply`. */
export const checkAnswerer = (optionsOf: (limiter: string) => LimiterOptions) => {
  const count = primaryCounter(optionsOf)
  return (message: Ask, reply: (answer: Answer) => void) => {
    if (message?.channel !== CHANNEL || !Array.isArray(message.checks)) return
    void count(message.checks).then((results) => reply({ channel: CHANNEL, id: message.id, results }))
  }
}

/** In the cluster primary: answers the workers' batches of checks. */
export const serveClusterRateLimits = (optionsOf: (limiter: string) => LimiterOptions) => {
  const answer = checkAnswerer(optionsOf)
  cluster.on('message', (worker: Worker, message: Ask) => answer(message, (a) => worker.send(a)))
}

export class RateLimitTimeout extends Error {}

/**
 * In a worker: `check` resolves with 0 (allowed) or the milliseconds to wait. Checks made in the same
 * turn of the event loop go to the primary as one message. `send` and `listen` are the worker's IPC
 * channel (process.send / process.on('message')).
 */
export const workerCounter = (
  send: (message: Ask) => void = (m) => process.send!(m),
  listen: (handler: (message: Answer) => void) => void = (h) => process.on('message', h),
  timeoutMs = 3000,
) => {
  let queued: Array<{ check: Check; resolve: (ms: number) => void; reject: (e: Error) => void }> = []
  const asked = new Map<number, { entries: typeof queued; timer: NodeJS.Timeout }>()
  let nextId = 1

  listen((message) => {
    if (message?.channel !== CHANNEL) return
    const ask = asked.get(message.id)
    if (!ask) return
    asked.delete(message.id)
    clearTimeout(ask.timer)
    ask.entries.forEach((e, i) => e.resolve(message.results[i]))
  })

  const flush = () => {
    const entries = queued
    queued = []
    const id = nextId++
    // The primary not answering (it should never happen): fail the requests rather than let them hang.
    const timer = setTimeout(() => {
      asked.delete(id)
      for (const e of entries) e.reject(new RateLimitTimeout('限流计数无响应'))
    }, timeoutMs)
    asked.set(id, { entries, timer })
    send({ channel: CHANNEL, id, checks: entries.map((e) => e.check) })
  }

  return (check: Check) =>
    new Promise<number>((resolve, reject) => {
      if (!queued.length) setImmediate(flush)
      queued.push({ check, resolve, reject })
    })
}
