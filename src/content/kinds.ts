import type { Role } from '../access/roles'

/**
 * The content-kind registry: every kind of content the platform publishes, and what it takes part
 * in. Lists, labels, links, title joins and checks elsewhere are derived from here; adding a kind is
 * one entry (and its collection in `collections/`).
 */
type KindEntry = {
  /** Its name in the admin and on the member site. */
  label: string
  /** Payload's PostgreSQL table for the collection. */
  table: string
  /** Where members read it: `${path}/${id}`. */
  path: string
  /** Who writes it (the three-level review's author). */
  author: Role
  /** The player credits study time on it (heartbeats). */
  tracked: boolean
  /** A learning record (study_progress) may name it: tracked kinds and courses (completed through their lessons). */
  studied: boolean
  /** Its audience is limited by stage and organisation (the others: every member, and visitors where public). */
  audience: boolean
  /** Visitors who are not signed in read its published items. */
  public: boolean
}

export const CONTENT_KINDS = {
  courses: {
    label: '课程',
    table: 'courses',
    path: '/courses',
    author: 'courseCurator',
    tracked: false,
    studied: true,
    audience: true,
    public: false,
  },
  'micro-lessons': {
    label: '微党课',
    table: 'micro_lessons',
    path: '/lessons',
    author: 'courseCurator',
    tracked: true,
    studied: true,
    audience: true,
    public: false,
  },
  'red-resources': {
    label: '红色资源',
    table: 'red_resources',
    path: '/resources',
    author: 'propagandaEditor',
    tracked: true,
    studied: true,
    audience: false,
    public: true,
  },
  news: {
    label: '党建动态',
    table: 'news',
    path: '/news',
    author: 'propagandaEditor',
    tracked: true,
    studied: true,
    audience: false,
    public: true,
  },
  quizzes: {
    label: '测验',
    table: 'quizzes',
    path: '/quizzes',
    author: 'courseCurator',
    tracked: false,
    studied: false,
    audience: true,
    public: false,
  },
} as const satisfies Record<string, KindEntry>

export type ContentKind = keyof typeof CONTENT_KINDS
type KindsWhere<P> = { [K in ContentKind]: (typeof CONTENT_KINDS)[K] extends P ? K : never }[ContentKind]
/** Kinds the player credits study time on. */
export type TrackedKind = KindsWhere<{ tracked: true }>
/** Kinds a learning record may name. */
export type StudiedKind = KindsWhere<{ studied: true }>

export const CONTENT_KIND_SLUGS = Object.keys(CONTENT_KINDS) as ContentKind[]
export const TRACKED_KINDS = CONTENT_KIND_SLUGS.filter((k): k is TrackedKind => CONTENT_KINDS[k].tracked)
export const STUDIED_KINDS = CONTENT_KIND_SLUGS.filter((k): k is StudiedKind => CONTENT_KINDS[k].studied)

export const isContentKind = (slug: string): slug is ContentKind => slug in CONTENT_KINDS
export const kindLabel = (slug: string): string => (isContentKind(slug) ? CONTENT_KINDS[slug].label : slug)
/** The member page of an item; `/` for something that is not a content kind. */
export const kindHref = (slug: string, id: number | string): string => (isContentKind(slug) ? `${CONTENT_KINDS[slug].path}/${id}` : '/')

/**
 * SQL that names each item of a learning record or rollup: LEFT JOINs on every studied kind's table
 * and the title they give (`（已删除）` for an item deleted since). `from` is the alias of the row
 * holding `item_collection` and `item_id`.
 */
export const studiedTitleSql = (from: string) => {
  const alias = (k: StudiedKind) => `k_${CONTENT_KINDS[k].table}`
  return {
    joins: STUDIED_KINDS.map(
      (k) => `LEFT JOIN ${CONTENT_KINDS[k].table} ${alias(k)} ON ${from}.item_collection = '${k}' AND ${alias(k)}.id = ${from}.item_id`,
    ).join('\n         '),
    title: `coalesce(${STUDIED_KINDS.map((k) => `${alias(k)}.title`).join(', ')}, '（已删除）')`,
  }
}
