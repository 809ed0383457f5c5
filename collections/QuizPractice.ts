import type { CollectionConfig } from 'payload'

import { nobody, readOwnOrBranch } from '../src/access'

/**
 * 错题练习: a member's answer to a question of their wrong-answer book (错题本), practised on its
 * own. Not an attempt: no score, no points, no 学时. Two right answers in a row (practice or quiz)
 * take a question out of the book (src/quiz/wrongBook.ts). Written only by the practice endpoint.
 */
export const QuizPractice: CollectionConfig = {
  slug: 'quiz-practice',
  labels: { singular: { zh: '错题练习', en: 'Wrong-answer practice' }, plural: { zh: '错题练习', en: 'Wrong-answer practice' } },
  admin: { group: { zh: '学习记录', en: 'Learning records' }, defaultColumns: ['createdAt', 'member', 'question', 'correct'] },
  access: { read: readOwnOrBranch, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true, label: { zh: '学员', en: 'Member' } },
    { name: 'organization', type: 'relationship', relationTo: 'organizations', index: true, label: { zh: '所在组织', en: 'Organisation' } },
    { name: 'question', type: 'relationship', relationTo: 'questions', required: true, index: true, label: { zh: '题目', en: 'Question' } },
    { name: 'answer', type: 'json', label: { zh: '作答', en: 'Answer' } },
    { name: 'correct', type: 'checkbox', required: true, defaultValue: false, label: { zh: '答对', en: 'Correct' } },
  ],
}
