import type { CollectionConfig } from 'payload'

import { nobody } from '../src/access/nobody'
import {
  ASPECT_LABELS,
  ASPECTS,
  deleteInspections,
  guardInspection,
  RATING_LABELS,
  RATINGS,
  readInspections,
  updateInspections,
} from '../src/meetings/inspection'

/** 督查记录: one inspector drawn for one meeting, and their assessment once filed (src/meetings/inspection.ts). */
export const MeetingInspections: CollectionConfig = {
  slug: 'meeting-inspections',
  labels: { singular: { zh: '督查记录', en: 'Inspection' }, plural: { zh: '督查记录', en: 'Inspections' } },
  admin: {
    group: { zh: '组织生活', en: 'Organisation life' },
    defaultColumns: ['meeting', 'inspector', 'status', 'filedAt'],
    description: {
      zh: '由院级党委从督查员库随机抽取；督查员列席会议后填写督查意见，支部书记可见。',
      en: 'Drawn at random; the inspector files, the branch reads.',
    },
  },
  access: { read: readInspections, create: nobody, update: updateInspections, delete: deleteInspections },
  hooks: { beforeChange: [guardInspection] },
  indexes: [{ fields: ['meeting', 'inspector'], unique: true }],
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'meeting',
          type: 'relationship',
          relationTo: 'meetings',
          required: true,
          label: { zh: '会议', en: 'Meeting' },
          admin: { readOnly: true },
        },
        {
          name: 'inspector',
          type: 'relationship',
          relationTo: 'users',
          required: true,
          index: true,
          label: { zh: '督查员', en: 'Inspector' },
          admin: { readOnly: true },
        },
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'assigned',
          options: [
            { value: 'assigned', label: { zh: '待督查', en: 'Assigned' } },
            { value: 'filed', label: { zh: '已提交意见', en: 'Filed' } },
          ],
          label: { zh: '状态', en: 'Status' },
          admin: { readOnly: true },
        },
      ],
    },
    {
      type: 'row',
      fields: ASPECTS.map((a) => ({
        name: a,
        type: 'select' as const,
        options: RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] })),
        label: { zh: ASPECT_LABELS[a], en: a },
      })),
    },
    { name: 'comments', type: 'textarea', label: { zh: '督查意见', en: 'Comments' } },
    {
      type: 'row',
      fields: [
        {
          name: 'organization',
          type: 'relationship',
          relationTo: 'organizations',
          index: true,
          label: { zh: '支部', en: 'Branch' },
          admin: { readOnly: true },
        },
        { name: 'drawnBy', type: 'relationship', relationTo: 'users', label: { zh: '抽取人', en: 'Drawn by' }, admin: { readOnly: true } },
        {
          name: 'filedAt',
          type: 'date',
          label: { zh: '提交时间', en: 'Filed at' },
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
  ],
}
