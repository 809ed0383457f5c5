import type { CollectionConfig } from 'payload'

import { nobody } from '../src/access/nobody'
import { caseReadersOr } from '../src/development/access'

/**
 * 表决参与: who took part in a branch vote and how (at the meeting or by a written opinion), never
 * what they chose. One row per voter and vote (the unique index), written in the same transaction as
 * the ballot, so a voter's second ballot is refused and never counted.
 */
export const DevelopmentVoteTurnout: CollectionConfig = {
  slug: 'development-vote-turnout',
  labels: { singular: { zh: '表决参与', en: 'Vote turnout' }, plural: { zh: '表决参与记录', en: 'Vote turnout' } },
  admin: { group: { zh: '发展党员', en: 'Member development' }, defaultColumns: ['vote', 'voter', 'mode'] },
  access: {
    read: ({ req }) => caseReadersOr(req, (user) => ({ voter: { equals: user.id } }), 'voter'),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  indexes: [{ fields: ['vote', 'voter'], unique: true }],
  fields: [
    { name: 'vote', type: 'relationship', relationTo: 'development-votes', required: true, index: true, label: { zh: '表决', en: 'Vote' } },
    { name: 'voter', type: 'relationship', relationTo: 'users', required: true, label: { zh: '表决人', en: 'Voter' } },
    { name: 'organization', type: 'relationship', relationTo: 'organizations', required: true, label: { zh: '支部', en: 'Branch' } },
    {
      name: 'mode',
      type: 'select',
      required: true,
      options: [
        { value: 'present', label: { zh: '到会表决', en: 'At the meeting' } },
        { value: 'written', label: { zh: '书面意见', en: 'Written opinion' } },
      ],
      label: { zh: '方式', en: 'How' },
    },
  ],
}
