import type { CollectionConfig } from 'payload'

import { confirmMinutes, createMinutes, deleteMinutes, guardMinutes, readMinutes, writeMinutes } from '../src/meetings/minutes'

/**
 * 会议纪要: drafted by the recorder, confirmed by the secretary, then locked; a correction is a new
 * version with its reason and the earlier versions stay. The first confirmation closes the meeting
 * and credits attendance on the 学时台账 (src/meetings/minutes.ts).
 */
export const MeetingMinutes: CollectionConfig = {
  slug: 'meeting-minutes',
  labels: { singular: { zh: '会议纪要', en: 'Minutes' }, plural: { zh: '会议纪要', en: 'Minutes' } },
  admin: {
    group: { zh: '组织生活', en: 'Organisation life' },
    defaultColumns: ['meeting', 'version', 'status', 'confirmedAt'],
    description: {
      zh: '记录人起草，支部书记确认后锁定；确认后如需更正，新建更正版本并写明理由，原版本保留。',
      en: 'Drafted by the recorder, confirmed and locked by the secretary; corrections are new versions.',
    },
  },
  access: { read: readMinutes, create: createMinutes, update: writeMinutes, delete: deleteMinutes },
  hooks: { beforeChange: [guardMinutes], afterChange: [confirmMinutes] },
  indexes: [{ fields: ['meeting', 'version'], unique: true }],
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'meeting', type: 'relationship', relationTo: 'meetings', required: true, label: { zh: '会议', en: 'Meeting' } },
        { name: 'version', type: 'number', label: { zh: '版本', en: 'Version' }, admin: { readOnly: true } },
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'draft',
          options: [
            { value: 'draft', label: { zh: '草稿', en: 'Draft' } },
            { value: 'confirmed', label: { zh: '已确认（锁定）', en: 'Confirmed' } },
          ],
          label: { zh: '状态', en: 'Status' },
        },
      ],
    },
    { name: 'summary', type: 'textarea', required: true, label: { zh: '会议内容和发言摘要', en: 'Summary' } },
    {
      name: 'resolutions',
      type: 'array',
      label: { zh: '决议', en: 'Resolutions' },
      labels: { singular: { zh: '决议', en: 'Resolution' }, plural: { zh: '决议', en: 'Resolutions' } },
      fields: [
        { name: 'text', type: 'text', required: true, label: { zh: '决议内容', en: 'Text' } },
        {
          type: 'row',
          fields: [
            { name: 'votesFor', type: 'number', min: 0, label: { zh: '赞成', en: 'For' } },
            { name: 'votesAgainst', type: 'number', min: 0, label: { zh: '反对', en: 'Against' } },
            { name: 'abstentions', type: 'number', min: 0, label: { zh: '弃权', en: 'Abstain' } },
          ],
        },
      ],
    },
    {
      name: 'correctionReason',
      type: 'text',
      label: { zh: '更正理由', en: 'Correction reason' },
      admin: { description: { zh: '纪要确认后的更正版本必填', en: 'Required for a correction' } },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'organization',
          type: 'relationship',
          relationTo: 'organizations',
          index: true,
          label: { zh: '支部', en: 'Branch' },
          admin: { readOnly: true },
        },
        {
          name: 'draftedBy',
          type: 'relationship',
          relationTo: 'users',
          label: { zh: '起草人', en: 'Drafted by' },
          admin: { readOnly: true },
        },
        {
          name: 'confirmedBy',
          type: 'relationship',
          relationTo: 'users',
          label: { zh: '确认人', en: 'Confirmed by' },
          admin: { readOnly: true },
        },
        {
          name: 'confirmedAt',
          type: 'date',
          label: { zh: '确认时间', en: 'Confirmed at' },
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
  ],
}
