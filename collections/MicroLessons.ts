import { audienceFields } from '../src/fields/audience'
import { richTextField } from '../src/fields/richText'
import { coverField, summaryField, themesField, titleField } from '../src/content/fields'
import { checkLessonMedia } from '../src/content/lessonRules'
import { computed } from '../src/fields/computed'
import { deriveLessonLength } from '../src/study/derive'
import { reviewedCollection } from '../src/workflow/collection'

/** 微党课: a video, audio or article lesson; its length and 学时 are derived (src/study/derive.ts), never typed. */
export const MicroLessons = reviewedCollection({
  slug: 'micro-lessons',
  anonymous: false,
  audience: true,
  labels: { singular: { zh: '微党课', en: 'Micro-lesson' }, plural: { zh: '微党课', en: 'Micro-lessons' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'kind', 'durationMinutes', 'creditHours', 'reviewState', 'updatedAt'],
  },
  hooks: { beforeChange: [checkLessonMedia, deriveLessonLength] },
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
        computed({
          name: 'durationMinutes',
          type: 'number',
          label: { zh: '时长（分钟）', en: 'Duration (minutes)' },
          admin: {
            description: {
              zh: '自动计算：音视频按文件实际时长，图文按字数和学习阅读速度',
              en: 'Derived: the file’s real length, or the text at the study-reading speed',
            },
          },
        }),
        computed({
          name: 'creditHours',
          type: 'number',
          label: { zh: '学时', en: 'Credit hours' },
          admin: {
            description: {
              zh: '自动计算：实际时长 ÷ 每学时分钟数（平台设置，默认 45 分钟）',
              en: 'Derived: real length ÷ minutes per credit hour (platform settings)',
            },
          },
        }),
      ],
    },
    {
      type: 'row',
      fields: [
        computed({ name: 'durationSeconds', type: 'number', label: { zh: '实际时长（秒）', en: 'Real length (seconds)' } }),
        computed({ name: 'textLength', type: 'number', label: { zh: '正文字数', en: 'Characters' } }),
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
    }),
    coverField(),
    {
      type: 'row',
      fields: [
        { name: 'speaker', type: 'text', label: { zh: '主讲人', en: 'Speaker' } },
        { name: 'source', type: 'text', label: { zh: '来源', en: 'Source' } },
      ],
    },
    {
      name: 'quiz',
      type: 'relationship',
      relationTo: 'quizzes',
      label: { zh: '随堂测试', en: 'Lesson quiz' },
      // Only lesson quizzes: a daily quiz or a competition is no 随堂测试 (the server validates this too).
      filterOptions: { mode: { equals: 'lesson' } },
      admin: { description: { zh: '只列出类型为“随堂测试”的测验', en: 'Lesson quizzes only' } },
    },
    themesField(),
    ...audienceFields(),
  ],
})
