import { CONTENT_STAFF, hasRole } from '../src/access'
import { audienceFields } from '../src/fields/audience'
import { richTextField } from '../src/fields/richText'
import { coverField, summaryField, themesField, titleField } from '../src/content/fields'
import { sumLessonCreditHours } from '../src/content/courseHours'
import { reviewedCollection } from '../src/workflow/collection'
import { TRAINING_FOR, TRAINING_FOR_LABELS } from '../src/development/steps'

/** 课程: an ordered list of micro-lessons built by the course curators. */
export const Courses = reviewedCollection({
  slug: 'courses',
  anonymous: false,
  audience: true,
  labels: { singular: { zh: '课程', en: 'Course' }, plural: { zh: '课程', en: 'Courses' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'requirement', 'reviewState', 'updatedAt'],
  },
  fields: [
    titleField(),
    summaryField(),
    coverField(),
    {
      type: 'row',
      fields: [
        {
          name: 'requirement',
          type: 'select',
          required: true,
          defaultValue: 'elective',
          index: true,
          options: [
            { value: 'required', label: { zh: '必修', en: 'Required' } },
            { value: 'elective', label: { zh: '选修', en: 'Elective' } },
          ],
          label: { zh: '课程类型', en: 'Requirement' },
        },
        {
          name: 'totalCreditHours',
          type: 'number',
          virtual: true,
          label: { zh: '总学时', en: 'Total credit hours' },
          admin: { readOnly: true, description: { zh: '由所含微党课的学时自动合计', en: 'Sum of the lessons’ hours' } },
          hooks: { afterRead: [sumLessonCreditHours] },
        },
      ],
    },
    {
      // 党校 training for a stage (issue 17 §4): shown as 必修 to people at that stage, and as evidence at its development steps.
      name: 'trainingFor',
      type: 'select',
      index: true,
      options: TRAINING_FOR.map((t) => ({ value: t, label: TRAINING_FOR_LABELS[t] })),
      label: { zh: '党校培训（对应发展阶段）', en: 'Party-school training for' },
      admin: {
        description: {
          zh: '选择后，处于该阶段的人员在首页看到本课程为必修，完成情况和学时作为发展党员相应步骤的培训材料',
          en: 'Required for people at that stage; evidence at the development steps',
        },
      },
    },
    {
      name: 'lessons',
      type: 'relationship',
      relationTo: 'micro-lessons',
      hasMany: true,
      required: true,
      minRows: 1,
      label: { zh: '微党课（按学习顺序）', en: 'Micro-lessons, in order' },
      admin: { isSortable: true },
    },
    richTextField({ name: 'body', label: { zh: '课程介绍', en: 'Introduction' } }),
    {
      name: 'finalQuiz',
      type: 'relationship',
      relationTo: 'quizzes',
      label: { zh: '结业测验', en: 'Final quiz' },
      // A course ends with a lesson quiz or a topic test, never the daily quiz or a competition.
      filterOptions: { mode: { in: ['lesson', 'topic'] } },
      admin: { description: { zh: '只列出随堂测试和专项测验', en: 'Lesson quizzes and topic tests only' } },
    },
    {
      name: 'curator',
      type: 'relationship',
      relationTo: 'users',
      label: { zh: '课程负责人', en: 'Curator' },
      defaultValue: ({ user }) => user?.id,
      access: { read: ({ req: { user } }) => hasRole(user, ...CONTENT_STAFF) },
      admin: { position: 'sidebar' },
    },
    themesField(),
    ...audienceFields(),
  ],
})
