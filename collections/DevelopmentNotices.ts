import type { CollectionConfig } from 'payload'

import { hasRole } from '../src/access/roles'
import { nobody } from '../src/access/nobody'
import { caseReadersOr } from '../src/development/access'
import { orgOf } from '../src/meetings/access'

const readOnly = { readOnly: true }
const dayOnly = { pickerAppearance: 'dayOnly' as const, displayFormat: 'yyyy年M月d日' }

/**
 * 公示: posted by the branch before the steps the local rules name, for a number of working days
 * (src/development/calendar.ts); the people of the branch read it and may object during the window;
 * an objection blocks the next step until the branch or the committee above has handled it.
 */
export const DevelopmentNotices: CollectionConfig = {
  slug: 'development-notices',
  labels: { singular: { zh: '公示', en: 'Public notice' }, plural: { zh: '发展公示', en: 'Public notices' } },
  admin: {
    group: { zh: '发展党员', en: 'Member development' },
    useAsTitle: 'title',
    defaultColumns: ['title', 'postedOn', 'endsOn', 'organization'],
  },
  access: {
    read: ({ req }) => caseReadersOr(req, (user) => (orgOf(user) === null ? null : { organization: { equals: orgOf(user) } })),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  fields: [
    { name: 'title', type: 'text', required: true, label: { zh: '公示标题', en: 'Title' }, admin: readOnly },
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
      index: true,
      label: { zh: '公示对象', en: 'Person' },
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
        { name: 'beforeStep', type: 'number', required: true, label: { zh: '公示后进行第几步', en: 'Before step' }, admin: readOnly },
        {
          name: 'postedOn',
          type: 'date',
          required: true,
          label: { zh: '公示开始', en: 'Posted on' },
          admin: { ...readOnly, date: dayOnly },
        },
        { name: 'endsOn', type: 'date', required: true, label: { zh: '公示截止', en: 'Ends on' }, admin: { ...readOnly, date: dayOnly } },
      ],
    },
    { name: 'content', type: 'textarea', label: { zh: '公示内容', en: 'Content' }, admin: readOnly },
    {
      name: 'objections',
      type: 'array',
      label: { zh: '收到的意见', en: 'Objections' },
      // Who objected and what: the branch's secretary and the committees above handle them; members of the branch do not read them.
      access: { read: ({ req }) => hasRole(req.user, 'branchSecretary', 'partyCommittee') },
      admin: readOnly,
      fields: [
        { name: 'text', type: 'textarea', required: true, label: { zh: '意见', en: 'Objection' } },
        { name: 'receivedOn', type: 'date', required: true, label: { zh: '收到日期', en: 'Received' } },
        {
          name: 'raisedBy',
          type: 'relationship',
          relationTo: 'users',
          label: { zh: '反映人', en: 'Raised by' },
          access: { read: ({ req }) => hasRole(req.user, 'partyCommittee') },
        },
        { name: 'handled', type: 'checkbox', label: { zh: '已处理', en: 'Handled' } },
        { name: 'handling', type: 'textarea', label: { zh: '核查处理情况', en: 'How it was handled' } },
        { name: 'handledBy', type: 'relationship', relationTo: 'users', label: { zh: '处理人', en: 'Handled by' } },
      ],
    },
    // How many objections are still open: members may know a notice is held up without reading the objections.
    { name: 'openObjections', type: 'number', defaultValue: 0, label: { zh: '待处理意见', en: 'Open objections' }, admin: readOnly },
  ],
}
