/**
 * In-memory replica of `npm run eval:recommend`'s simulation (no services): the same synthetic
 * members and catalogue, scored by popularity, by an oracle that knows each member's hidden themes,
 * and by the recommender's ranking rule (theme affinity relative to the catalogue, popularity, at
 * most three of a theme) at several weights. Used to choose the weights and to see the ceiling.
 *   N=600 T=11 M=2000 SEED=7 npx tsx bench/eval-replica.ts
 */
import { seeded, syntheticDocuments } from './synthetic'
const random = seeded(Number(process.env.SEED ?? 7))
const themesL = Array.from({ length: Number(process.env.T ?? 11) }, (_, i) => ({ id: i + 1, name: 't' + i }))
const N = Number(process.env.N ?? 600),
  M = Number(process.env.M ?? 300),
  H = 10,
  HO = 3
const docs = syntheticDocuments({
  count: N,
  themes: themesL,
  stages: [],
  organizations: [],
  random,
  collections: ['courses', 'micro-lessons', 'red-resources'],
  restrictedShare: 0,
})
type Item = (typeof docs)[number]
const appeal = new Map(docs.map((c) => [c.id, 0.2 + random() ** 3 * 3]))
const pick = (items: Item[], w: number[]) => {
  const t = w.reduce((a, b) => a + b, 0)
  let r = random() * t
  for (let i = 0; i < items.length; i++) if ((r -= w[i]) <= 0) return items[i]
  return items[items.length - 1]
}
const members = [] as Array<{ fav: number[]; hist: Item[]; held: Set<string> }>
const pop = new Map<string, number>()
for (let m = 0; m < M; m++) {
  const fav = [1 + Math.floor(random() * themesL.length), 1 + Math.floor(random() * themesL.length)]
  const wOf = (c: Item) => (c.themeIds.some((t) => fav.includes(t)) ? 8 : 1) * appeal.get(c.id)!
  const seq: Item[] = []
  while (seq.length < H + HO) {
    const left = docs.filter((c) => !seq.includes(c))
    seq.push(pick(left, left.map(wOf)))
  }
  for (const c of seq.slice(0, H)) pop.set(c.id, (pop.get(c.id) ?? 0) + 1)
  members.push({ fav, hist: seq.slice(0, H), held: new Set(seq.slice(H).map((c) => c.id)) })
}
const share = new Map<number, number>()
for (const d of docs) for (const t of d.themeIds) share.set(t, (share.get(t) ?? 0) + 1 / docs.length)
const maxPop = Math.max(...pop.values())
const diversify = (ranked: Item[], cap = 3) => {
  const out: Item[] = []
  const per = new Map<number, number>()
  for (const c of ranked) {
    const t = c.themeIds[0]
    if ((per.get(t) ?? 0) >= cap) continue
    out.push(c)
    per.set(t, (per.get(t) ?? 0) + 1)
    if (out.length >= 10) break
  }
  return out
}
const variants: Record<string, (m: (typeof members)[number]) => Item[]> = {
  popularity: (m) =>
    docs
      .filter((d) => !m.hist.includes(d))
      .sort((a, b) => (pop.get(b.id) ?? 0) - (pop.get(a.id) ?? 0))
      .slice(0, 10),
  oracle: (m) =>
    docs
      .filter((d) => !m.hist.includes(d))
      .sort(
        (a, b) =>
          (b.themeIds.some((t) => m.fav.includes(t)) ? 8 : 1) * appeal.get(b.id)! -
          (a.themeIds.some((t) => m.fav.includes(t)) ? 8 : 1) * appeal.get(a.id)!,
      )
      .slice(0, 10),
}
const mk =
  (mode: string, W: number, cap: number | null, topK = 3, smooth = 0) =>
  (m: (typeof members)[number]) => {
    const hw = new Map<number, number>()
    let tot = 0
    for (const c of m.hist)
      for (const t of c.themeIds) {
        hw.set(t, (hw.get(t) ?? 0) + 1)
        tot++
      }
    const aff = new Map([...hw].map(([t, w]) => [t, w / tot / share.get(t)!]))
    const top = [...aff]
      .filter(([, a]) => a >= 1)
      .sort((a, b) => b[1] - a[1])
      .slice(0, topK)
      .map(([t]) => t)
    const maxA = Math.max(1, ...aff.values())
    const score = (d: Item) => {
      const tt = d.themeIds.filter((t) => top.includes(t)).sort((a, b) => aff.get(b)! - aff.get(a)!)[0]
      const a = tt === undefined ? 0 : aff.get(tt)! / maxA
      const p = ((pop.get(d.id) ?? 0) + smooth) / (maxPop + smooth)
      return mode === 'mult' ? (1 + W * a) * p : W * a + p
    }
    const ranked = docs.filter((d) => !m.hist.includes(d)).sort((a, b) => score(b) - score(a))
    return cap ? diversify(ranked, cap) : ranked.slice(0, 10)
  }
for (const W of [0.5, 0.75, 1, 1.5, 2, 3]) variants['add' + W + ' div'] = mk('add', W, 3)
variants['add1 div top2'] = mk('add', 1, 3, 2)
variants['add1 div top4'] = mk('add', 1, 3, 4)
for (const [k, f] of Object.entries(variants)) {
  let hits = 0
  for (const m of members) hits += f(m).filter((d) => m.held.has(d.id)).length
  console.log(k.padEnd(16), (hits / (M * 10)).toFixed(4))
}
