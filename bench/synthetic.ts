/**
 * Synthetic catalogue for the benchmark and the offline evaluation: index documents in exactly the
 * shape the sync writes (src/search/documents.ts), with Chinese titles and text built from the
 * platform's themes, so that queries such as 党史 match them as they would match real content.
 * They are written straight into a throw-away index; the database does not hold them.
 */
import { pinyinWords } from '../src/search/tolerance'
import type { SearchDocument } from '../src/search/documents'

export type Random = () => number

/** A small seeded generator (LCG), so that runs are repeatable. */
export const seeded = (seed: number): Random => {
  let s = seed
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
}

const SUBJECTS = ['学习', '传承', '弘扬', '深入领会', '坚定践行', '牢记', '回望', '读懂', '感悟', '推进']
const OBJECTS = [
  '伟大建党精神',
  '初心使命',
  '革命传统',
  '党的创新理论',
  '优良作风',
  '组织纪律',
  '群众路线',
  '自我革命精神',
  '红色基因',
  '制度优势',
]
const PLACES = ['井冈山', '延安', '西柏坡', '遵义', '嘉兴南湖', '古田', '瑞金', '大别山', '沂蒙', '红岩']
const SENTENCES = [
  '本讲围绕{t}展开，结合{p}的历史场景，讲清{o}的来龙去脉。',
  '学员通过{t}的学习，进一步{s}{o}，把学习成效转化为工作动力。',
  '以{p}为例，回顾{t}中的重要节点，体会{o}的时代价值。',
  '支部组织党员围绕{t}开展研讨，交流{s}{o}的体会。',
  '材料梳理了{t}的基本脉络，并附有{p}革命旧址的现场讲解。',
]

const COLLECTIONS = ['courses', 'micro-lessons', 'red-resources', 'news', 'quizzes'] as const
const KINDS: Record<(typeof COLLECTIONS)[number], string[]> = {
  courses: ['required', 'elective'],
  'micro-lessons': ['video', 'audio', 'article'],
  'red-resources': ['story', 'figure', 'site', 'base', 'document', 'image', 'video'],
  news: ['headline', 'notice', 'grassroots', 'theory'],
  quizzes: ['daily', 'topic', 'competition', 'lesson'],
}

export type Theme = { id: number; name: string }
export type SyntheticOptions = {
  count: number
  themes: Theme[]
  stages: string[]
  organizations: number[]
  random: Random
  /** First itemId used; keep clear of real ids. */
  firstId?: number
  /** Only these collections (default: all five). */
  collections?: ReadonlyArray<(typeof COLLECTIONS)[number]>
  /** Share of items restricted to some stages or organisations (default 0.15). */
  restrictedShare?: number
}

const one = <T>(r: Random, items: readonly T[]) => items[Math.floor(r() * items.length)]

export const syntheticDocuments = (o: SyntheticOptions): SearchDocument[] => {
  const r = o.random
  const collections = o.collections ?? COLLECTIONS
  const now = Date.now()
  const docs: SearchDocument[] = []
  for (let i = 0; i < o.count; i++) {
    const collection = collections[i % collections.length]
    const itemId = (o.firstId ?? 1_000_000) + i
    const themeCount = 1 + Math.floor(r() * 2)
    const themes = [...new Set(Array.from({ length: themeCount }, () => one(r, o.themes)))]
    const fill = (s: string) =>
      s.replace('{t}', themes[0].name).replace('{p}', one(r, PLACES)).replace('{o}', one(r, OBJECTS)).replace('{s}', one(r, SUBJECTS))
    const text = Array.from({ length: 6 + Math.floor(r() * 10) }, () => fill(one(r, SENTENCES))).join('')
    const hasAudience = collection === 'courses' || collection === 'micro-lessons' || collection === 'quizzes'
    const restricted = hasAudience && r() < (o.restrictedShare ?? 0.15)
    const stages = restricted && r() < 0.5 ? [one(r, o.stages)] : []
    const orgs = restricted && !stages.length ? [one(r, o.organizations)] : []
    const title = `${one(r, SUBJECTS)}${one(r, OBJECTS)}：${themes[0].name}${one(r, ['专题', '微党课', '故事', '读本', '讲座'])}（${i + 1}）`
    docs.push({
      id: `${collection}-${itemId}`,
      collection,
      itemId,
      kind: one(r, KINDS[collection]),
      title,
      // As the real documents carry them (src/search/documents.ts), so the index is as large.
      simplified: '',
      pinyin: pinyinWords([title, ...themes.map((t) => t.name)].join('\n')),
      summary: fill(one(r, SENTENCES)),
      text,
      themes: themes.map((t) => t.name),
      themeIds: themes.map((t) => t.id),
      audienceAllStages: stages.length === 0,
      audienceStages: stages,
      audienceAllOrgs: orgs.length === 0,
      audienceOrgs: orgs,
      requirement: collection === 'courses' ? (r() < 0.1 ? 'required' : 'elective') : null,
      creditHours: collection === 'micro-lessons' ? 0.5 : null,
      publishedAt: now - Math.floor(r() * 3 * 365 * 86_400_000),
      updatedAt: new Date(now).toISOString(),
      popularity: Math.floor(r() ** 3 * 200),
    })
  }
  return docs
}
