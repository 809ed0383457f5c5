import type { CollectionConfig } from 'payload'

import { nobody } from '../src/access/nobody'

/**
 * 选票: one secret ballot, with the vote and the choice only. No voter, no timestamp, and a random id
 * (not a sequence that could be lined up with the turnout rows): nothing here or in any query joins a
 * ballot to a person. Nobody reads ballots through the API; closing the vote counts them.
 */
export const DevelopmentBallots: CollectionConfig = {
  slug: 'development-ballots',
  labels: { singular: { zh: '选票', en: 'Ballot' }, plural: { zh: '选票', en: 'Ballots' } },
  admin: { hidden: true },
  timestamps: false,
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'id', type: 'text', required: true },
    { name: 'vote', type: 'relationship', relationTo: 'development-votes', required: true, index: true },
    {
      name: 'choice',
      type: 'select',
      required: true,
      options: [
        { value: 'for', label: { zh: '赞成', en: 'For' } },
        { value: 'against', label: { zh: '反对', en: 'Against' } },
        { value: 'abstain', label: { zh: '弃权', en: 'Abstain' } },
      ],
    },
    {
      name: 'mode',
      type: 'select',
      required: true,
      options: [
        { value: 'present', label: { zh: '到会', en: 'Present' } },
        { value: 'written', label: { zh: '书面', en: 'Written' } },
      ],
    },
  ],
}
