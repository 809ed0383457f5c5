import type { CollectionConfig } from 'payload'

import { createMeetings, deleteMeetings, readMeetings, updateMeetings } from '../src/meetings/access'
import { guardMeeting, tellMeeting } from '../src/meetings/hooks'
import { MEETING_STATUS_LABELS, MEETING_STATUSES, MEETING_TYPE_LABELS, MEETING_TYPES } from '../src/meetings/rules'

/**
 * 组织生活: one session of 三会一课, 主题党日, 组织生活会 or 谈心谈话 (one session may carry several type
 * tags, each counting toward its own frequency), from the branch's plan through the college's
 * review to the sign-in and the confirmed minutes (src/meetings/). Attendance and minutes are their
 * own collections (meeting-attendance, meeting-minutes). No photographs, location or screenshots
 * are asked for (过度留痕 is forbidden by the 2023 guidance against 指尖上的形式主义).
 */
export const Meetings: CollectionConfig = {
  slug: 'meetings',
  labels: { singular: { zh: '组织生活', en: 'Meeting' }, plural: { zh: '组织生活', en: 'Meetings' } },
  admin: {
    group: { zh: '组织生活', en: 'Organisation life' },
    useAsTitle: 'topic',
    defaultColumns: ['topic', 'types', 'startsAt', 'organization', 'status'],
    description: {
      zh: '支部书记填报组织生活计划（可一会多类，如党员大会兼主题党日），院级党委审核；会上扫码签到，会后记录人起草纪要、书记确认后归档并计入参会党员学时。',
      en: 'The branch plans, the college reviews; members sign in by QR; confirmed minutes lock the record and credit 学时.',
    },
  },
  access: { read: readMeetings, create: createMeetings, update: updateMeetings, delete: deleteMeetings },
  hooks: { beforeChange: [guardMeeting], afterChange: [tellMeeting] },
  fields: [
    { name: 'topic', type: 'text', required: true, label: { zh: '会议主题', en: 'Topic' } },
    {
      name: 'types',
      type: 'select',
      hasMany: true,
      required: true,
      options: MEETING_TYPES.map((t) => ({ value: t, label: MEETING_TYPE_LABELS[t] })),
      label: { zh: '会议类型', en: 'Types' },
      admin: { description: { zh: '一次会议可同时计为多种，每种分别计入各自的频次', en: 'One session may count as several types' } },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'startsAt',
          type: 'date',
          required: true,
          index: true,
          label: { zh: '开始时间', en: 'Starts' },
          admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'yyyy年M月d日 HH:mm' } },
        },
        {
          name: 'endsAt',
          type: 'date',
          required: true,
          label: { zh: '结束时间', en: 'Ends' },
          admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'yyyy年M月d日 HH:mm' } },
        },
        {
          name: 'year',
          type: 'number',
          index: true,
          label: { zh: '所属年度', en: 'Year' },
          admin: {
            description: { zh: '不填则为会议所在年度；上年度的组织生活会在次年初召开时填上一年度', en: 'The date’s year when empty' },
          },
        },
      ],
    },
    { name: 'place', type: 'text', label: { zh: '地点', en: 'Place' } },
    {
      type: 'row',
      fields: [
        { name: 'chair', type: 'relationship', relationTo: 'users', label: { zh: '主持人', en: 'Chair' } },
        {
          name: 'recorder',
          type: 'relationship',
          relationTo: 'users',
          index: true,
          label: { zh: '记录人', en: 'Recorder' },
          admin: {
            description: {
              zh: '一般为组织委员：展示签到码、补记参会、起草纪要',
              en: 'Shows the code, marks attendance, drafts the minutes',
            },
          },
        },
        {
          name: 'speaker',
          type: 'relationship',
          relationTo: 'users',
          label: { zh: '党课授课人', en: 'Lecturer' },
          admin: { condition: (data) => Array.isArray(data?.types) && data.types.includes('partyLecture') },
        },
      ],
    },
    { name: 'agenda', type: 'textarea', label: { zh: '议程', en: 'Agenda' } },
    {
      name: 'guests',
      type: 'textarea',
      label: { zh: '列席人员（选填）', en: 'Non-member attendees' },
      admin: { description: { zh: '非本支部党员列席的，写明姓名和单位', en: 'Names and units' } },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'draft',
          index: true,
          options: MEETING_STATUSES.map((s) => ({ value: s, label: MEETING_STATUS_LABELS[s] })),
          label: { zh: '状态', en: 'Status' },
        },
        { name: 'returnReason', type: 'text', label: { zh: '退回理由', en: 'Return reason' } },
      ],
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
          name: 'reviewedBy',
          type: 'relationship',
          relationTo: 'users',
          label: { zh: '审核人', en: 'Reviewed by' },
          admin: { readOnly: true },
        },
        {
          name: 'reviewedAt',
          type: 'date',
          label: { zh: '审核时间', en: 'Reviewed at' },
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
    {
      type: 'row',
      admin: { condition: (data) => data?.status === 'recorded' },
      fields: [
        { name: 'expectedCount', type: 'number', label: { zh: '应到', en: 'Expected' }, admin: { readOnly: true } },
        { name: 'presentCount', type: 'number', label: { zh: '实到', en: 'Present' }, admin: { readOnly: true } },
        { name: 'leaveCount', type: 'number', label: { zh: '请假', en: 'On leave' }, admin: { readOnly: true } },
        { name: 'creditHours', type: 'number', label: { zh: '每位参会者计入学时', en: '学时 each' }, admin: { readOnly: true } },
      ],
    },
  ],
}
