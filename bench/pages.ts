/**
 * `npm run bench:pages`: how much script each member page makes a browser download. Against the
 * production build served by the app server (`scripts/server.ts`, as `npm start` runs it) on
 * throw-away services with the demo data, signed in as the demo member (member@demo.edu.cn), it
 * fetches each member page, collects every script the page loads — `<script src>` and
 * `<link rel="preload|modulepreload" as="script">` (a browser fetches both at once) — and the bytes
 * of its inline scripts (React's Suspense swaps; before the islands, also Next's `self.__next_f.push` payload),
 * gzips each at level 9 (node:zlib; Next serves them compressed the same way) and prints per page:
 * the scripts' count and size raw and gzipped, the inline scripts gzipped, and the target
 * "≤ 100 KB" of script (the files) with PASS or MISS. `nomodule` scripts are left out (a browser that
 * runs modules does not fetch them) and listed if any.
 *
 *   npm run bench:pages                       throw-away services, seed, build `.next-bench` if stale (the benchmarks' build), serve, measure
 *   npm run bench:pages -- --url http://127.0.0.1:3000   measure a server already running (demo data)
 *   npm run bench:pages -- --chunks           also list each page's largest scripts
 *
 * A measurement: exit code 0 whatever the sizes; 1 only if a page fails to load (or sign-in fails).
 */
import { randomBytes } from 'crypto'
import path from 'path'
import { parseArgs } from 'util'
import { gzipSync } from 'zlib'

import { startLocalServices } from '../src/services'
import { ensureBuild } from '../scripts/build'
import { scratch, startAppServer } from '../scripts/harness'
import { prepareDatabase, say } from '../scripts/lib'

const { values: opts } = parseArgs({
  options: {
    url: { type: 'string' },
    email: { type: 'string', default: 'member@demo.edu.cn' },
    password: { type: 'string', default: 'Dangjian@2026' },
    dist: { type: 'string', default: '.next-bench' },
    chunks: { type: 'boolean', default: false },
  },
})

/** The target (issue 18): at most 100 KB of script, gzipped, per member page. */
const TARGET_KB = 100
const KB = 1024

const { dir, state, cleanup } = scratch('party-pages-')
let cleaning: Promise<void> | null = null
const stopAll = () => (cleaning ??= cleanup().catch((e) => console.error(e)))
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)))
process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)))
setTimeout(() => {
  console.error('测量超过 30 分钟仍未结束，强制停止。')
  void stopAll().then(() => process.exit(2))
}, 30 * 60_000).unref()

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}(?:="([^"]*)"|\\s|>|$)`, 'i'))
const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')

/** The scripts a page loads (external, in order, no repeats), its nomodule scripts, and its inline script text. */
const scriptsOf = (html: string) => {
  const external: string[] = []
  const nomodule: string[] = []
  let inline = ''
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const tag = `<script${m[1]}>`
    const src = attr(tag, 'src')?.[1]
    const type = attr(tag, 'type')?.[1]
    if (type && !/javascript|module/i.test(type)) continue // JSON-LD and the like are data, not script
    if (src) (attr(tag, 'nomodule') ? nomodule : external).push(decode(src))
    else inline += m[2]
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(m[0], 'rel')?.[1] ?? ''
    const as = attr(m[0], 'as')?.[1] ?? ''
    const href = attr(m[0], 'href')?.[1]
    if (href && (rel === 'modulepreload' || (rel === 'preload' && as === 'script'))) external.push(decode(href))
  }
  return { external: [...new Set(external)], nomodule, inline }
}

const gz = (b: Buffer | string) => gzipSync(b, { level: 9 }).length
const kb = (n: number) => (n / KB).toFixed(1)

let url = opts.url ?? ''
let failed = false
try {
  if (!url) {
    const services = (state.services = await startLocalServices({
      dataRoot: dir,
      persistent: false,
      env: {} as NodeJS.ProcessEnv,
      database: 'pages',
      log: say,
    }))
    const env = {
      ...services.env,
      PAYLOAD_SECRET: randomBytes(24).toString('hex'),
      MEDIA_DIR: path.join(dir, 'media'),
      MEILI_INDEX: 'content_pages',
    }
    say('准备数据库（迁移 + 演示数据）……')
    if ((await prepareDatabase(env)) !== 0) throw new Error('数据库准备失败')
    await ensureBuild(opts.dist!, env)
    url = await startAppServer(state, env, { distDir: opts.dist, quiet: true })
  }
  const origin = new URL(url).origin
  const login = await fetch(`${url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email: opts.email, password: opts.password }),
  })
  const token = ((await login.json().catch(() => ({}))) as { token?: string }).token
  if (!token) throw new Error(`登录失败：${login.status}`)
  const cookie = `payload-token=${token}`

  const get = async (p: string, signedIn = true) => {
    const r = await fetch(`${url}${p}`, {
      headers: { accept: 'text/html', 'accept-language': 'zh-CN', ...(signedIn ? { cookie } : {}) },
      redirect: 'manual',
    })
    return { status: r.status, text: await r.text() }
  }
  // A lesson is linked from its course as /lessons/<id>?course=<id>.
  const firstId = (html: string, prefix: string) => html.match(new RegExp(`href="${prefix}/(\\d+)[?"]`))?.[1]

  // The member's pages; ids are the first linked from the list pages, as a member would click.
  const courses = await get('/courses')
  const course = firstId(courses.text, '/courses')
  const lesson = course ? firstId((await get(`/courses/${course}`)).text, '/lessons') : undefined
  const news = firstId((await get('/news')).text, '/news')
  const resource = firstId((await get('/resources')).text, '/resources')
  const quiz = firstId((await get('/quizzes')).text, '/quizzes')
  const pages: Array<[string, string, boolean]> = [
    ['首页', '/', true],
    ['课程', '/courses', true],
    ['课程详情', course ? `/courses/${course}` : '', true],
    ['微党课', lesson ? `/lessons/${lesson}` : '', true],
    ['党建动态', '/news', true],
    ['新闻', news ? `/news/${news}` : '', true],
    ['红色资源库', '/resources', true],
    ['红色资源', resource ? `/resources/${resource}` : '', true],
    ['答题', '/quizzes', true],
    ['测验', quiz ? `/quizzes/${quiz}` : '', true],
    ['错题本', '/quizzes/wrong', true],
    ['我的', '/me', true],
    ['学习记录', '/me/history', true],
    ['积分', '/me/points', true],
    ['账号设置', '/me/settings', true],
    ['消息', '/notifications', true],
    ['搜索', `/search?q=${encodeURIComponent('党史')}`, true],
    ['登录（未登录）', '/login', false],
  ]

  // Each script once: gzip size cached by address.
  const sizes = new Map<string, { raw: number; gz: number; served: string } | null>()
  const sizeOf = async (src: string) => {
    if (!sizes.has(src)) {
      const r = await fetch(new URL(src, url), { headers: { 'accept-encoding': 'gzip, br' } })
      const enc = r.headers.get('content-encoding') ?? ''
      // fetch decodes the body; what came over the wire is only known when the server says so.
      const body = Buffer.from(await r.arrayBuffer())
      sizes.set(src, r.ok ? { raw: body.length, gz: gz(body), served: enc } : null)
    }
    return sizes.get(src)!
  }

  const rows: string[][] = []
  const details: string[] = []
  const encodings = new Set<string>()
  for (const [name, p, signedIn] of pages) {
    if (!p) {
      rows.push([name, '—', '', '', '', '', '', '', 'FAIL（找不到链接）'])
      failed = true
      continue
    }
    const page = await get(p, signedIn)
    if (page.status !== 200) {
      rows.push([name, p, '', '', '', '', '', '', `FAIL（${page.status}）`])
      failed = true
      continue
    }
    const { external, nomodule, inline } = scriptsOf(page.text)
    let raw = 0
    let zipped = 0
    const each: Array<[string, number]> = []
    for (const src of external) {
      const s = await sizeOf(src)
      if (!s) {
        failed = true
        details.push(`  ${p}：脚本 ${src} 取不到`)
        continue
      }
      encodings.add(s.served || '未压缩')
      raw += s.raw
      zipped += s.gz
      each.push([src, s.gz])
    }
    const inlineGz = inline ? gz(inline) : 0
    rows.push([
      name,
      p.length > 28 ? `${p.slice(0, 27)}…` : p,
      String(external.length),
      kb(raw),
      kb(zipped),
      kb(inlineGz),
      kb(zipped + inlineGz),
      `≤ ${TARGET_KB}`,
      zipped <= TARGET_KB * KB ? 'PASS' : 'MISS',
    ])
    if (nomodule.length) details.push(`  ${p}：nomodule 脚本 ${nomodule.length} 个（现代浏览器不下载，未计入）`)
    if (opts.chunks) {
      details.push(`  ${p} 的脚本（gzip KB）：`)
      for (const [src, n] of each.sort((a, b) => b[1] - a[1])) details.push(`    ${kb(n).padStart(6)}  ${src}`)
    }
  }

  const head = ['页面', '地址', '脚本数', '脚本 KB', '脚本 gzip KB', '内联 gzip KB', '合计 gzip KB', '目标 KB', '结果']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i] + 1) : c.padStart(widths[i]))).join('  ')
  console.log('')
  console.log(`学员页面的脚本（${url}，以 ${opts.email} 登录；gzip 级别 9；服务器对脚本的编码：${[...encodings].join('、') || '—'}）`)
  console.log(line(head))
  for (const r of rows) console.log(line(r))
  console.log(
    '（脚本：页面中的 <script src> 与预加载的脚本，不含 nomodule；目标针对脚本文件的 gzip 大小；内联：页面 HTML 中的内联脚本（如 React 的 Suspense 替换），随页面一起传输）',
  )
  const all = [...sizes.entries()].filter(([, s]) => s).map(([src, s]) => [src, s!] as const)
  console.log(
    `各页面共用与独有的脚本合计 ${all.length} 个，${kb(all.reduce((n, [, s]) => n + s.raw, 0))} KB，gzip ${kb(all.reduce((n, [, s]) => n + s.gz, 0))} KB`,
  )
  for (const d of details) console.log(d)
} catch (error) {
  console.error(error)
  failed = true
} finally {
  await stopAll()
}
process.exit(failed ? 1 : 0)
