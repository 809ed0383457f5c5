import { audienceFields } from '../src/fields/audience'
import { richTextField } from '../src/fields/richText'
import { coverField, summaryField, themesField, titleField } from '../src/content/fields'
import { checkLessonMedia } from '../src/content/lessonRules'
import { reviewedCollection } from '../src/workflow/collection'

/** 微党课: a 5–20 minute video, audio or article lesson with its credit hours. */
export const MicroLessons = reviewedCollection({
  slug: 'micro-lessons',
  anonymous: false,
  audience: true,
  labels: { singular: { zh: '微党课', en: 'Micro-lesson' }, plural: { zh: '微党课', en: 'Micro-lessons' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'kind', 'durationMinutes', 'creditHours', 'reviewState', 'updatedAt'],
  },
  hooks: { beforeChange: [checkLessonMedia] },
  fields: [
    titleField(),
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          type: 'select',
          required: true,
          defaultValue: 'article',
          index: true,
          options: [
            { value: 'video', label: { zh: '视频', en: 'Video' } },
            { value: 'audio', label: { zh: '音频', en: 'Audio' } },
            { value: 'article', label: { zh: '图文', en: 'Article' } },
          ],
          label: { zh: '形式', en: 'Kind' },
        },
        {
          name: 'durationMinutes',
          type: 'number',
          required: true,
          min: 5,
          max: 20,
          label: { zh: '时长（分钟）', en: 'Duration (minutes)' },
          admin: { description: { zh: '微党课时长 5–20 分钟', en: '5 to 20 minutes' } },
        },
        {
          name: 'creditHours',
          type: 'number',
          required: true,
          min: 0.1,
          max: 4,
          label: { zh: '学时', en: 'Credit hours' },
          admin: { step: 0.5 },
        },
      ],
    },
    summaryField(),
    {
      name: 'media',
      type: 'upload',
      relationTo: 'media',
      label: { zh: '视频/音频文件', en: 'Video or audio file' },
      admin: { condition: (data) => data?.kind === 'video' || data?.kind === 'audio' },
    },
    richTextField({
      name: 'body',
      label: { zh: '正文 / 讲稿', en: 'Text or transcript' },
      admin: { description: { zh: '图文微党课必填；音视频可填写讲稿或提纲', en: 'Required for articles' } },
    } as never),
    coverField(),
    {
      type: 'row',
      fields: [
        { name: 'speaker', type: 'text', label: { zh: '主讲人', en: 'Speaker' } },
        { name: 'source', type: 'text', label: { zh: '来源', en: 'Source' } },
      ],
    },
    { name: 'quiz', type: 'relationship', relationTo: 'quizzes', label: { zh: '随堂测试', en: 'Lesson quiz' } },
    themesField(),
    ...audienceFields(),
  ],
})
