import type { CollectionConfig } from 'payload'

import { nobody } from '../src/access/nobody'
import { caseReaders } from '../src/development/access'
import { stageOptions } from '../src/people/stages'

const group = { zh: '发展党员', en: 'Member development' }
const readOnly = { readOnly: true }

/**
 * 发展档案: one per person, moving step by step under the rule set it names (src/development/).
 * Written only by the development service (its routes: src/development/endpoints.ts): nobody edits a
 * case, a step or a person's stage by hand; a correction of a stage is a logged act on the person
 * (src/people/hooks.ts).
 */
export const DevelopmentCases: CollectionConfig = {
  slug: 'development-cases',
  labels: { singular: { zh: '发展档案', en: 'Development case' }, plural: { zh: '发展档案', en: 'Development cases' } },
  admin: {
    group,
    defaultColumns: ['person', 'organization', 'stage', 'nextStep', 'status'],
    description: {
      zh: '入党申请人从递交申请到转正归档的全过程（25 个步骤）。在会员端“发展党员”页面办理各步骤、公示和表决。',
      en: 'From application to full membership, step by step; handled on the member site.',
    },
  },
  access: { read: ({ req }) => caseReaders(req), create: nobody, update: nobody, delete: nobody },
  fields: [
    {
      name: 'person',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      unique: true,
      label: { zh: '发展对象本人', en: 'Person' },
      admin: readOnly,
    },
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      required: true,
      index: true,
      label: { zh: '所在支部', en: 'Branch' },
      admin: readOnly,
    },
    { name: 'ruleVersion', type: 'text', required: true, label: { zh: '适用规则版本', en: 'Rule version' }, admin: readOnly },
    {
      type: 'row',
      fields: [
        {
          name: 'stage',
          type: 'select',
          options: stageOptions,
          required: true,
          index: true,
          label: { zh: '当前阶段', en: 'Stage' },
          admin: readOnly,
        },
        { name: 'stageSince', type: 'date', label: { zh: '本阶段起始', en: 'Stage since' }, admin: readOnly },
        { name: 'nextStep', type: 'number', index: true, label: { zh: '下一步', en: 'Next step' }, admin: readOnly },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'active',
      index: true,
      options: [
        { value: 'active', label: { zh: '进行中', en: 'Active' } },
        { value: 'completed', label: { zh: '已归档', en: 'Archived' } },
        { value: 'cancelled', label: { zh: '已终止', en: 'Cancelled' } },
      ],
      label: { zh: '状态', en: 'Status' },
      admin: readOnly,
    },
    {
      type: 'row',
      fields: [
        { name: 'extended', type: 'checkbox', label: { zh: '预备期已延长', en: 'Probation extended' }, admin: readOnly },
        { name: 'extensionMonths', type: 'number', label: { zh: '延长月数', en: 'Months' }, admin: readOnly },
      ],
    },
    { name: 'openedOn', type: 'date', label: { zh: '建档日期', en: 'Opened' }, admin: readOnly },
  ],
}
