import type { CollectionConfig } from 'payload'

import { canReadSensitiveWords, isSecurityAdmin } from '../src/access'
import { auditAfterChange, auditAfterDelete } from '../src/audit/hooks'

/** 敏感词: the list the pre-submission check scans title, summary and body against. */
export const SensitiveWords: CollectionConfig = {
  slug: 'sensitive-words',
  labels: { singular: { zh: '敏感词', en: 'Sensitive word' }, plural: { zh: '敏感词库', en: 'Sensitive words' } },
  admin: {
    useAsTitle: 'word',
    defaultColumns: ['word', 'category', 'note', 'updatedAt'],
    group: { zh: '安全', en: 'Security' },
  },
  access: {
    read: canReadSensitiveWords,
    create: isSecurityAdmin,
    update: isSecurityAdmin,
    delete: isSecurityAdmin,
  },
  hooks: { afterChange: [auditAfterChange], afterDelete: [auditAfterDelete] },
  fields: [
    {
      name: 'word',
      type: 'text',
      required: true,
      unique: true,
      label: { zh: '词语', en: 'Word' },
      validate: (value: unknown) => (typeof value === 'string' && value.trim().length > 0 ? true : '请输入要检测的词语（不能只有空格）'),
      hooks: { beforeValidate: [({ value }) => (typeof value === 'string' ? value.trim() : value)] },
    },
    {
      name: 'category',
      type: 'select',
      defaultValue: 'other',
      label: { zh: '类别', en: 'Category' },
      options: [
        { value: 'political', label: { zh: '政治敏感', en: 'Political' } },
        { value: 'vulgar', label: { zh: '低俗', en: 'Vulgar' } },
        { value: 'fraud', label: { zh: '诈骗与违规广告', en: 'Fraud and spam' } },
        { value: 'other', label: { zh: '其他', en: 'Other' } },
      ],
    },
    { name: 'note', type: 'text', label: { zh: '备注', en: 'Note' } },
  ],
}
