import type { CollectionConfig } from 'payload'

import { anyone, canManageThemes, isSysAdmin } from '../src/access'
import { forgetThemes } from '../src/content/themes'

/** 专题: the study themes content and interests are tagged with. Editors may extend the list. */
export const Themes: CollectionConfig = {
  slug: 'themes',
  labels: { singular: { zh: '专题', en: 'Theme' }, plural: { zh: '学习专题', en: 'Study themes' } },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'group', 'sortOrder'],
    group: { zh: '学习内容', en: 'Learning content' },
  },
  defaultSort: 'sortOrder',
  // The member site caches the theme list briefly (src/site/queries.ts).
  hooks: { afterChange: [() => forgetThemes()], afterDelete: [() => forgetThemes()] },
  access: {
    read: anyone,
    create: canManageThemes,
    update: canManageThemes,
    delete: isSysAdmin,
  },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, label: { zh: '专题名称', en: 'Name' } },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      label: { zh: '英文标识', en: 'Slug' },
      validate: (value: unknown) =>
        typeof value === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)
          ? true
          : '英文标识只能包含小写字母、数字和连字符，例如 party-history',
    },
    {
      name: 'group',
      type: 'text',
      label: { zh: '所属系列', en: 'Series' },
      admin: { description: { zh: '例如“四史”', en: 'e.g. “Four histories”' } },
    },
    { name: 'description', type: 'textarea', label: { zh: '简介', en: 'Description' } },
    { name: 'sortOrder', type: 'number', defaultValue: 100, label: { zh: '排序', en: 'Order' } },
  ],
}
