import { audienceFields } from '../src/fields/audience'
import { summaryField, themesField, titleField } from '../src/content/fields'
import { DIFFICULTY_OPTIONS } from '../src/quiz/questionRules'
import { checkQuizSoundness, QUIZ_MODES } from '../src/quiz/quizRules'
import { reviewedCollection } from '../src/workflow/collection'

/** 测验: lesson quizzes, the daily quiz, topic tests and knowledge competitions. */
export const Quizzes = reviewedCollection({
  slug: 'quizzes',
  anonymous: false,
  audience: true,
  labels: { singular: { zh: '测验', en: 'Quiz' }, plural: { zh: '测验', en: 'Quizzes' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'mode', 'questionSource', 'reviewState', 'opensAt', 'closesAt'],
  },
  hooks: { beforeChange: [checkQuizSoundness] },
  fields: [
    titleField(),
    summaryField(),
    {
      type: 'row',
      fields: [
        { name: 'mode', type: 'select', required: true, index: true, options: QUIZ_MODES, label: { zh: '类型', en: 'Mode' } },
        {
          name: 'questionSource',
          type: 'radio',
          required: true,
          defaultValue: 'fixed',
          options: [
            { value: 'fixed', label: { zh: '固定题目', en: 'Fixed questions' } },
            { value: 'random', label: { zh: '随机抽题', en: 'Random draw' } },
          ],
          label: { zh: '出题方式', en: 'Questions' },
        },
      ],
    },
    {
      name: 'questions',
      type: 'relationship',
      relationTo: 'questions',
      hasMany: true,
      label: { zh: '题目', en: 'Questions' },
      admin: { condition: (data) => data?.questionSource === 'fixed', isSortable: true },
    },
    {
      // The picker's chips cut stems off: each selected question in full, with type and answer.
      name: 'selectedQuestions',
      type: 'ui',
      label: { zh: '已选题目', en: 'Selected questions' },
      admin: {
        condition: (data) => data?.questionSource === 'fixed',
        components: { Field: '/src/quiz/admin/SelectedQuestions#SelectedQuestions' },
      },
    },
    {
      name: 'draw',
      type: 'group',
      label: { zh: '随机抽题规则', en: 'Random draw' },
      admin: { condition: (data) => data?.questionSource === 'random' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'count', type: 'number', min: 1, max: 100, label: { zh: '题目数量', en: 'Number of questions' } },
            {
              name: 'difficulty',
              type: 'select',
              defaultValue: 'any',
              options: [{ value: 'any', label: { zh: '不限', en: 'Any' } }, ...DIFFICULTY_OPTIONS],
              label: { zh: '难度', en: 'Difficulty' },
            },
          ],
        },
        {
          name: 'themes',
          type: 'relationship',
          relationTo: 'themes',
          hasMany: true,
          label: { zh: '抽题专题（不选为全部）', en: 'Themes (empty = all)' },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'passScore',
          type: 'number',
          required: true,
          defaultValue: 60,
          min: 0,
          max: 100,
          label: { zh: '及格分（百分制）', en: 'Pass score (of 100)' },
        },
        { name: 'timeLimitMinutes', type: 'number', min: 1, max: 240, label: { zh: '答题时限（分钟）', en: 'Time limit (minutes)' } },
        {
          name: 'attemptsAllowed',
          type: 'number',
          required: true,
          defaultValue: 0,
          min: 0,
          max: 100,
          label: { zh: '允许作答次数', en: 'Attempts allowed' },
          admin: { description: { zh: '0 表示不限', en: '0 = unlimited' } },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'opensAt', type: 'date', label: { zh: '开放时间', en: 'Opens' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'closesAt', type: 'date', label: { zh: '截止时间', en: 'Closes' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'shuffleQuestions', type: 'checkbox', defaultValue: true, label: { zh: '题目乱序', en: 'Shuffle questions' } },
        { name: 'shuffleOptions', type: 'checkbox', defaultValue: true, label: { zh: '选项乱序', en: 'Shuffle options' } },
        {
          name: 'requiredToComplete',
          type: 'checkbox',
          defaultValue: false,
          label: { zh: '通过后才算完成微党课', en: 'Passing completes the lesson' },
          admin: { condition: (data) => data?.mode === 'lesson' },
        },
        {
          name: 'partialCredit',
          type: 'checkbox',
          defaultValue: false,
          label: { zh: '多选题按比例给分', en: 'Partial credit for multiple choice' },
        },
      ],
    },
    themesField(),
    ...audienceFields(),
  ],
})
