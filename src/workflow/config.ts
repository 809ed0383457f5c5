import type { Role } from '../access/roles'

/** The collections that go through the three-level review (三审), and who writes each of them. */
export const REVIEWED_COLLECTIONS = ['courses', 'micro-lessons', 'red-resources', 'news', 'quizzes'] as const
export type ReviewedCollection = (typeof REVIEWED_COLLECTIONS)[number]

export const AUTHOR_ROLE: Record<ReviewedCollection, Role> = {
  courses: 'courseCurator',
  'micro-lessons': 'courseCurator',
  quizzes: 'courseCurator',
  news: 'propagandaEditor',
  'red-resources': 'propagandaEditor',
}

export const COLLECTION_LABELS: Record<ReviewedCollection, string> = {
  courses: '课程',
  'micro-lessons': '微党课',
  'red-resources': '红色资源',
  news: '党建动态',
  quizzes: '测验',
}

/** Fields whose text the sensitive-word check reads before submission. */
export const CHECKED_FIELDS = ['title', 'summary', 'body'] as const

/** Set in `req.context` by the review service (and the seed): the only writers of workflow fields. */
export const REVIEW_TRANSITION = 'reviewTransition'

export const isReviewedCollection = (slug: string): slug is ReviewedCollection =>
  (REVIEWED_COLLECTIONS as readonly string[]).includes(slug)

/** Where members read each kind of item on the site. */
export const SITE_PATHS: Record<ReviewedCollection, string> = {
  courses: '/courses',
  'micro-lessons': '/lessons',
  'red-resources': '/resources',
  news: '/news',
  quizzes: '/quizzes',
}

/** The member page of an item, and the staff-only preview of its latest draft there. */
export const sitePath = (collection: ReviewedCollection, id: number | string) => `${SITE_PATHS[collection]}/${id}`
export const previewPath = (collection: ReviewedCollection, id: number | string) => `/preview?collection=${collection}&id=${id}`
