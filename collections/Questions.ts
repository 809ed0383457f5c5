import type { CollectionConfig } from 'payload'

import { canReadAnswers, isCourseCurator, readQuestions } from '../src/access'
import { auditAfterChange, auditAfterDelete } from '../src/audit/hooks'
import { refuseUnsoundQuestion } from '../src/quiz/hooks'
import { DIFFICULTY_OPTIONS, QUESTION_TYPE_LABELS, QUESTION_TYPES } from '../src/quiz/questionRules'

const answerOnly = { read: canReadAnswers }

/**
 * 题库. Stems and options are readable by those who study or work on quizzes (not the three
 * administrators: readQuestions); the correct answers and explanations only by curators and
 * reviewers, through every API.
 */
export const Questions: CollectionConfig = {
  slug: 'questions',
  labels: { singular: { zh: '试题', en: 'Question' }, plural: { zh: '题库', en: 'Question bank' } },
  admin: {
    useAsTitle: 'stem',
    defaultColumns: ['stem', 'type', 'difficulty', 'themes', 'updatedAt'],
    group: { zh: '学习内容', en: 'Learning content' },
  },
  access: {
    read: readQuestions,
    create: isCourseCurator,
    update: isCourseCurator,
    delete: isCourseCurator,
  },
  hooks: {
    beforeChange: [refuseUnsoundQuestion],
    afterChange: [auditAfterChange],
    afterDelete: [auditAfterDelete],
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'type',
          type: 'select',
          required: true,
          options: QUESTION_TYPES.map((value) => ({ value, label: QUESTION_TYPE_LABELS[value] })),
          label: { zh: '题型', en: 'Type' },
        },
        {
          name: 'difficulty',
          type: 'select',
          required: true,
          defaultValue: 'medium',
          options: DIFFICULTY_OPTIONS,
          label: { zh: '难度', en: 'Difficulty' },
        },
      ],
    },
    {
      name: 'stem',
      type: 'textarea',
      required: true,
      label: { zh: '题干', en: 'Stem' },
      admin: { description: { zh: '填空题用“____”标出空位', en: 'Mark blanks with ____' } },
    },
    {
      name: 'options',
      type: 'array',
      label: { zh: '选项', en: 'Options' },
      labels: { singular: { zh: '选项', en: 'Option' }, plural: { zh: '选项', en: 'Options' } },
      admin: { condition: (data) => data?.type === 'single' || data?.type === 'multiple' },
      fields: [
        { name: 'text', type: 'text', required: true, label: { zh: '选项内容', en: 'Text' } },
        { name: 'isCorrect', type: 'checkbox', defaultValue: false, label: { zh: '正确答案', en: 'Correct' }, access: answerOnly },
      ],
    },
    {
      name: 'trueFalseAnswer',
      type: 'select',
      label: { zh: '正确答案', en: 'Answer' },
      // Not 'true'/'false': GraphQL enum values may not be named so.
      options: [
        { value: 'correct', label: { zh: '正确', en: 'True' } },
        { value: 'wrong', label: { zh: '错误', en: 'False' } },
      ],
      access: answerOnly,
      admin: { condition: (data) => data?.type === 'trueFalse' },
    },
    {
      name: 'fillInAnswers',
      type: 'array',
      label: { zh: '参考答案', en: 'Accepted answers' },
      labels: { singular: { zh: '答案', en: 'Answer' }, plural: { zh: '答案', en: 'Answers' } },
      access: answerOnly,
      admin: {
        condition: (data) => data?.type === 'fillIn',
        description: { zh: '可填写多个等价写法', en: 'Any of these is accepted' },
      },
      fields: [{ name: 'answer', type: 'text', required: true, label: { zh: '答案', en: 'Answer' } }],
    },
    { name: 'explanation', type: 'textarea', label: { zh: '解析', en: 'Explanation' }, access: answerOnly },
    { name: 'themes', type: 'relationship', relationTo: 'themes', hasMany: true, label: { zh: '专题', en: 'Themes' } },
    { name: 'source', type: 'text', label: { zh: '出处', en: 'Source' } },
  ],
}
