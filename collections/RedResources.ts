import { richTextField } from '../src/fields/richText'
import { coverField, summaryField, themesField, titleField } from '../src/content/fields'
import { reviewedCollection } from '../src/workflow/collection'

export const RED_RESOURCE_KINDS = [
  { value: 'document', label: { zh: '文献', en: 'Document' } },
  { value: 'image', label: { zh: '图片', en: 'Image' } },
  { value: 'video', label: { zh: '视频', en: 'Video' } },
  { value: 'educationBase', label: { zh: '红色教育基地', en: 'Education base' } },
  { value: 'meetingDocument', label: { zh: '重要会议文件', en: 'Meeting document' } },
  { value: 'person', label: { zh: '革命人物', en: 'Revolutionary figure' } },
  { value: 'site', label: { zh: '红色建筑', en: 'Historic site' } },
]

export const HISTORICAL_PERIODS = [
  { value: 'newDemocratic', label: { zh: '新民主主义革命时期', en: 'New-Democratic Revolution (1919–1949)' } },
  { value: 'socialistConstruction', label: { zh: '社会主义革命和建设时期', en: 'Socialist revolution and construction (1949–1978)' } },
  { value: 'reformOpening', label: { zh: '改革开放和社会主义现代化建设新时期', en: 'Reform and opening up (1978–2012)' } },
  { value: 'newEra', label: { zh: '中国特色社会主义新时代', en: 'New era (2012–)' } },
]

const hasPlace = (data: { kind?: string } | undefined) => data?.kind === 'educationBase' || data?.kind === 'site'

/** 红色资源库: documents, images, videos, education bases, meeting documents, figures and sites. */
export const RedResources = reviewedCollection({
  slug: 'red-resources',
  anonymous: true,
  audience: false,
  labels: { singular: { zh: '红色资源', en: 'Red resource' }, plural: { zh: '红色资源库', en: 'Red resources' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'kind', 'period', 'reviewState', 'updatedAt'],
  },
  fields: [
    titleField(),
    {
      type: 'row',
      fields: [
        { name: 'kind', type: 'select', required: true, index: true, options: RED_RESOURCE_KINDS, label: { zh: '类别', en: 'Kind' } },
        { name: 'period', type: 'select', index: true, options: HISTORICAL_PERIODS, label: { zh: '历史时期', en: 'Period' } },
      ],
    },
    summaryField(),
    coverField(),
    richTextField({ name: 'body', label: { zh: '正文', en: 'Body' } }),
    {
      name: 'attachments',
      type: 'upload',
      relationTo: 'media',
      hasMany: true,
      label: { zh: '附件', en: 'Attachments' },
    },
    {
      type: 'collapsible',
      label: { zh: '地点', en: 'Place' },
      admin: { condition: hasPlace },
      fields: [
        {
          name: 'address',
          type: 'text',
          label: { zh: '地址', en: 'Address' },
          validate: (value: unknown, { siblingData }: { siblingData: { kind?: string } }) =>
            siblingData?.kind === 'educationBase' && !value ? '红色教育基地需要填写地址' : true,
        },
        {
          type: 'row',
          fields: [
            { name: 'latitude', type: 'number', min: -90, max: 90, label: { zh: '纬度', en: 'Latitude' } },
            { name: 'longitude', type: 'number', min: -180, max: 180, label: { zh: '经度', en: 'Longitude' } },
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'source', type: 'text', label: { zh: '来源', en: 'Source' } },
        { name: 'provenance', type: 'textarea', label: { zh: '出处与收藏', en: 'Provenance' } },
      ],
    },
    themesField(),
  ],
})
