import type { PayloadRequest } from 'payload'

import { idOf } from '../access/roles'
import { poolOf } from '../study/service'
import { INDEX_UID, searchClient } from './client'
import { audienceFilter } from './query'

/**
 * Recommendations (为你推荐): Meilisearch feeds merged and ranked here, with these weights. A
 * candidate's score is the sum over the feeds that returned it of weight × its strength in that
 * feed (0–1); its reason is the feed that contributed most.
 */
export const WEIGHTS = {
  /** Themes of what the member studied, recent study counting more (half-life 30 days). */
  history: 3,
  /** Required courses of the member's audience not yet completed. */
  required: 4,
  /** Themes of questions the member recently got wrong. */
  wrongAnswers: 2.5,
  /** Themes the member chose as interests. */
  interests: 2,
  /** Studied by many in the last 30 days. */
  popular: 1,
} as const
/** At most this many items of one theme in the top ten. */
export const MAX_PER_THEME = 3
const HALF_LIFE_DAYS = 30
const RECOMMENDABLE = '(collection IN ["courses", "micro-lessons", "red-resources"])'

export type Recommendation = { id: string; collection: string; itemId: number; title: string; kind: string; themes: string[]; reason: string; score: number }
type Hit = { id: string; collection: string; itemId: number; title: string; kind: string; themes: string[]; themeIds: number[]; popularity: number; requirement: string | null; audienceOrgs: number[] }
type Feed = keyof typeof WEIGHTS

type Req = Pick<PayloadRequest, 'user' | 'payload' | 'context'>

/** What the member studied (with recency weights), completed, and got wrong lately. */
const memberSignals = async (req: Req) => {
  const pool = poolOf(req.payload)
  const memberId = req.user!.id
  const studied = await pool.query<{ item_collection: string; item_id: string; completed_at: Date | null; updated_at: Date }>(
    `SELECT item_collection::text, item_id, completed_at, updated_at FROM study_progress WHERE member_id = $1 ORDER BY updated_at DESC LIMIT 200`,
    [memberId],
  )
  const wrong = await pool.query<{ qid: string }>(
    `SELECT DISTINCT (r->>'questionId') AS qid FROM quiz_attempts a, jsonb_array_elements(a.results) r
      WHERE a.member_id = $1 AND a.status = 'submitted' AND a.submitted_at > now() - interval '30 days' AND NOT (r->>'correct')::boolean LIMIT 100`,
    [memberId],
  )
  return { studied: studied.rows, wrongQuestionIds: wrong.rows.map((r) => Number(r.qid)) }
}

const filterOf = (...parts: Array<string | null | undefined | false>) => parts.filter(Boolean).join(' AND ')

/** The member's next items, each with a short reason. Completed items and items outside their audience never appear. */
export const recommend = async (req: Req, limit = 10): Promise<Recommendation[]> => {
  const { payload, user } = req
  if (!user) return []
  const client = searchClient()
  const index = INDEX_UID()
  const audience = await audienceFilter(req)
  const { studied, wrongQuestionIds } = await memberSignals(req)
  const completed = studied.filter((s) => s.completed_at).map((s) => `${s.item_collection}-${Number(s.item_id)}`)
  const notDone = completed.length ? `id NOT IN [${completed.map((c) => `"${c}"`).join(', ')}]` : null

  // Themes of studied items (from the index), weighted by how recently they were studied.
  const studiedIds = studied.map((s) => `"${s.item_collection}-${Number(s.item_id)}"`)
  const studiedDocs = studiedIds.length
    ? ((await client.index(index).search('', { filter: `id IN [${studiedIds.join(', ')}]`, limit: 200, attributesToRetrieve: ['id', 'title', 'themeIds'] })).hits as Array<{ id: string; title: string; themeIds: number[] }>)
    : []
  const byId = new Map(studiedDocs.map((d) => [d.id, d]))
  const historyThemes = new Map<number, { weight: number; because: string }>()
  const now = Date.now()
  for (const s of studied) {
    const d = byId.get(`${s.item_collection}-${Number(s.item_id)}`)
    if (!d) continue
    const w = Math.pow(0.5, (now - new Date(s.updated_at).getTime()) / 86_400_000 / HALF_LIFE_DAYS)
    for (const t of d.themeIds ?? []) {
      const cur = historyThemes.get(t)
      historyThemes.set(t, { weight: (cur?.weight ?? 0) + w, because: cur?.because ?? d.title })
    }
  }
  const interestThemes = ((user as { interests?: unknown[] }).interests ?? []).map((t) => Number(idOf(t))).filter(Boolean)
  const wrongThemes = wrongQuestionIds.length
    ? [
        ...new Set(
          (await payload.find({ collection: 'questions', where: { id: { in: wrongQuestionIds } }, depth: 0, limit: 0, pagination: false, overrideAccess: true, select: { themes: true } })).docs.flatMap((q) =>
            (q.themes ?? []).map((t) => Number(idOf(t))),
          ),
        ),
      ]
    : []
  const themeNames = new Map((await payload.find({ collection: 'themes', depth: 0, limit: 0, pagination: false })).docs.map((t) => [t.id, t.name]))

  const base = filterOf(RECOMMENDABLE, audience, notDone)
  const inThemes = (ids: number[]) => (ids.length ? `themeIds IN [${ids.join(', ')}]` : null)
  const retrieve = ['id', 'collection', 'itemId', 'title', 'kind', 'themes', 'themeIds', 'popularity', 'requirement', 'audienceOrgs']
  const historyIds = [...historyThemes.keys()]
  const queries: Array<{ feed: Feed; filter: string | null }> = [
    { feed: 'history', filter: historyIds.length ? filterOf(base, inThemes(historyIds)) : null },
    { feed: 'required', filter: filterOf(base, 'collection = "courses"', 'requirement = "required"') },
    { feed: 'wrongAnswers', filter: wrongThemes.length ? filterOf(base, inThemes(wrongThemes)) : null },
    { feed: 'interests', filter: interestThemes.length ? filterOf(base, inThemes(interestThemes)) : null },
    { feed: 'popular', filter: base },
  ]
  const active = queries.filter((q) => q.filter !== null)
  const { results } = await client.multiSearch({
    queries: active.map((q) => ({ indexUid: index, q: '', filter: q.filter!, limit: 40, sort: ['popularity:desc', 'publishedAt:desc'], attributesToRetrieve: retrieve })),
  })

  const maxHistory = Math.max(1, ...[...historyThemes.values()].map((v) => v.weight))
  const maxPopularity = Math.max(1, ...results.flatMap((r) => (r.hits as Hit[]).map((h) => h.popularity ?? 0)))
  const orgs = new Set((req.context?.orgChain as Array<number | string> | undefined)?.map(Number) ?? [])
  const scored = new Map<string, { hit: Hit; score: number; best: number; reason: string }>()
  active.forEach((q, i) => {
    for (const hit of results[i].hits as Hit[]) {
      let strength = 0
      let reason = ''
      if (q.feed === 'history') {
        const top = (hit.themeIds ?? []).map((t) => ({ t, v: historyThemes.get(t) })).filter((x) => x.v).sort((a, b) => b.v!.weight - a.v!.weight)[0]
        strength = top ? top.v!.weight / maxHistory : 0
        reason = top ? `因为你学习了《${top.v!.because}》` : ''
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
      } else {
        strength = (hit.popularity ?? 0) / maxPopularity
        reason = '本周热门'
      }
      const contribution = WEIGHTS[q.feed] * strength + 0.01 // a tiny floor keeps feed order stable
      const cur = scored.get(hit.id) ?? { hit, score: 0, best: -1, reason }
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

/** Records what was shown (one row per item), in one statement. */
export const recordImpressions = async (req: Req, items: Recommendation[]) => {
  if (!req.user || !items.length) return
  const values = items.map((_, i) => `($1, 'impression', $${i * 3 + 2}, $${i * 3 + 3}, $${i * 3 + 4}, now(), now())`).join(', ')
  await poolOf(req.payload).query(
    `INSERT INTO recommendation_events (member_id, kind, item_key, reason, position, created_at, updated_at) VALUES ${values}`,
    [req.user.id, ...items.flatMap((it, i) => [it.id, it.reason, i + 1])],
  )
}

/** Records a click on a recommended item. */
export const recordClick = async (req: Req, itemKey: string, position: number | null) => {
  if (!req.user) return
  await poolOf(req.payload).query(
    `INSERT INTO recommendation_events (member_id, kind, item_key, position, created_at, updated_at) VALUES ($1, 'click', $2, $3, now(), now())`,
    [req.user.id, itemKey, position],
  )
}
