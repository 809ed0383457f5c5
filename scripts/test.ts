/**
 * `npm test`: the whole suite on throw-away services, in three lanes:
 *   1. unit + integration tests (vitest) against a real embedded PostgreSQL and Meilisearch, on a
 *      pinned clock, at a lower CPU priority when Playwright runs beside it;
 *   2. beside it, ESLint and Prettier, the e2e lane's database and production build, then the
 *      date-sensitive files again at the year's edges, each on its own services and clock
 *      (scripts/testClock.ts), at the lower priority too;
 *   3. end-to-end tests (Playwright, Debian Chromium) against that build served by the app server
 *      `npm start` runs, on its own services and a second, migrated and seeded database, as soon as
 *      the build is made: the vitest runs take what it leaves of the two cores.
 * Everything runs on free ports and in a temporary folder, and is stopped at the end. First,
 * scripts/prerequisites.sh brings the system packages and pg_dump 18 a fresh machine lacks.
 * `npm run lint` and `npm run format` run the static checks alone.
 *   npm test -- --int   only unit + integration      npm test -- --e2e   only end-to-end
 *   npm test -- --no-edges   skip the edge-date runs     TEST_DATE=2027-03-01T09:00+08:00 npm test   another pinned moment
 */
import { randomBytes } from 'crypto'
import { readFileSync } from 'fs'
import getPort from 'get-port'
import { MailDev } from 'maildev'
import path from 'path'

import { startLocalServices } from '../src/services'
import { ensureBuild } from './build'
import { scratch, startAppServer } from './harness'
import { bin, childEnv, lane, prepareDatabase, run, say } from './lib'
import { clockEnv, DATE_SENSITIVE_TESTS, EDGE_TEST_DATES, PINNED_TEST_DATE } from './testClock'
import { keepSessionsYielding } from './yielding'

const args = process.argv.slice(2)
const wantInt = !args.includes('--e2e') || args.includes('--int')
const wantE2e = !args.includes('--int') || args.includes('--e2e')

const started = Date.now()
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} 秒`
const { dir, state, cleanup } = scratch('party-test-')
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)))
process.on('SIGTERM', () => void cleanup().then(() => process.exit(143)))

type VitestReport = {
  numTotalTests: number
  numFailedTests: number
  success: boolean
  testResults?: Array<{
    name: string
    message?: string
    status?: string
    assertionResults?: Array<{ fullName: string; status: string; failureMessages?: string[] }>
  }>
}

/** Failures are repeated at the very end, because CI logs often keep only the tail. */
const failureSummary: string[] = []

/** A runner that exits 0 without running anything must not count as a pass. */
const checkVitestReport = (file: string, at: string): number => {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as VitestReport
    for (const suite of report.testResults ?? []) {
      const where = path.relative(process.cwd(), suite.name)
      if (suite.status === 'failed' && suite.message)
        failureSummary.push(`✗ [${at}] ${where}: ${suite.message.split('\n').slice(0, 6).join('\n    ')}`)
      for (const test of suite.assertionResults ?? []) {
        if (test.status !== 'failed') continue
        const first = (test.failureMessages ?? []).join('\n').split('\n').slice(0, 8).join('\n    ')
        failureSummary.push(`✗ [${at}] ${where} › ${test.fullName}\n    ${first}`)
      }
    }
    if (report.numTotalTests > 0 && report.numFailedTests === 0 && report.success) return 0
    failureSummary.push(`[${at}] vitest 报告异常：共 ${report.numTotalTests} 个测试，失败 ${report.numFailedTests} 个`)
  } catch {
    failureSummary.push(`[${at}] vitest 没有写出测试报告：它可能在运行测试前就退出了`)
  }
  return 1
}

type PlaywrightSuite = {
  title: string
  file?: string
  suites?: PlaywrightSuite[]
  specs?: Array<{
    title: string
    ok: boolean
    line?: number
    tests: Array<{ results: Array<{ status: string; error?: { message?: string } }> }>
  }>
}

/** Playwright's failed tests, from its JSON report, for the summary at the end (its own list is far up the log). */
const checkPlaywrightReport = (file: string) => {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as { suites?: PlaywrightSuite[] }
    const walk = (suite: PlaywrightSuite, file: string) => {
      for (const spec of suite.specs ?? []) {
        if (spec.ok) continue
        const last = spec.tests.flatMap((t) => t.results).at(-1)
        const message = (last?.error?.message ?? last?.status ?? '').replace(/\x1b\[[0-9;]*m/g, '')
        failureSummary.push(`✗ [e2e] ${file}:${spec.line ?? ''} › ${spec.title}\n    ${message.split('\n').slice(0, 8).join('\n    ')}`)
      }
      for (const inner of suite.suites ?? []) walk(inner, inner.file ?? file)
    }
    for (const suite of report.suites ?? []) walk(suite, suite.file ?? suite.title)
  } catch {
    failureSummary.push('[e2e] Playwright 没有写出测试报告：它可能在运行测试前就退出了')
  }
}

const results: Array<[string, number]> = []
let vitestRuns = 0
/** One vitest run at a pinned moment, on its own throw-away services (the global setup starts them under the same clock). */
const vitestAt = async (label: string, at: string, files: string[], extra: Record<string, string> = {}, yielding = false) => {
  say(`${label}（测试时钟 ${at}）……`)
  const report = path.join(dir, `vitest-${++vitestRuns}.json`)
  const vitestArgs = ['run', ...files, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]
  // `yielding`: at a lower CPU priority (nice 10, inherited by the PostgreSQL and Meilisearch it
  // starts), so that Playwright beside it keeps the cores it needs and this run takes what is left.
  const [command, commandArgs] = yielding ? ['nice', ['-n', '10', bin('vitest'), ...vitestArgs]] : [bin('vitest'), vitestArgs]
  const code = await run(command, commandArgs, {
    // External DATABASE_URL / MEILI_HOST are ignored on purpose: tests never touch a real database.
    env: childEnv({
      ...clockEnv(at),
      ...extra,
      DATABASE_URL: undefined,
      MEILI_HOST: undefined,
      MEILI_MASTER_KEY: undefined,
      MEILI_INDEX: 'content_int',
    }),
  })
  const checked = checkVitestReport(report, at)
  results.push([`vitest@${at.slice(0, 10)}`, code === 0 ? checked : code])
  say(`${label} 结束（${elapsed()}）`)
}

// What a fresh machine lacks (Chromium, CJK fonts, libfaketime, pg_dump 18), installed as root or named otherwise.
if ((await run('bash', ['scripts/prerequisites.sh'])) !== 0) {
  await cleanup()
  process.exit(1)
}

/**
 * ESLint (eslint.config.mjs; warnings fail too) and Prettier (.prettierrc.json), first in the edge lane
 * (beside the main vitest run). A finding fails the run but does not stop it: the tests still say
 * what they would have said.
 */
const staticChecks = async () => {
  const checks: Array<[string, string, string[], string]> = [
    [
      'eslint',
      bin('eslint'),
      ['.', '--max-warnings', '0', '--cache', '--cache-location', 'node_modules/.cache/eslint/'],
      '代码检查（ESLint）未通过：见上方列出的文件和规则；npm run lint 可单独运行',
    ],
    [
      'prettier',
      bin('prettier'),
      ['--check', '.', '--log-level', 'warn', '--cache'],
      '代码格式（Prettier）不符：见上方列出的文件；npm run format 可自动整理',
    ],
  ]
  for (const [name, command, checkArgs, failure] of checks) {
    const began = Date.now()
    say(`${name === 'eslint' ? '代码检查（ESLint）' : '格式检查（Prettier）'}……`)
    const code = await run(command, checkArgs)
    results.push([name, code])
    if (code !== 0) failureSummary.push(`✗ ${failure}`)
    say(`${name} ${code === 0 ? '通过' : '失败'}（${Math.round((Date.now() - began) / 1000)} 秒）`)
  }
}
/** Resolved by one lane, awaited by another. */
const signal = () => {
  let resolve = () => {}
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}
/** The e2e lane's services, database and build: made in the edge lane, before its edge-date runs. */
const e2eReady = signal()

/** Unit and integration tests at the pinned moment. */
const vitestLane = async () => {
  try {
    await vitestAt('单元与集成测试（vitest）', process.env.TEST_DATE || PINNED_TEST_DATE, [], {}, wantE2e)
  } catch (error) {
    console.error(error)
    results.push(['vitest harness', 1])
  }
}

/**
 * The second core's lane, beside the main vitest run: ESLint and Prettier, then the e2e lane's
 * database and production build (Playwright starts as soon as it is made), then the
 * year's edges: the date-sensitive files again at each, on their own services and clocks, at a lower
 * CPU priority beside Playwright. They look at no picture, so the seed draws one cover for all
 * (SEED_PICTURES, seed/content.ts: ~15 s less each).
 */
const edgeLane = async () => {
  try {
    await staticChecks()
    if (wantE2e) await lane.run('[e2e]', prepareE2e)
    if (args.includes('--no-edges')) return
    for (const at of EDGE_TEST_DATES) await vitestAt('日期边界测试', at, DATE_SENSITIVE_TESTS, { SEED_PICTURES: 'shared' }, true)
  } catch (error) {
    console.error(error)
    results.push(['edge-date harness', 1])
  } finally {
    // Never leave the e2e lane waiting for a preparation that did not happen.
    e2eReady.resolve()
  }
}

let mailServer: MailDev | undefined

/** What the e2e lane prepared, once it is ready. */
let e2eEnv: Record<string, string> | undefined
let e2eDistDir = '.next-test'

/**
 * The e2e lane's own services, database and production build, made while the main vitest run goes
 * (neither has a clock to keep).
 */
const prepareE2e = async () => {
  try {
    const services = (state.services = await startLocalServices({
      dataRoot: dir,
      persistent: false,
      env: {} as NodeJS.ProcessEnv,
      database: 'test_e2e',
      log: say,
    }))
    const base = {
      MEILI_HOST: services.env.MEILI_HOST,
      MEILI_MASTER_KEY: services.env.MEILI_MASTER_KEY,
      PAYLOAD_SECRET: randomBytes(24).toString('hex'),
      // Uploads made by tests go to the temporary folder, never into the project's media/.
      MEDIA_DIR: path.join(dir, 'media'),
    }
    // Its own database and its own search index, so nothing the integration tests wrote shows up.
    const env = { ...base, DATABASE_URL: services.env.DATABASE_URL, MEILI_INDEX: 'content_e2e' }
    say('端到端测试：迁移并导入演示数据……')
    const prepared = await prepareDatabase(env)
    if (prepared !== 0) throw new Error('e2e 数据库准备失败')
    // E2E_DIST_DIR lets a second checkout-local run build elsewhere than `.next-test`.
    e2eDistDir = process.env.E2E_DIST_DIR || '.next-test'
    await ensureBuild(e2eDistDir, env)
    e2eEnv = env
  } catch (error) {
    console.error(error)
    results.push(['e2e harness', 1])
  } finally {
    e2eReady.resolve()
  }
}

/**
 * The app server `npm start` runs, and Playwright, once the build is made. The vitest runs beside it
 * yield to it (nice 10, inherited by their PostgreSQL and Meilisearch): Playwright alone took 18.5 min
 * and 19.1 beside the edge-date runs so niced, so it leaves CPU idle (a browser waiting on pages and
 * jobs) that the main run can use. Side by side at the same priority, both slowed so much on two
 * cores that the review e2e tests hit their timeouts; one after the other, the suite took 33 min.
 */
const e2eLane = async () => {
  try {
    if (!wantInt) await prepareE2e()
    await e2eReady.promise
    const env = e2eEnv
    if (!env) return
    const distDir = e2eDistDir
    // The same app server `npm start` runs: Next behind the fast paths.
    // TEST_CLOCK=1: the study clock the member e2e test runs at 16× while a video plays (src/clock.ts).
    // The campus sign-on e2e test runs a CAS 3.0 server on this port (tests/helpers/signon.ts): the
    // app server is told of it, as an IT centre would configure it.
    const casPort = await getPort()
    const signOn = {
      SIGNON_CAS_URL: `http://127.0.0.1:${casPort}/cas`,
      SIGNON_CAS_ATTRIBUTE: 'employeeNumber',
      SIGNON_HELP: '请联系党委组织部开通账号。',
    }
    // A real SMTP server (MailDev) the app server sends through; the tests read what arrived from its HTTP API.
    const [smtpPort, mailWebPort] = [await getPort(), await getPort()]
    mailServer = new MailDev({
      smtp: smtpPort,
      web: mailWebPort,
      ip: '127.0.0.1',
      webIp: '127.0.0.1',
      mailDirectory: path.join(dir, 'maildev'),
      silent: true,
    })
    await mailServer.start()
    const mail = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), MAIL_FROM: '智慧党建学习平台 <noreply@dangjian.test>' }
    const url = await startAppServer(state, { ...env, ...signOn, ...mail, TEST_CLOCK: '1' }, { distDir })
    say(`端到端测试（Playwright，${url}）……`)
    // E2E_APP_PID: the app-server test finds the worker processes under it.
    // Spec files named on the command line (npm test -- --e2e tests/e2e/x.spec.ts) narrow the run.
    const specs = args.filter((a) => !a.startsWith('--'))
    const report = path.join(dir, 'playwright.json')
    const code = await run(bin('playwright'), ['test', ...specs], {
      env: childEnv({
        ...env,
        E2E_REPORT: report,
        E2E_BASE_URL: url,
        E2E_APP_PID: String(state.server?.pid ?? ''),
        E2E_CAS_PORT: String(casPort),
        E2E_MAIL_URL: `http://127.0.0.1:${mailWebPort}`,
      }),
    })
    results.push(['playwright', code])
    if (code !== 0) checkPlaywrightReport(report)
    say(`Playwright 结束（${elapsed()}）`)
  } catch (error) {
    console.error(error)
    results.push(['e2e harness', 1])
  } finally {
    await mailServer?.stop().catch(() => {})
  }
}

// The yielding runs' PostgreSQL processes yield too (each is a session of its own: scripts/yielding.ts).
const stopYielding = keepSessionsYielding()
try {
  // Lanes, their lines tagged while more than one prints: the main vitest run; beside it the static
  // checks, the e2e database and build, then the edge-date runs (yielding); Playwright once the build is
  // made, the vitest runs yielding to it.
  const edges = wantInt
  const tagged = [wantInt, edges, wantE2e].filter(Boolean).length > 1
  const inLane = <T>(tag: string, body: () => Promise<T>) => (tagged ? lane.run(tag, body) : body())
  await Promise.all([wantInt && inLane('[vitest]', vitestLane), edges && inLane('[edges]', edgeLane), wantE2e && inLane('[e2e]', e2eLane)])
} finally {
  stopYielding()
  await cleanup()
}

const failed = results.filter(([, code]) => code !== 0)
if (failureSummary.length) console.error(`\n失败的检查与测试：\n${failureSummary.join('\n')}\n`)
say(`${failed.length ? '失败' : '全部通过'}：${results.map(([n, c]) => `${n}=${c === 0 ? '通过' : '失败'}`).join('，')}（共 ${elapsed()}）`)
process.exit(failed.length ? 1 : 0)
