import { richTextField } from '../src/fields/richText'
import { coverField, summaryField, themesField, titleField } from '../src/content/fields'
import { reviewedCollection } from '../src/workflow/collection'

export const NEWS_COLUMNS = [
  { value: 'headlines', label: { zh: '要闻', en: 'Headlines' } },
  { value: 'notices', label: { zh: '通知公告', en: 'Notices' } },
  { value: 'grassroots', label: { zh: '基层动态', en: 'Grassroots' } },
  { value: 'theory', label: { zh: '理论学习', en: 'Theory' } },
]

/** 党建动态: news written by the propaganda department, public once published. */
export const News = reviewedCollection({
  slug: 'news',
  anonymous: true,
  audience: false,
  labels: { singular: { zh: '党建动态', en: 'News item' }, plural: { zh: '党建动态', en: 'News' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'column', 'reviewState', 'publishedAt', 'updatedAt'],
  },
  fields: [
    titleField(),
    { name: 'column', type: 'select', required: true, index: true, options: NEWS_COLUMNS, label: { zh: '栏目', en: 'Column' } },
    summaryField(),
    coverField(),
    richTextField({ name: 'body', required: true, label: { zh: '正文', en: 'Body' } }),
    {
      type: 'row',
      fields: [
        {
          name: 'source',
          type: 'text',
          label: { zh: '来源', en: 'Source' },
          admin: { description: { zh: '如：党委宣传部', en: 'e.g. the propaganda department' } },
        },
        { name: 'author', type: 'text', label: { zh: '作者', en: 'Byline' } },
      ],
    },
    {
      name: 'pinnedUntil',
      type: 'date',
      index: true,
      label: { zh: '置顶至', en: 'Pinned until' },
      admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
    themesField(),
  ],
})
