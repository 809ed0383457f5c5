import type { GlobalConfig } from 'payload'

import { authenticated, isSysAdmin } from '../access'
import { computed } from '../fields/computed'
import { clearStudyTargetsCache } from '../ledger/targets'
import { recountAllOrganizations } from '../organizations/recount'
import { DEFAULT_POINT_RULES, POINT_RULE_LABELS, POINT_RULES } from '../points/rules'
import { DEFAULT_FREQUENCIES } from '../meetings/rules'
import { rederiveItemLengths } from '../study/derive'
import { DEFAULT_COMPLETION_SHARE, DEFAULT_MINUTES_PER_CREDIT_HOUR, DEFAULT_READING_CHARS_PER_MINUTE } from '../study/length'

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
        // This process reads the new 学时 targets at once; the others when the change notice arrives.
        clearStudyTargetsCache()
        const keys = ['branchMinFullMembers', 'branchCommitteeThreshold', 'branchMaxMembers']
        if (keys.some((k) => doc[k] !== previousDoc?.[k])) await recountAllOrganizations(req.payload, req)
        // Every item's 学时 follow the study rules: re-derived at once when one changes.
        const studyKeys = ['minutesPerCreditHour', 'readingCharsPerMinute']
        if (studyKeys.some((k) => doc[k] !== previousDoc?.[k])) await rederiveItemLengths(req.payload, req)
        return doc
      },
    ],
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'annualStudyHoursTarget',
          type: 'number',
          required: true,
          defaultValue: 32,
          min: 1,
          label: { zh: '党员年度学时要求（学时）', en: 'Annual study-hour target: members' },
          admin: {
            description: {
              zh: '《2019—2023年全国党员教育培训工作规划》：党员每年集中学习培训一般不少于 32 学时',
              en: 'The 2019–2023 national plan: at least 32 a year',
            },
          },
        },
        {
          name: 'annualStudyHoursTargetCadre',
          type: 'number',
          required: true,
          defaultValue: 56,
          min: 1,
          label: { zh: '支部书记、委员年度学时要求（学时）', en: 'Annual study-hour target: secretaries and committee staff' },
          admin: {
            description: {
              zh: '同一规划：基层党组织书记和班子成员每年不少于 56 学时；新规划调整时在此修改',
              en: 'Same plan: at least 56 a year; change it when the next plan does',
            },
          },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'minutesPerCreditHour',
          type: 'number',
          required: true,
          defaultValue: DEFAULT_MINUTES_PER_CREDIT_HOUR,
          min: 1,
          max: 120,
          label: { zh: '每学时分钟数', en: 'Minutes per credit hour' },
          admin: {
            description: {
              zh: '1 学时 = 1 课时，默认 45 分钟；各内容的学时由其实际时长按此折算',
              en: 'One 课时, 45 minutes by default; items’ hours follow from their real length',
            },
          },
        },
        {
          name: 'readingCharsPerMinute',
          type: 'number',
          required: true,
          defaultValue: DEFAULT_READING_CHARS_PER_MINUTE,
          min: 50,
          max: 1000,
          label: { zh: '学习阅读速度（字/分钟）', en: 'Study reading speed (characters a minute)' },
          admin: {
            description: {
              zh: '图文内容的时长 = 字数 ÷ 此速度。默认 300：理论文章需要理解和记忆，慢于一般阅读（约 400–500 字/分钟）',
              en: 'An article’s length = characters ÷ this speed; 300 by default (careful study reading)',
            },
          },
        },
        {
          name: 'completionShare',
          type: 'number',
          required: true,
          defaultValue: DEFAULT_COMPLETION_SHARE,
          min: 0.5,
          max: 1,
          label: { zh: '完成所需学习比例', en: 'Share of the length needed to complete' },
          admin: {
            step: 0.05,
            description: {
              zh: '有效学习时间达到内容实际时长的这一比例才算完成，默认 0.9（90%）',
              en: 'Credited time needed, as a share of the real length; 0.9 by default',
            },
          },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'branchMinFullMembers',
          type: 'number',
          required: true,
          defaultValue: 3,
          min: 1,
          label: { zh: '支部正式党员下限', en: 'Min full members' },
        },
        {
          name: 'branchCommitteeThreshold',
          type: 'number',
          required: true,
          defaultValue: 7,
          min: 1,
          label: { zh: '设支委会的正式党员数', en: 'Committee threshold' },
        },
        {
          name: 'branchMaxMembers',
          type: 'number',
          required: true,
          defaultValue: 50,
          min: 1,
          label: { zh: '支部党员上限', en: 'Max members' },
        },
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
      name: 'organizationLife',
      type: 'group',
      label: { zh: '组织生活', en: 'Organisation life' },
      admin: {
        description: {
          zh: '《中国共产党支部工作条例（试行）》规定的三会一课等频次（0 表示不检查）、签到码有效期和参会折算学时的办法',
          en: 'Frequencies (0 turns a check off), sign-in code validity and how attendance credits 学时',
        },
      },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'generalMeetingPerQuarter',
              type: 'number',
              required: true,
              defaultValue: DEFAULT_FREQUENCIES.generalMeetingPerQuarter,
              min: 0,
              label: { zh: '支部党员大会（次/季度）', en: 'General meetings a quarter' },
            },
            {
              name: 'committeeMeetingPerMonth',
              type: 'number',
              required: true,
              defaultValue: DEFAULT_FREQUENCIES.committeeMeetingPerMonth,
              min: 0,
              label: { zh: '支部委员会（次/月）', en: 'Committee meetings a month' },
            },
            {
              name: 'groupMeetingPerMonth',
              type: 'number',
              required: true,
              defaultValue: DEFAULT_FREQUENCIES.groupMeetingPerMonth,
              min: 0,
              label: { zh: '党小组会（次/月）', en: 'Group meetings a month' },
              admin: {
                description: {
                  zh: '设党小组的支部一般每月一次；默认 0：不是每个支部都设党小组',
                  en: 'Monthly where a branch has groups; 0 by default',
                },
              },
            },
          ],
        },
        {
          type: 'row',
          fields: [
            {
              name: 'partyLecturePerQuarter',
              type: 'number',
              required: true,
              defaultValue: DEFAULT_FREQUENCIES.partyLecturePerQuarter,
              min: 0,
              label: { zh: '党课（次/季度）', en: 'Party lectures a quarter' },
            },
            {
              name: 'themeDayPerMonth',
              type: 'number',
              required: true,
              defaultValue: DEFAULT_FREQUENCIES.themeDayPerMonth,
              min: 0,
              label: { zh: '主题党日（次/月）', en: 'Theme days a month' },
            },
            {
              name: 'lifeMeetingPerYear',
              type: 'number',
              required: true,
              defaultValue: DEFAULT_FREQUENCIES.lifeMeetingPerYear,
              min: 0,
              label: { zh: '组织生活会（次/年）', en: 'Life meetings a year' },
            },
          ],
        },
        {
          type: 'row',
          fields: [
            {
              name: 'signInCodeMinutes',
              type: 'number',
              required: true,
              defaultValue: 2,
              min: 1,
              max: 30,
              label: { zh: '签到码有效分钟数', en: 'Sign-in code validity (minutes)' },
              admin: {
                description: { zh: '会场屏幕每 30 秒换一个签到码，每个在此时长内有效', en: 'The screen shows a new code every 30 s' },
              },
            },
            {
              name: 'creditMode',
              type: 'select',
              required: true,
              defaultValue: 'studyMinutes',
              options: [
                {
                  value: 'studyMinutes',
                  label: { zh: '按会议时长，与线上学习相同的每学时分钟数折算', en: 'Length at the online minutes per 学时' },
                },
                {
                  value: 'hourly',
                  label: { zh: '1 小时 = 1 学时，半天 = 4 学时，一天 = 8 学时', en: '1 hour = 1, half a day = 4, a day = 8' },
                },
              ],
              label: { zh: '参会折算学时', en: 'How attendance credits 学时' },
            },
            {
              name: 'creditTypes',
              type: 'select',
              required: true,
              defaultValue: 'studyTypes',
              options: [
                { value: 'studyTypes', label: { zh: '仅党课和主题党日计学时', en: 'Party lectures and theme days only' } },
                { value: 'all', label: { zh: '各类组织生活均计学时', en: 'Every type' } },
              ],
              label: { zh: '计学时的会议', en: 'Which meetings credit' },
            },
          ],
        },
      ],
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
            {
              name: 'rule',
              type: 'select',
              required: true,
              options: POINT_RULES.map((value) => ({ value, label: POINT_RULE_LABELS[value] })),
              label: { zh: '行为', en: 'Event' },
            },
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
