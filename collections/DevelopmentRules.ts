import type { CollectionConfig } from 'payload'

import { authenticated } from '../src/access/authenticated'
import { guardRules, keepsRules, keepUsedRules, oneActive } from '../src/development/localRules'
import { RULE_SETS } from '../src/development/steps'

const base = RULE_SETS['2014']

/** 发展党员本地规则: the Party committee's additions to a version of the 细则 (src/development/localRules.ts). */
export const DevelopmentRules: CollectionConfig = {
  slug: 'development-rules',
  labels: {
    singular: { zh: '发展党员本地规则', en: 'Local development rules' },
    plural: { zh: '发展党员本地规则', en: 'Local development rules' },
  },
  admin: {
    group: { zh: '发展党员', en: 'Member development' },
    useAsTitle: 'version',
    defaultColumns: ['version', 'base', 'noticeWorkingDays', 'trainingHours', 'active'],
    description: {
      zh: '校党委在《中国共产党发展党员工作细则》之上增加的本地要求：公示环节和天数、发展对象培训学时。只能加严，不能放宽；已有档案使用的版本不能修改，新的要求请新建版本并设为启用，新建档案按启用的版本办理。',
      en: 'Stricter local rules on top of a version; a version in use is fixed.',
    },
  },
  access: { read: authenticated, create: keepsRules, update: keepsRules, delete: keepsRules },
  hooks: { beforeChange: [guardRules], afterChange: [oneActive], beforeDelete: [keepUsedRules] },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'version', type: 'text', required: true, unique: true, label: { zh: '版本名', en: 'Version' } },
        {
          name: 'base',
          type: 'select',
          required: true,
          defaultValue: '2014',
          options: Object.values(RULE_SETS).map((r) => ({ value: r.version, label: `${r.title}（${r.version}）` })),
          label: { zh: '依据', en: 'Base' },
        },
        { name: 'active', type: 'checkbox', label: { zh: '启用（新建档案按此版本）', en: 'Active' } },
      ],
    },
    {
      name: 'noticeBeforeSteps',
      type: 'select',
      hasMany: true,
      options: base.steps.map((s) => ({ value: String(s.no), label: `第 ${s.no} 步 ${s.title}` })),
      label: { zh: '在以下步骤之前公示', en: 'Public notice before' },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'noticeWorkingDays',
          type: 'number',
          min: 0,
          max: 30,
          defaultValue: 5,
          label: { zh: '公示期（工作日）', en: 'Working days' },
        },
        {
          name: 'trainingHours',
          type: 'number',
          min: 0,
          max: 200,
          defaultValue: 24,
          label: { zh: '发展对象集中培训（学时）', en: 'Training hours' },
        },
      ],
    },
    {
      name: 'basis',
      type: 'textarea',
      label: { zh: '依据文件', en: 'Basis' },
      admin: { description: { zh: '如校党委文件名称和文号', en: 'The committee’s document' } },
    },
  ],
}
