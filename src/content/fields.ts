import type { Field } from 'payload'

/** Fields most content shares, built once so labels and rules stay the same everywhere. */
export const titleField = (): Field => ({
  name: 'title',
  type: 'text',
  required: true,
  index: true,
  maxLength: 120,
  label: { zh: '标题', en: 'Title' },
})

export const summaryField = (): Field => ({
  name: 'summary',
  type: 'textarea',
  maxLength: 500,
  label: { zh: '摘要', en: 'Summary' },
})

export const coverField = (): Field => ({
  name: 'cover',
  type: 'upload',
  relationTo: 'media',
  label: { zh: '封面图', en: 'Cover' },
  filterOptions: { mimeType: { contains: 'image' } },
})

export const themesField = (): Field => ({
  name: 'themes',
  type: 'relationship',
  relationTo: 'themes',
  hasMany: true,
  index: true,
  label: { zh: '专题', en: 'Themes' },
  admin: { position: 'sidebar' },
})
