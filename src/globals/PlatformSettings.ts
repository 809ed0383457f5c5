import type { GlobalConfig } from 'payload'

import { authenticated, isSysAdmin } from '../access'
import { computed } from '../fields/computed'
import { recountAllOrganizations } from '../organizations/recount'
import { DEFAULT_POINT_RULES, POINT_RULE_LABELS, POINT_RULES } from '../points/rules'

/**
 * 平台设置: the numbers DOMAIN.md calls configuration (study-hour target, branch-size rules, term
 * warning), with its defaults. Changing a branch rule re-judges every branch at once.
 */
export const PlatformSettings: GlobalConfig = {
  slug: 'platform-settings',
  label: { zh: '平台设置', en: 'Platform settings' },
  admin: { group: { zh: '系统', en: 'System' } },
  access: { read: authenticated, update: isSysAdmin },
  hooks: {
    afterChange: [
      async ({ doc, previousDoc, req }) => {
        const keys = ['branchMinFullMembers', 'branchCommitteeThreshold', 'branchMaxMembers']
        if (keys.some((k) => doc[k] !== previousDoc?.[k])) await recountAllOrganizations(req.payload, req)
        return doc
      },
    ],
  },
  fields: [
    {
      name: 'annualStudyHoursTarget',
      type: 'number',
      required: true,
      defaultValue: 32,
      min: 1,
      label: { zh: '年度学时要求（学时）', en: 'Annual study-hour target' },
    },
    {
      type: 'row',
      fields: [
        { name: 'branchMinFullMembers', type: 'number', required: true, defaultValue: 3, min: 1, label: { zh: '支部正式党员下限', en: 'Min full members' } },
        { name: 'branchCommitteeThreshold', type: 'number', required: true, defaultValue: 7, min: 1, label: { zh: '设支委会的正式党员数', en: 'Committee threshold' } },
        { name: 'branchMaxMembers', type: 'number', required: true, defaultValue: 50, min: 1, label: { zh: '支部党员上限', en: 'Max members' } },
      ],
    },
    {
      name: 'termWarningDays',
      type: 'number',
      required: true,
      defaultValue: 90,
      min: 1,
      label: { zh: '换届提前提醒天数', en: 'Term-end warning (days)' },
    },
    {
      name: 'standingsMinParticipants',
      type: 'number',
      required: true,
      defaultValue: 5,
      min: 2,
      max: 100,
      label: { zh: '竞赛排行最少参与人数', en: 'Min participants to publish a group’s score' },
      admin: {
        description: {
          zh: '知识竞赛按支部、学院排行时，参与人数少于此数的组织不公布成绩（以免显示个人成绩），默认 5 人；平台不设个人排名',
          en: 'Competition standings publish no score for a branch or college with fewer participants (5 by default); there is no individual ranking',
        },
      },
    },
    {
      name: 'pointsRules',
      type: 'array',
      label: { zh: '学习积分规则', en: 'Points rules' },
      labels: { singular: { zh: '规则', en: 'Rule' }, plural: { zh: '规则', en: 'Rules' } },
      defaultValue: DEFAULT_POINT_RULES,
      admin: { description: { zh: '每项行为得分及每日上限（按北京时间计日）', en: 'Points per event and daily cap (Asia/Shanghai days)' } },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'rule', type: 'select', required: true, options: POINT_RULES.map((value) => ({ value, label: POINT_RULE_LABELS[value] })), label: { zh: '行为', en: 'Event' } },
            { name: 'points', type: 'number', required: true, min: 0, label: { zh: '每次得分', en: 'Points' } },
            { name: 'dailyCap', type: 'number', required: true, min: 0, label: { zh: '每日上限', en: 'Daily cap' } },
          ],
        },
      ],
    },
    computed({
      name: 'demoSeedVersion',
      type: 'number',
      label: { zh: '演示数据版本', en: 'Demo data version' },
    }),
    computed({
      name: 'demoSeededAt',
      type: 'date',
      label: { zh: '演示数据导入时间', en: 'Demo data seeded at' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    }),
  ],
}
