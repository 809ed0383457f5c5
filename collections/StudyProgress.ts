import type { CollectionConfig } from 'payload'

import { nobody, readOwnOrBranch } from '../src/access'
import { memberAndItemFields } from '../src/study/fields'

/**
 * 学习进度: one row per member and item. Written only by the study service (heartbeats), in SQL
 * transactions; nobody creates or edits it through the API.
 */
export const StudyProgress: CollectionConfig = {
  slug: 'study-progress',
  labels: { singular: { zh: '学习进度', en: 'Study progress' }, plural: { zh: '学习进度', en: 'Study progress' } },
  admin: {
    group: { zh: '学习记录', en: 'Learning records' },
    defaultColumns: ['member', 'itemCollection', 'itemId', 'percent', 'hoursCredited', 'completedAt'],
  },
  access: { read: readOwnOrBranch, create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['member', 'itemCollection', 'itemId'], unique: true }],
  fields: [
    ...memberAndItemFields(),
    {
      type: 'row',
      fields: [
        { name: 'secondsCredited', type: 'number', required: true, defaultValue: 0, label: { zh: '有效学习秒数', en: 'Seconds credited' } },
        { name: 'position', type: 'number', required: true, defaultValue: 0, label: { zh: '续播位置', en: 'Resume position' } },
        { name: 'percent', type: 'number', required: true, defaultValue: 0, label: { zh: '进度 %', en: 'Percent' } },
        {
          name: 'furthestPosition',
          type: 'number',
          required: true,
          defaultValue: 0,
          label: { zh: '最远有效位置', en: 'Furthest accepted position' },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'completedAt',
          type: 'date',
          index: true,
          label: { zh: '完成时间', en: 'Completed at' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        { name: 'hoursCredited', type: 'number', required: true, defaultValue: 0, label: { zh: '计入学时', en: 'Hours credited' } },
        { name: 'quizPassedAt', type: 'date', label: { zh: '随堂测试通过时间', en: 'Lesson quiz passed at' } },
      ],
    },
  ],
}
