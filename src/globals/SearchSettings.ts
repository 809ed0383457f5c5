import type { GlobalConfig } from 'payload'

import { canManageContent, isSysAdmin } from '../access'
import { hasRole } from '../access/roles'
import { ensureIndex } from '../search/settings'
import { DEFAULT_SYNONYMS } from '../search/synonyms'

/** 搜索设置: synonym groups editors add to the built-in list (四史, 两学一做, 三会一课, 繁体…). */
export const SearchSettings: GlobalConfig = {
  slug: 'search-settings',
  label: { zh: '搜索设置', en: 'Search settings' },
  admin: { group: { zh: '系统', en: 'System' } },
  access: {
    read: ({ req: { user } }) => hasRole(user, 'propagandaEditor', 'courseCurator', 'reviewer', 'sysAdmin'),
    update: (args) => Boolean(canManageContent(args)) || Boolean(isSysAdmin(args)),
  },
  hooks: {
    // New synonyms take effect at once; if Meilisearch is down, at the next start or reindex.
    afterChange: [
      async ({ doc, req }) => {
        await ensureIndex(req.payload).catch((e) => req.payload.logger.warn({ err: e, msg: '同义词已保存，搜索引擎暂不可用，稍后生效' }))
        return doc
      },
    ],
  },
  fields: [
    {
      name: 'synonyms',
      type: 'array',
      label: { zh: '同义词组', en: 'Synonym groups' },
      labels: { singular: { zh: '同义词组', en: 'Group' }, plural: { zh: '同义词组', en: 'Groups' } },
      admin: {
        description: {
          zh: `每组内的词互为同义词，用逗号或空格分隔。内置：${DEFAULT_SYNONYMS.slice(0, 3)
            .map((g) => g.join('，'))
            .join('；')} 等`,
          en: 'Terms in a group are equivalent; separate with commas or spaces.',
        },
      },
      fields: [{ name: 'terms', type: 'text', required: true, label: { zh: '词语', en: 'Terms' } }],
    },
  ],
}
