import type { CollectionConfig } from 'payload'

import { nobody, readOwnOrBranch } from '../src/access'
import { withholdHeldVerdicts } from '../src/quiz/held'

/**
 * 答题记录: an attempt fixes its questions (drawn and shuffled on the server) and its deadline when
 * it starts; the submission is graded on the server in one transaction. Written only through the
 * attempt routes (src/quiz/endpoints.ts, mounted here by the route table). The questions' answers never leave the server before grading.
 */
export const QuizAttempts: CollectionConfig = {
  slug: 'quiz-attempts',
  labels: { singular: { zh: '答题记录', en: 'Quiz attempt' }, plural: { zh: '答题记录', en: 'Quiz attempts' } },
  admin: { group: { zh: '学习记录', en: 'Learning records' }, defaultColumns: ['startedAt', 'member', 'quiz', 'score', 'passed'] },
  access: { read: readOwnOrBranch, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true, label: { zh: '学员', en: 'Member' } },
    { name: 'organization', type: 'relationship', relationTo: 'organizations', index: true, label: { zh: '所在组织', en: 'Organisation' } },
    { name: 'quiz', type: 'relationship', relationTo: 'quizzes', required: true, index: true, label: { zh: '测验', en: 'Quiz' } },
    {
      type: 'row',
      fields: [
        { name: 'mode', type: 'text', required: true, label: { zh: '类型', en: 'Mode' } },
        { name: 'day', type: 'text', required: true, index: true, label: { zh: '日期（北京时间）', en: 'Day' } },
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'open',
          options: [
            { value: 'open', label: { zh: '作答中', en: 'Open' } },
            { value: 'submitted', label: { zh: '已交卷', en: 'Submitted' } },
          ],
          label: { zh: '状态', en: 'Status' },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'startedAt',
          type: 'date',
          required: true,
          label: { zh: '开始时间', en: 'Started' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        { name: 'deadline', type: 'date', label: { zh: '截止时间', en: 'Deadline' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
        {
          name: 'submittedAt',
          type: 'date',
          label: { zh: '交卷时间', en: 'Submitted' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'score', type: 'number', label: { zh: '得分', en: 'Score' } },
        { name: 'correctCount', type: 'number', label: { zh: '答对题数', en: 'Correct' } },
        { name: 'total', type: 'number', label: { zh: '题数', en: 'Questions' } },
        { name: 'passed', type: 'checkbox', label: { zh: '及格', en: 'Passed' } },
      ],
    },
    // [{ questionId, optionOrder }] — which questions, and in what option order they were shown.
    { name: 'paper', type: 'json', required: true, label: { zh: '试卷', en: 'Paper' } },
    { name: 'answers', type: 'json', label: { zh: '作答', en: 'Answers' } },
    // [{ questionId, correct }] — per-question outcome (the wrong-answer book reads it). Verdicts of
    // questions an open competition uses are withheld on read (held.ts).
    { name: 'results', type: 'json', label: { zh: '判分结果', en: 'Results' }, hooks: { afterRead: [withholdHeldVerdicts] } },
    // Idempotency keys sent by the client (Idempotency-Key header): a retried start returns the same
    // attempt, a retried submission the same result, so a lost answer never doubles an attempt.
    { name: 'startKey', type: 'text', label: { zh: '开始请求标识', en: 'Start key' }, admin: { hidden: true } },
    { name: 'submitKey', type: 'text', label: { zh: '交卷请求标识', en: 'Submit key' }, admin: { hidden: true } },
  ],
  indexes: [{ fields: ['member', 'startKey'], unique: true }],
}
