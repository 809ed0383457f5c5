/**
 * The clock the integration tests run on. Study hours, pace, the demo year of history, daily quizzes
 * and points caps all depend on the calendar day, so `npm test` runs the whole vitest suite at one
 * pinned moment, and the date-sensitive files again at the year's edges (1 January, 29 February,
 * 31 December), whatever today's date is. Before this, a fresh clone failed `npm test` every
 * December (a capped progress bar) and would have from 1 January (no study yet "this year").
 *
 * The clock is moved for the whole process tree — Node, the embedded PostgreSQL (its `now()` and
 * defaults) and the seed — by libfaketime (Debian package `faketime`), given as an offset from the
 * real time, so the clock still advances and timers behave (the monotonic clock is left alone).
 */
import { existsSync } from 'fs'

/** The moment the main vitest run is pinned to (Asia/Shanghai): late in a year, after its June peak. */
export const PINNED_TEST_DATE = '2026-11-20T10:00:00+08:00'

/**
 * The year's edges, each a run of the date-sensitive files: New Year's Eve late in the evening,
 * just after midnight on 1 January, and a leap day (each about 110 s here; the whole suite took
 * 2,043 s with all three on a machine shared with other work, 1,493 s without the first on a quiet one).
 */
export const EDGE_TEST_DATES = ['2026-12-31T23:40:00+08:00', '2027-01-01T00:20:00+08:00', '2028-02-29T12:00:00+08:00']

/** Files whose results depend on the calendar date (seeded history, pace, daily quizzes, points caps, warnings). */
export const DATE_SENSITIVE_TESTS = [
  'tests/unit',
  'tests/int/study/history.test.ts',
  'tests/int/cockpit/cockpit.test.ts',
  'tests/int/study/study.test.ts',
  'tests/int/quiz/quiz.test.ts',
]

const LIBFAKETIME = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
]

export const libfaketime = () => LIBFAKETIME.find((p) => existsSync(p))

/** Environment that runs a child process tree at `at` (then advancing in real time). */
export const clockEnv = (at: string): Record<string, string> => {
  const lib = libfaketime()
  if (!lib) throw new Error('找不到 libfaketime：请先安装 Debian 软件包 faketime（apt-get install -y faketime），测试需要它固定时钟')
  const target = new Date(at).getTime()
  if (Number.isNaN(target)) throw new Error(`无法解析测试时间 ${at}`)
  const offset = Math.round((target - Date.now()) / 1000)
  return {
    LD_PRELOAD: lib,
    FAKETIME: `${offset >= 0 ? '+' : ''}${offset}`,
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    TEST_DATE: at,
  }
}
