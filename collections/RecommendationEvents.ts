import type { CollectionConfig } from 'payload'

import { hasRole, nobody } from '../src/access'

/**
 * 推荐曝光与点击: what was shown to whom (impression) and what they opened (click), so click-through
 * can be measured. Written only by the server; readable by content staff for evaluation.
 */
export const RecommendationEvents: CollectionConfig = {
  slug: 'recommendation-events',
  labels: { singular: { zh: '推荐记录', en: 'Recommendation event' }, plural: { zh: '推荐记录', en: 'Recommendation events' } },
  admin: { group: { zh: '学习记录', en: 'Learning records' }, defaultColumns: ['createdAt', 'kind', 'itemKey', 'reason'] },
  access: {
    read: ({ req: { user } }) => hasRole(user, 'propagandaEditor', 'courseCurator', 'reviewer'),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  fields: [
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true, label: { zh: '学员', en: 'Member' } },
    {
      name: 'kind',
      type: 'select',
      required: true,
      options: [
        { value: 'impression', label: { zh: '曝光', en: 'Impression' } },
        { value: 'click', label: { zh: '点击', en: 'Click' } },
      ],
      label: { zh: '类型', en: 'Kind' },
    },
    { name: 'itemKey', type: 'text', required: true, index: true, label: { zh: '内容', en: 'Item' } },
    { name: 'reason', type: 'text', label: { zh: '推荐理由', en: 'Reason' } },
    { name: 'position', type: 'number', label: { zh: '位置', en: 'Position' } },
  ],
}
