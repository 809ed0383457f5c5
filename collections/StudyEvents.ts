import type { CollectionConfig } from 'payload'

import { nobody, readOwnOrBranch } from '../src/access'
import { memberAndItemFields } from '../src/study/fields'

/**
 * 学习日志: the append-only log behind study progress — every start, heartbeat and completion with
 * the client's reported position, the server's time and what was credited. Never edited.
 */
export const StudyEvents: CollectionConfig = {
  slug: 'study-events',
  labels: { singular: { zh: '学习日志', en: 'Study event' }, plural: { zh: '学习日志', en: 'Study events' } },
  admin: {
    group: { zh: '学习记录', en: 'Learning records' },
    defaultColumns: ['createdAt', 'member', 'itemCollection', 'itemId', 'kind', 'creditedSeconds'],
  },
  access: { read: readOwnOrBranch, create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['member', 'beatId'], unique: true }],
  fields: [
    ...memberAndItemFields(),
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          type: 'select',
          required: true,
          options: [
            { value: 'start', label: { zh: '开始', en: 'Start' } },
            { value: 'heartbeat', label: { zh: '心跳', en: 'Heartbeat' } },
            { value: 'complete', label: { zh: '完成', en: 'Complete' } },
          ],
          label: { zh: '类型', en: 'Kind' },
        },
        { name: 'clientPosition', type: 'number', label: { zh: '客户端位置', en: 'Client position' } },
        { name: 'creditedSeconds', type: 'number', required: true, defaultValue: 0, label: { zh: '计入秒数', en: 'Credited seconds' } },
      ],
    },
    // The client's id for this beat: a replayed beat has the same id and is credited once.
    { name: 'beatId', type: 'text', required: true, label: { zh: '心跳编号', en: 'Beat id' } },
  ],
}
