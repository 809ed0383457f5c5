/**
 * Milliseconds per step of a request, sent as a Server-Timing header (browser dev tools show it;
 * `npm run bench:search` and `npm run bench:cockpit` print it per step).
 */
export type Timing = Array<[step: string, ms: number]>

/** Marks consecutive steps: each call records the time since the previous one. */
export const stepTimer = (timing?: Timing) => {
  let last = performance.now()
  return (step: string) => {
    const t = performance.now()
    timing?.push([step, t - last])
    last = t
  }
}

/** Records how long one of several parallel steps took by itself. */
export const timed = async <T>(timing: Timing | undefined, step: string, work: Promise<T>): Promise<T> => {
  const t = performance.now()
  try {
    return await work
  } finally {
    timing?.push([step, performance.now() - t])
  }
}

export const serverTiming = (timing: Timing) => timing.map(([step, ms]) => `${step};dur=${ms.toFixed(2)}`).join(', ')
