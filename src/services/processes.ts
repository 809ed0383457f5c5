import { readFileSync } from 'fs'

/** Whether a process with this pid exists (signal 0 probes without touching it). */
export const isAlive = (pid: number | undefined | null): boolean => {
  if (!pid || !Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The command line of a live process (Linux /proc), to tell our own leftovers from a reused pid. */
export const commandLineOf = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()
  } catch {
    return ''
  }
}

/** Sends a signal and waits for the process to go, escalating to SIGKILL after the timeout. */
export const stopPid = async (pid: number, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000) => {
  if (!isAlive(pid)) return
  try {
    process.kill(pid, signal)
  } catch {
    return
  }
  const deadline = Date.now() + timeoutMs
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  if (isAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      /* already gone */
    }
  }
}

/** Keeps the last lines a child printed, to explain a failed start. */
export class LogTail {
  private lines: string[] = []
  constructor(private readonly max = 40) {}
  push(chunk: string) {
    for (const line of chunk.split(/\r?\n/)) if (line.trim()) this.lines.push(line)
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max)
  }
  toString() {
    return this.lines.join('\n')
  }
}
