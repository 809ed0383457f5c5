import type { CollectionConfig } from 'payload'

import { createPool, guardPool, poolAccess } from '../src/meetings/inspection'

/** 督查员库: the people a college or Party committee may send to inspect its branches' organisation life (src/meetings/inspection.ts). */
export const Inspectors: CollectionConfig = {
  slug: 'inspectors',
  labels: { singular: { zh: '督查员', en: 'Inspector' }, plural: { zh: '督查员库', en: 'Inspectors' } },
  admin: {
    group: { zh: '组织生活', en: 'Organisation life' },
    defaultColumns: ['person', 'note', 'organization'],
    description: {
      zh: '本党委的组织生活督查员；抽取时不会派往督查员本人所在的支部。',
      en: 'This committee’s inspectors; never sent to their own branch.',
    },
  },
  access: { read: poolAccess, create: createPool, update: poolAccess, delete: poolAccess },
  hooks: { beforeChange: [guardPool] },
  indexes: [{ fields: ['person', 'organization'], unique: true }],
  fields: [
    { name: 'person', type: 'relationship', relationTo: 'users', required: true, label: { zh: '督查员', en: 'Person' } },
    {
      name: 'note',
      type: 'text',
      label: { zh: '备注', en: 'Note' },
      admin: { description: { zh: '如：院党委委员、离退休党员', en: 'e.g. committee member' } },
    },
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      index: true,
      label: { zh: '所属党委', en: 'Committee' },
      admin: { readOnly: true },
    },
  ],
}
