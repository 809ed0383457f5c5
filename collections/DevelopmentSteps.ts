import type { CollectionConfig } from 'payload'

import { nobody } from '../src/access/nobody'
import { caseReaders } from '../src/development/access'

const readOnly = { readOnly: true }

/** 发展步骤记录: one step of a case, done by the role the rules name, with its date, documents and notes. */
export const DevelopmentSteps: CollectionConfig = {
  slug: 'development-steps',
  labels: { singular: { zh: '发展步骤', en: 'Development step' }, plural: { zh: '发展步骤记录', en: 'Development steps' } },
  admin: {
    group: { zh: '发展党员', en: 'Member development' },
    useAsTitle: 'title',
    defaultColumns: ['person', 'no', 'title', 'date', 'doneBy'],
  },
  access: { read: ({ req }) => caseReaders(req), create: nobody, update: nobody, delete: nobody },
  // One record per step and case: two secretaries clicking at once cannot record a step twice.
  indexes: [{ fields: ['case', 'no'], unique: true }],
  fields: [
    {
      name: 'case',
      type: 'relationship',
      relationTo: 'development-cases',
      required: true,
      index: true,
      label: { zh: '发展档案', en: 'Case' },
      admin: readOnly,
    },
    {
      name: 'person',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      index: true,
      label: { zh: '本人', en: 'Person' },
      admin: readOnly,
    },
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      required: true,
      index: true,
      label: { zh: '支部', en: 'Branch' },
      admin: readOnly,
    },
    {
      type: 'row',
      fields: [
        { name: 'no', type: 'number', required: true, label: { zh: '步骤', en: 'Step' }, admin: readOnly },
        { name: 'title', type: 'text', required: true, label: { zh: '名称', en: 'Title' }, admin: readOnly },
        {
          name: 'date',
          type: 'date',
          required: true,
          label: { zh: '日期', en: 'Date' },
          admin: { ...readOnly, date: { pickerAppearance: 'dayOnly', displayFormat: 'yyyy年M月d日' } },
        },
      ],
    },
    { name: 'doneBy', type: 'relationship', relationTo: 'users', label: { zh: '办理人', en: 'Done by' }, admin: readOnly },
    {
      name: 'documents',
      type: 'relationship',
      relationTo: 'development-documents',
      hasMany: true,
      label: { zh: '材料', en: 'Documents' },
      admin: readOnly,
    },
    { name: 'notes', type: 'textarea', label: { zh: '说明', en: 'Notes' }, admin: readOnly },
    { name: 'vote', type: 'relationship', relationTo: 'development-votes', label: { zh: '支部大会表决', en: 'Vote' }, admin: readOnly },
  ],
}
