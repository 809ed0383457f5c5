import type { Field } from 'payload'

import { CONTENT_KINDS, type StudiedKind } from '../content/kinds'

/**
 * The kinds a learning record names (src/content/kinds.ts STUDIED_KINDS), in the order of the
 * database enum the existing migrations created; tests/unit/content/kinds.test.ts keeps the two equal as sets.
 */
export const STUDY_ITEM_COLLECTIONS = ['micro-lessons', 'red-resources', 'news', 'courses'] as const satisfies readonly StudiedKind[]
export type StudyItemCollection = (typeof STUDY_ITEM_COLLECTIONS)[number]

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
        options: STUDY_ITEM_COLLECTIONS.map((value) => ({ value, label: CONTENT_KINDS[value].label })),
        label: { zh: '内容类型', en: 'Item type' },
      },
      { name: 'itemId', type: 'number', required: true, label: { zh: '内容 ID', en: 'Item id' } },
    ],
  },
]
