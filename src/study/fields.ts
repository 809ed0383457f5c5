import type { Field } from 'payload'

export const STUDY_ITEM_COLLECTIONS = ['micro-lessons', 'red-resources', 'news', 'courses'] as const
export type StudyItemCollection = (typeof STUDY_ITEM_COLLECTIONS)[number]

const ITEM_LABELS: Record<StudyItemCollection, string> = {
  'micro-lessons': '微党课',
  'red-resources': '红色资源',
  news: '党建动态',
  courses: '课程',
}

/** Who and what a learning record is about: the member, their organisation then, and the item. */
export const memberAndItemFields = (): Field[] => [
  { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true, label: { zh: '学员', en: 'Member' } },
  { name: 'organization', type: 'relationship', relationTo: 'organizations', index: true, label: { zh: '所在组织', en: 'Organisation' } },
  {
    type: 'row',
    fields: [
      {
        name: 'itemCollection',
        type: 'select',
        required: true,
        options: STUDY_ITEM_COLLECTIONS.map((value) => ({ value, label: ITEM_LABELS[value] })),
        label: { zh: '内容类型', en: 'Item type' },
      },
      { name: 'itemId', type: 'number', required: true, label: { zh: '内容 ID', en: 'Item id' } },
    ],
  },
]
