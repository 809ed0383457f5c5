import type { PayloadRequest } from 'payload'

import { idOf } from '../access/roles'
import { changeCount, listening } from '../db/notify'
import { poolOf } from '../db/pool'
import { INDEX_UID, searchClient } from './client'
import { insertClick, insertImpressions, studiedItems, wrongThemes } from './queries'
import { audienceFilter } from './query'
import { stepTimer, type Timing } from '../timing'

/**
 * Recommendations (为你推荐): Meilisearch feeds merged and ranked here, with these weights. A
 * candidate's score is weight × popularity (0–1, relative to the most studied candidate) plus, for
 * each other feed that returned it, weight × its strength in that feed (0–1); its reason is the
 * largest of these contributions.
 */
export const WEIGHTS = {
  /**
   * Themes the member leans toward: their recent study (half-life 30 days) on each theme, relative
   * to that theme's share of the catalogue, so that a theme everyone meets often is not mistaken for
   * a preference. As strong as popularity: `npm run eval:recommend` found history ≈ popularity
   * best (history at 3× popularity lost a tenth of the precision).
   */
  history: 2.5,
  /** Required courses of the member's audience not yet completed. */
  required: 4,
  /** Themes of questions the member recently got wrong. */
  wrongAnswers: 3,
  /** Themes the member chose as interests. */
  interests: 3,
  /** Studied by many in the last 30 days (relative to the most studied candidate). */
  popular: 2.5,
} as const
/** At most this many items of one theme in the top ten. */
export const MAX_PER_THEME = 3
const HALF_LIFE_DAYS = 30
/** How many of the member's strongest themes feed the history candidates. */
const HISTORY_THEMES = 3
const SHARES_TTL_MS = 60_000
let sharesCache: { key: string; at: number; shares: Map<number, number> } | null = null

/** Each theme's share of the recommendable catalogue (a facet count, cached for a minute). */
const themeShares = async (client: ReturnType<typeof searchClient>, index: string) => {
  if (sharesCache && sharesCache.key === index && Date.now() - sharesCache.at < SHARES_TTL_MS) return sharesCache.shares
  const r = await client.index(index).search('', { filter: RECOMMENDABLE, limit: 0, facets: ['themeIds'] })
  const total = Math.max(1, r.estimatedTotalHits ?? 0)
  const shares = new Map(Object.entries(r.facetDistribution?.themeIds ?? {}).map(([t, n]) => [Number(t), n / total]))
  sharesCache = { key: index, at: Date.now(), shares }
  return shares
}
const RECOMMENDABLE = '(collection IN ["courses", "micro-lessons", "red-resources"])'

export type Recommendation = {
  id: string
  collection: string
  itemId: number
  title: string
  kind: string
  themes: string[]
  reason: string
  score: number
}
type Hit = {
  id: string
  collection: string
  itemId: number
  title: string
  kind: string
  themes: string[]
  themeIds: number[]
  popularity: number
  requirement: string | null
  audienceOrgs: number[]
}
type Feed = keyof typeof WEIGHTS

type Req = Pick<PayloadRequest, 'user' | 'payload' | 'context'>

/** What the member studied (with recency weights), completed, and the themes they got wrong lately. */
const memberSignals = async (req: Req) => {
  const pool = poolOf(req.payload)
  const memberId = req.user!.id
  const [studied, wrong] = await Promise.all([studiedItems(pool, memberId), wrongThemes(pool, memberId)])
  return { studied, wrongThemes: wrong }
}

let namesCache: { at: number; names: Map<number, string> } | null = null
const themeNamesOf = async (req: Req) => {
  if (namesCache && Date.now() - namesCache.at < SHARES_TTL_MS) return namesCache.names
  const names = new Map(
    (await req.payload.find({ collection: 'themes', depth: 0, limit: 0, pagination: false, overrideAccess: true })).docs.map((t) => [
      t.id,
      t.name,
    ]),
  )
  namesCache = { at: Date.now(), names }
  return names
}

/**
 * A title in book-title marks (书名号), as Chinese typesetting wants them (GB/T 15834-2011): a title
 * already wholly in 《》 is kept as it is, and 《》 inside a title become 〈〉 (the inner level), so
 * 《中国共产党章程》 never reads 《《中国共产党章程》》.
 */
export const bookTitle = (title: string): string => {
  const t = title.trim()
  if (/^《[^《》]*》$/.test(t)) return t
  return `《${t.replace(/《/g, '〈').replace(/》/g, '〉')}》`
}

const filterOf = (...parts: Array<string | null | undefined | false>) => parts.filter(Boolean).join(' AND ')

/** The member's next items, each with a short reason. Completed items and items outside their audience never appear. */
export const recommend = async (req: Req, limit = 10, timing?: Timing): Promise<Recommendation[]> => {
  if (!req.user) return []
  const step = stepTimer(timing)
  const inputs = await inputsOf(req)
  step('signals')
  return rank(req, limit, inputs, step)
}

type Inputs = Awaited<ReturnType<typeof inputsOf>>

/** Everything a member's recommendations depend on besides the index: their audience and their signals. */
const inputsOf = async (req: Req) => {
  const [audience, { studied, wrongThemes }] = await Promise.all([audienceFilter(req), memberSignals(req)])
  const interestThemes = ((req.user as { interests?: unknown[] }).interests ?? []).map((t) => Number(idOf(t))).filter(Boolean)
  const completed = studied.filter((s) => s.completed_at).map((s) => `${s.item_collection}-${Number(s.item_id)}`)
  return { audience, studied, wrongThemes, interestThemes, completed }
}

/**
 * 首页's recommendations: a member's last list is shown again while nothing it was made from has
 * changed — their audience, interests, the items they opened and completed, the themes they got
 * wrong (read afresh on every view, so a completed item never reappears), and the courses, lessons
 * and resources (change notices from every instance, src/db/notify.ts) — for at most REUSE_MS, after
 * which popularity and the time-weighted history are looked at again. The recommendations API
 * (`GET /api/recommendations`, bench:search) always ranks afresh. Each list made costs three
 * Meilisearch requests and about 10 ms of CPU across the app and Meilisearch (measured 6 December
 * 2026); a member returns to 首页 several times between changes.
 */
export const recommendOnHome = async (req: Req, limit: number): Promise<Recommendation[]> => {
  if (!req.user) return []
  await listening(req.payload)
  const memberId = Number(req.user.id)
  const version = changeCount('content_items')
  const inputs = await inputsOf(req)
  const key = JSON.stringify([
    limit,
    inputs.audience,
    inputs.interestThemes,
    inputs.wrongThemes,
    [...inputs.completed].sort(),
    inputs.studied.map((s) => `${s.item_collection}-${Number(s.item_id)}`).sort(),
  ])
  const known = reused.get(memberId)
  if (known && known.key === key && known.version === version && Date.now() - known.at < REUSE_MS) return known.items
  const items = rank(req, limit, inputs, () => undefined)
  // Kept only if no content changed while it was made; oldest first out beyond REUSE_MAX members.
  reused.delete(memberId)
  if (reused.size >= REUSE_MAX) reused.delete(reused.keys().next().value!)
  const entry = { key, version, at: Date.now(), items }
  reused.set(memberId, entry)
  items.then(
    () => {
      if (changeCount('content_items') !== version && reused.get(memberId) === entry) reused.delete(memberId)
    },
    () => {
      if (reused.get(memberId) === entry) reused.delete(memberId)
    },
  )
  return items
}
const REUSE_MS = 60_000
/** About 2 KB each: 50,000 members' lists in about 100 MB at most. */
const REUSE_MAX = 50_000
const reused = new Map<number, { key: string; version: number; at: number; items: Promise<Recommendation[]> }>()

const rank = async (
  req: Req,
  limit: number,
  { audience, studied, wrongThemes, interestThemes, completed }: Inputs,
  step: (name: string) => void,
): Promise<Recommendation[]> => {
  const client = searchClient()
  const index = INDEX_UID()
  const notDone = completed.length ? `id NOT IN [${completed.map((c) => `"${c}"`).join(', ')}]` : null
  const base = filterOf(RECOMMENDABLE, audience, notDone)
  const inThemes = (ids: number[]) => (ids.length ? `themeIds IN [${ids.join(', ')}]` : null)
  const retrieve = ['id', 'collection', 'itemId', 'title', 'kind', 'themes', 'themeIds', 'popularity', 'requirement', 'audienceOrgs']
  const feedsOf = async (queries: Array<{ feed: Feed; filter: string | null }>) => {
    const active = queries.filter((q) => q.filter !== null)
    const { results } = active.length
      ? await client.multiSearch({
          queries: active.map((q) => ({
            indexUid: index,
            q: '',
            filter: q.filter!,
            limit: 40,
            sort: ['popularity:desc', 'publishedAt:desc'],
            attributesToRetrieve: retrieve,
          })),
        })
      : { results: [] }
    return active.map((q, i) => ({ ...q, hits: results[i].hits as Hit[] }))
  }
  // The feeds that do not depend on the member's history go out at once, beside the look-up of the
  // studied items' themes that the history feeds need (bench:search: one Meilisearch round trip
  // fewer on the way to the answer).
  const otherFeeds = feedsOf([
    { feed: 'required', filter: filterOf(base, 'collection = "courses"', 'requirement = "required"') },
    { feed: 'wrongAnswers', filter: wrongThemes.length ? filterOf(base, inThemes(wrongThemes)) : null },
    { feed: 'interests', filter: interestThemes.length ? filterOf(base, inThemes(interestThemes)) : null },
    { feed: 'popular', filter: base },
  ])
  // Not left unobserved while the history side runs (awaited below).
  otherFeeds.catch(() => undefined)

  // Themes of studied items (from the index), weighted by how recently they were studied.
  const studiedIds = studied.map((s) => `"${s.item_collection}-${Number(s.item_id)}"`)
  const studiedDocs = studiedIds.length
    ? ((
        await client
          .index(index)
          .search('', { filter: `id IN [${studiedIds.join(', ')}]`, limit: 200, attributesToRetrieve: ['id', 'title', 'themeIds'] })
      ).hits as Array<{ id: string; title: string; themeIds: number[] }>)
    : []
  step('studied')
  const byId = new Map(studiedDocs.map((d) => [d.id, d]))
  // Per theme: its weight and the two most recently studied items in it. Two, because the item to
  // explain may be one of them (opened, not completed): it is never recommended because of itself.
  const historyThemes = new Map<number, { weight: number; because: Array<{ id: string; title: string }> }>()
  const now = Date.now()
  for (const s of studied) {
    const d = byId.get(`${s.item_collection}-${Number(s.item_id)}`)
    if (!d) continue
    const w = Math.pow(0.5, (now - new Date(s.updated_at).getTime()) / 86_400_000 / HALF_LIFE_DAYS)
    for (const t of d.themeIds ?? []) {
      const cur = historyThemes.get(t) ?? { weight: 0, because: [] }
      cur.weight += w
      if (cur.because.length < 2) cur.because.push({ id: d.id, title: d.title })
      historyThemes.set(t, cur)
    }
  }
  const themeNames = await themeNamesOf(req)
  // The catalogue's theme shares (one facet query, cached), to tell a member's own leaning from
  // what everyone studies because there is simply more of it.
  const catalogueShare = await themeShares(client, index)
  step('shares')
  const totalHistory = [...historyThemes.values()].reduce((a, v) => a + v.weight, 0)
  const affinity = new Map(
    [...historyThemes].map(([t, v]) => [t, v.weight / totalHistory / Math.max(catalogueShare.get(t) ?? 0, 0.01)] as const),
  )
  // The member's strongest themes, each its own feed so that one popular theme cannot crowd out the rest.
  const topThemes = [...affinity]
    .filter(([, a]) => a >= 1)
    .sort((a, b) => b[1] - a[1])
    .slice(0, HISTORY_THEMES)
    .map(([t]) => t)
  const history = await feedsOf(topThemes.map((t) => ({ feed: 'history' as const, filter: filterOf(base, `themeIds = ${t}`) })))
  step('history')
  const feeds = [...history, ...(await otherFeeds)]
  step('feeds')
  const maxAffinity = Math.max(1, ...affinity.values())
  const maxPopularity = Math.max(1, ...feeds.flatMap((f) => f.hits.map((h) => h.popularity ?? 0)))
  const orgs = new Set((req.context?.orgChain as Array<number | string> | undefined)?.map(Number) ?? [])
  const scored = new Map<string, { hit: Hit; score: number; best: number; reason: string; feeds: Set<string> }>()
  feeds.forEach((q) => {
    for (const hit of q.hits) {
      let strength = 0
      let reason = ''
      if (q.feed === 'history') {
        const top = (hit.themeIds ?? []).filter((t) => topThemes.includes(t)).sort((a, b) => affinity.get(b)! - affinity.get(a)!)[0]
        strength = top === undefined ? 0 : affinity.get(top)! / maxAffinity
        const because = top === undefined ? undefined : historyThemes.get(top)!.because.find((b) => b.id !== hit.id)
        reason =
          top === undefined
            ? ''
            : because
              ? `因为你学习了${bookTitle(because.title)}`
              : `延续你学习的专题：${themeNames.get(top) ?? hit.themes?.[0] ?? ''}`
      } else if (q.feed === 'required') {
        strength = 1
        reason = (hit.audienceOrgs ?? []).some((o) => orgs.has(o)) ? '本支部必修' : '必修课程'
      } else if (q.feed === 'wrongAnswers') {
        strength = 0.8
        reason = '错题相关'
      } else if (q.feed === 'interests') {
        const t = (hit.themeIds ?? []).find((id) => interestThemes.includes(id))
        strength = 0.8
        reason = `你的专题：${themeNames.get(t ?? -1) ?? hit.themes?.[0] ?? ''}`
      }
      // Popularity counts for every candidate, whichever feed found it (the popular feed only adds
      // candidates); the other feeds add their weight once each.
      let cur = scored.get(hit.id)
      if (!cur) {
        const popularity = WEIGHTS.popular * ((hit.popularity ?? 0) / maxPopularity)
        cur = { hit, score: popularity, best: popularity, reason: '本周热门', feeds: new Set<string>() }
      }
      if (q.feed === 'popular' || cur.feeds.has(q.feed)) {
        scored.set(hit.id, cur)
        continue
      }
      const contribution = WEIGHTS[q.feed] * strength + 0.01 // a tiny floor keeps feed order stable
      cur.feeds.add(q.feed)
      cur.score += contribution
      if (contribution > cur.best) {
        cur.best = contribution
        cur.reason = reason
      }
      scored.set(hit.id, cur)
    }
  })

  // Varied: no more than MAX_PER_THEME items of one (primary) theme among the first ten.
  const ranked = [...scored.values()].sort((a, b) => b.score - a.score)
  const picked: typeof ranked = []
  const perTheme = new Map<number, number>()
  const deferred: typeof ranked = []
  for (const c of ranked) {
    const theme = c.hit.themeIds?.[0] ?? -1
    if (picked.length < 10 && (perTheme.get(theme) ?? 0) >= MAX_PER_THEME) {
      deferred.push(c)
      continue
    }
    picked.push(c)
    perTheme.set(theme, (perTheme.get(theme) ?? 0) + 1)
    if (picked.length >= limit) break
  }
  // Over-represented items may follow after the first ten, never within them.
  if (picked.length >= 10) for (const c of deferred) if (picked.length < limit) picked.push(c)
  return picked.slice(0, limit).map(({ hit, score, reason }) => ({
    id: hit.id,
    collection: hit.collection,
    itemId: hit.itemId,
    title: hit.title,
    kind: hit.kind,
    themes: hit.themes ?? [],
    reason,
    score: Math.round(score * 1000) / 1000,
  }))
}

/**
 * Records what was shown (one row per item), in one statement. Without waiting for the disk: the
 * commit's flush was the slowest step of a recommendation under load (bench:search), and a crash
 * may lose at most the last fraction of a second of impressions — display statistics, never a
 * member's record (synchronous_commit off keeps the database consistent either way).
 */
export const recordImpressions = async (req: Req, items: Recommendation[]) => {
  if (!req.user || !items.length) return
  // On the pool, not the caller's transaction: a page render has none, and a request's rollback must not take them.
  await insertImpressions(
    poolOf(req.payload),
    req.user.id,
    items.map((it, i) => ({ itemKey: it.id, reason: it.reason, position: i + 1 })),
  )
}

/** Records a click on a recommended item. */
export const recordClick = async (req: Req, itemKey: string, position: number | null) => {
  if (!req.user) return
  await insertClick(poolOf(req.payload), req.user.id, itemKey, position)
}
