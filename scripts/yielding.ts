import { readdirSync, readFileSync, writeFileSync } from 'fs'

/**
 * Linux shares the CPU between sessions ("autogroups") before nice counts inside one, and
 * PostgreSQL makes every backend and helper process a session of its own (setsid). So the vitest
 * runs npm test starts at nice 10 beside Playwright still had each of their PostgreSQL processes
 * compete at full weight: the review e2e test went from 1.6 minutes alone to over 3 beside them.
 * Every 2 s, each session leader under this process whose nice is above 0 gets its session's
 * scheduling group the same nice (/proc/PID/autogroup). Nothing happens where autogroups do not
 * exist. Returns the stop function.
 */
export const keepSessionsYielding = (): (() => void) => {
  const timer = setInterval(() => {
    try {
      applyOnce()
    } catch {
      /* /proc unreadable: nice alone applies */
    }
  }, 2000)
  timer.unref()
  return () => clearInterval(timer)
}

type Proc = { pid: number; ppid: number; session: number; nice: number }

const readProc = (pid: number): Proc | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces), from field 3 (state): ppid is 4, session 6, nice 19.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { pid, ppid: Number(rest[1]), session: Number(rest[3]), nice: Number(rest[16]) }
  } catch {
    return null
  }
}

const applyOnce = () => {
  const procs = new Map<number, Proc>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const p = readProc(Number(name))
    if (p) procs.set(p.pid, p)
  }
  const underUs = (p: Proc) => {
    for (let at: Proc | undefined = p, depth = 0; at && depth < 20; at = procs.get(at.ppid), depth++)
      if (at.ppid === process.pid) return true
    return false
  }
  for (const p of procs.values()) {
    if (p.nice <= 0 || p.session !== p.pid || !underUs(p)) continue
    try {
      const group = readFileSync(`/proc/${p.pid}/autogroup`, 'utf8')
      if (Number(/nice (-?\d+)/.exec(group)?.[1]) !== p.nice) writeFileSync(`/proc/${p.pid}/autogroup`, String(p.nice))
    } catch {
      /* gone, or no autogroups */
    }
  }
}
