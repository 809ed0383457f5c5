import type { CollectionConfig } from 'payload'

import {
  createAttendance,
  deleteAttendance,
  guardAttendance,
  readAttendance,
  tellAttendance,
  updateAttendance,
} from '../src/meetings/attendance'
import { ATTENDANCE_STATUS_LABELS, ATTENDANCE_STATUSES, EXCUSE_KIND_LABELS, EXCUSE_KINDS } from '../src/meetings/rules'

/**
 * 参会记录: one row per member and meeting — signed in by the QR code, marked by hand by the
 * recorder with a reason, a leave request and its decision, or an approved exclusion from 应到.
 * A member with no row was absent. Locked once the minutes are confirmed.
 */
export const MeetingAttendance: CollectionConfig = {
  slug: 'meeting-attendance',
  labels: { singular: { zh: '参会记录', en: 'Attendance' }, plural: { zh: '参会记录', en: 'Attendance' } },
  admin: {
    group: { zh: '组织生活', en: 'Organisation life' },
    defaultColumns: ['meeting', 'member', 'status', 'method', 'reason', 'signedInAt'],
    description: {
      zh: '扫码签到自动记录；记录人可补记（须写明理由）；请假由支部书记批准；不计入应到须写明情形和批准情况。纪要确认后锁定。',
      en: 'QR sign-ins, hand marks with reasons, leave and exclusions; locked with the minutes.',
    },
  },
  access: { read: readAttendance, create: createAttendance, update: updateAttendance, delete: deleteAttendance },
  hooks: { beforeChange: [guardAttendance], afterChange: [tellAttendance] },
  indexes: [{ fields: ['meeting', 'member'], unique: true }],
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'meeting', type: 'relationship', relationTo: 'meetings', required: true, label: { zh: '会议', en: 'Meeting' } },
        { name: 'member', type: 'relationship', relationTo: 'users', required: true, label: { zh: '人员', en: 'Member' } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'present',
          options: ATTENDANCE_STATUSES.map((s) => ({ value: s, label: ATTENDANCE_STATUS_LABELS[s] })),
          label: { zh: '情况', en: 'Status' },
        },
        {
          name: 'method',
          type: 'select',
          options: [
            { value: 'qr', label: { zh: '扫码签到', en: 'QR' } },
            { value: 'manual', label: { zh: '记录人补记', en: 'By hand' } },
            { value: 'leave', label: { zh: '请假', en: 'Leave' } },
          ],
          label: { zh: '方式', en: 'How' },
          admin: { readOnly: true },
        },
        {
          name: 'signedInAt',
          type: 'date',
          label: { zh: '签到时间', en: 'Signed in' },
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime', displayFormat: 'yyyy年M月d日 HH:mm' } },
        },
      ],
    },
    {
      name: 'reason',
      type: 'text',
      label: { zh: '理由', en: 'Reason' },
      admin: { description: { zh: '请假理由，或手工登记的理由', en: 'Leave reason, or why marked by hand' } },
    },
    {
      type: 'row',
      admin: { condition: (data) => data?.status === 'excused' },
      fields: [
        {
          name: 'excuseKind',
          type: 'select',
          options: EXCUSE_KINDS.map((k) => ({ value: k, label: EXCUSE_KIND_LABELS[k] })),
          label: { zh: '不计入应到的情形', en: 'Exclusion' },
        },
        {
          name: 'excuseApproval',
          type: 'text',
          label: { zh: '批准情况', en: 'Approval' },
          admin: { description: { zh: '如：经院党委同意、支部党员大会决定（日期）', en: 'Who approved, when' } },
        },
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
          name: 'decidedBy',
          type: 'relationship',
          relationTo: 'users',
          label: { zh: '登记/批准人', en: 'Decided by' },
          admin: { readOnly: true },
        },
        {
          name: 'decidedAt',
          type: 'date',
          label: { zh: '登记/批准时间', en: 'Decided at' },
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
  ],
}
