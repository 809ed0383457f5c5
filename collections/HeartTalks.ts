import type { CollectionConfig } from 'payload'

import { createTalks, guardTalk, keepTalks, readTalks } from '../src/meetings/talks'

/** 谈心谈话记录: who talked and when (src/meetings/talks.ts); the yearly coverage is in the annual record and the cockpit. */
export const HeartTalks: CollectionConfig = {
  slug: 'heart-talks',
  labels: { singular: { zh: '谈心谈话', en: 'Heart-to-heart talk' }, plural: { zh: '谈心谈话记录', en: 'Heart-to-heart talks' } },
  admin: {
    group: { zh: '组织生活', en: 'Organisation life' },
    defaultColumns: ['date', 'participants', 'topic', 'year'],
    description: {
      zh: '支部委员之间、支部委员和党员之间每年至少谈心谈话一次。只需记录谈话双方和日期，谈话要点可不填；不要求照片。',
      en: 'At least once a year between committee members and between committee members and members. Who and when is enough; no photographs.',
    },
  },
  access: { read: readTalks, create: createTalks, update: keepTalks, delete: keepTalks },
  hooks: { beforeChange: [guardTalk] },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'date',
          type: 'date',
          required: true,
          label: { zh: '谈话日期', en: 'Date' },
          admin: { date: { pickerAppearance: 'dayOnly' } },
        },
        {
          name: 'year',
          type: 'number',
          index: true,
          label: { zh: '所属年度', en: 'Assessment year' },
          admin: { description: { zh: '默认为谈话日期所在年度；次年年初补谈可计入上一年度', en: 'Defaults to the year of the date' } },
        },
      ],
    },
    {
      name: 'participants',
      type: 'relationship',
      relationTo: 'users',
      hasMany: true,
      required: true,
      label: { zh: '谈话双方', en: 'Participants' },
      admin: { description: { zh: '本支部的人员，至少一方是支部委员或书记', en: 'People of the branch, a committee member among them' } },
    },
    { name: 'topic', type: 'textarea', label: { zh: '谈话要点（可不填）', en: 'Summary (optional)' } },
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      index: true,
      label: { zh: '支部', en: 'Branch' },
      admin: { readOnly: true },
    },
    {
      name: 'recordedBy',
      type: 'relationship',
      relationTo: 'users',
      label: { zh: '记录人', en: 'Recorded by' },
      admin: { readOnly: true },
    },
  ],
}
