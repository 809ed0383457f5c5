import type { CollectionConfig } from 'payload'

import { nobody, readOwnOrBranch } from '../src/access'
import { POINT_RULE_LABELS, POINT_RULES } from '../src/points/rules'

/**
 * 积分明细: one row per award, written by the server when the underlying event happens. The
 * (member, rule, event) key is unique, so an event never earns twice; caps apply per Shanghai day.
 */
export const PointsLedger: CollectionConfig = {
  slug: 'points-ledger',
  labels: { singular: { zh: '积分明细', en: 'Points entry' }, plural: { zh: '学习积分', en: 'Points ledger' } },
  admin: { group: { zh: '学习记录', en: 'Learning records' }, defaultColumns: ['createdAt', 'member', 'rule', 'points', 'day'] },
  access: { read: readOwnOrBranch, create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['member', 'rule', 'eventKey'], unique: true }, { fields: ['member', 'day'] }],
  fields: [
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true, label: { zh: '学员', en: 'Member' } },
    { name: 'organization', type: 'relationship', relationTo: 'organizations', index: true, label: { zh: '所在组织', en: 'Organisation' } },
    {
      type: 'row',
      fields: [
        {
          name: 'rule',
          type: 'select',
          required: true,
          options: POINT_RULES.map((value) => ({ value, label: POINT_RULE_LABELS[value] })),
          label: { zh: '规则', en: 'Rule' },
        },
        { name: 'points', type: 'number', required: true, label: { zh: '积分', en: 'Points' } },
        { name: 'day', type: 'text', required: true, label: { zh: '日期（北京时间）', en: 'Day (Asia/Shanghai)' } },
      ],
    },
    { name: 'eventKey', type: 'text', required: true, label: { zh: '事件', en: 'Event' } },
    { name: 'note', type: 'text', label: { zh: '说明', en: 'Note' } },
  ],
}
