import type { CollectionConfig, FieldHook } from 'payload'

import { nobody } from '../src/access/nobody'
import { caseReadersOr } from '../src/development/access'
import { MOTION_LABELS, MOTIONS } from '../src/development/steps'

const readOnly = { readOnly: true }

/** The tally stays sealed while the vote is open: nobody, the secretary included, sees a running count. */
const sealed: FieldHook = ({ value, siblingData, data }) => ((data ?? siblingData)?.status === 'closed' ? value : null)
const count = (name: string, zh: string) => ({
  name,
  type: 'number' as const,
  label: { zh, en: name },
  admin: readOnly,
  hooks: { afterRead: [sealed] },
})

/**
 * 支部大会表决 (steps 15 and 23): the voters are the branch's full members when it opens (frozen here),
 * each casts one secret ballot (development-ballots, which name no voter; who took part is in
 * development-vote-turnout, which names no choice); closing it counts by the rules (vote.ts) and
 * writes the result into the case.
 */
export const DevelopmentVotes: CollectionConfig = {
  slug: 'development-votes',
  labels: { singular: { zh: '支部大会表决', en: 'Branch vote' }, plural: { zh: '支部大会表决', en: 'Branch votes' } },
  admin: {
    group: { zh: '发展党员', en: 'Member development' },
    useAsTitle: 'title',
    defaultColumns: ['title', 'status', 'openedAt', 'passed'],
  },
  access: {
    read: ({ req }) => caseReadersOr(req, (user) => ({ voters: { in: [user.id] } })),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  fields: [
    { name: 'title', type: 'text', required: true, label: { zh: '表决事项', en: 'Motion' }, admin: readOnly },
    {
      name: 'case',
      type: 'relationship',
      relationTo: 'development-cases',
      required: true,
      index: true,
      label: { zh: '发展档案', en: 'Case' },
      admin: readOnly,
    },
    {
      name: 'person',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      label: { zh: '表决对象', en: 'Candidate' },
      admin: readOnly,
    },
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      required: true,
      index: true,
      label: { zh: '支部', en: 'Branch' },
      admin: readOnly,
    },
    {
      type: 'row',
      fields: [
        { name: 'step', type: 'number', required: true, label: { zh: '步骤', en: 'Step' }, admin: readOnly },
        {
          name: 'motion',
          type: 'select',
          required: true,
          options: MOTIONS.map((m) => ({ value: m, label: MOTION_LABELS[m] })),
          label: { zh: '议题', en: 'Motion' },
          admin: readOnly,
        },
        { name: 'extensionMonths', type: 'number', label: { zh: '延长月数', en: 'Months' }, admin: readOnly },
      ],
    },
    { name: 'meeting', type: 'relationship', relationTo: 'meetings', label: { zh: '所在支部党员大会', en: 'Meeting' }, admin: readOnly },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'open',
      index: true,
      options: [
        { value: 'open', label: { zh: '表决中', en: 'Open' } },
        { value: 'closed', label: { zh: '已结束', en: 'Closed' } },
      ],
      label: { zh: '状态', en: 'Status' },
      admin: readOnly,
    },
    {
      type: 'row',
      fields: [
        { name: 'openedAt', type: 'date', label: { zh: '开始', en: 'Opened' }, admin: readOnly },
        { name: 'closedAt', type: 'date', label: { zh: '结束', en: 'Closed' }, admin: readOnly },
      ],
    },
    {
      name: 'voters',
      type: 'relationship',
      relationTo: 'users',
      hasMany: true,
      label: { zh: '有表决权的正式党员（开始时确定）', en: 'Voters, frozen at opening' },
      admin: readOnly,
    },
    { name: 'expected', type: 'number', required: true, label: { zh: '应到', en: 'Expected' }, admin: readOnly },
    {
      type: 'row',
      fields: [
        count('present', '实到'),
        count('inFavour', '赞成（含书面）'),
        count('against', '反对'),
        count('abstain', '弃权'),
        count('written', '书面意见'),
      ],
    },
    { name: 'passed', type: 'checkbox', label: { zh: '通过', en: 'Passed' }, admin: readOnly, hooks: { afterRead: [sealed] } },
    { name: 'reason', type: 'text', label: { zh: '结果说明', en: 'Result' }, admin: readOnly, hooks: { afterRead: [sealed] } },
  ],
}
