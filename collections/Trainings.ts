import type { CollectionConfig } from 'payload'

import {
  attendeeRoster,
  createTrainings,
  creditTraining,
  deleteTrainings,
  guardTraining,
  readTrainings,
  updateTrainings,
} from '../src/training/hooks'
import { TRAINING_FOR, TRAINING_FOR_LABELS } from '../src/development/steps'
import { MAX_TRAINING_HOURS, TRAINING_KIND_LABELS, TRAINING_KINDS, TRAINING_STATUS_LABELS, TRAINING_STATUSES } from '../src/training/rules'

/**
 * 培训登记: a concentrated training, a 党校 course or an external course that members of a branch
 * attended, recorded by the branch secretary and confirmed by the college committee; confirmation
 * writes each attendee's 学时 to the 学时台账 (src/training/hooks.ts; the rules are src/training/
 * rules.ts). No photographs or sign-in proof are asked for (过度留痕 is what the 2023 guidance
 * against 指尖上的形式主义 forbids): the evidence field is an optional note.
 */
export const Trainings: CollectionConfig = {
  slug: 'trainings',
  labels: { singular: { zh: '培训登记', en: 'Training record' }, plural: { zh: '培训登记', en: 'Training records' } },
  admin: {
    group: { zh: '学习记录', en: 'Learning records' },
    useAsTitle: 'title',
    defaultColumns: ['title', 'kind', 'date', 'hours', 'organization', 'status'],
    description: {
      zh: '支部书记登记本支部党员参加的集中培训、党校培训或外部课程；院级党委确认后计入每位参加者的学时，退回须写明理由。',
      en: 'Branch secretaries record trainings; the college committee confirms them, which credits each attendee.',
    },
  },
  access: { read: readTrainings, create: createTrainings, update: updateTrainings, delete: deleteTrainings },
  hooks: { beforeChange: [guardTraining], afterChange: [creditTraining] },
  fields: [
    { name: 'title', type: 'text', required: true, label: { zh: '培训名称', en: 'Title' } },
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          type: 'select',
          required: true,
          defaultValue: 'concentrated',
          options: TRAINING_KINDS.map((k) => ({ value: k, label: TRAINING_KIND_LABELS[k] })),
          label: { zh: '类别', en: 'Kind' },
        },
        { name: 'organiser', type: 'text', required: true, label: { zh: '主办单位', en: 'Organiser' } },
        {
          name: 'trainingFor',
          type: 'select',
          options: TRAINING_FOR.map((t) => ({ value: t, label: TRAINING_FOR_LABELS[t] })),
          label: { zh: '党校培训（对应发展阶段）', en: 'Party-school training for' },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'date',
          type: 'date',
          required: true,
          label: { zh: '培训日期', en: 'Date' },
          admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'yyyy年M月d日' } },
        },
        {
          name: 'hours',
          type: 'number',
          required: true,
          min: 0.1,
          max: MAX_TRAINING_HOURS,
          label: { zh: '每人学时', en: 'Hours each' },
          admin: {
            description: { zh: '按学校规定折算，如 1 小时 = 1 学时、半天 = 4 学时', en: 'By the university’s rule, e.g. half a day = 4' },
          },
        },
        {
          name: 'year',
          type: 'number',
          label: { zh: '所属年度', en: 'Year' },
          admin: { description: { zh: '不填则为培训日期所在年度', en: 'The date’s year when empty' } },
        },
      ],
    },
    {
      name: 'attendees',
      type: 'relationship',
      relationTo: 'users',
      hasMany: true,
      required: true,
      label: { zh: '参加人员', en: 'Attendees' },
    },
    {
      name: 'attendeeNames',
      type: 'textarea',
      virtual: true,
      label: { zh: '参加人员名单', en: 'Attendee list' },
      access: { create: () => false, update: () => false },
      hooks: { afterRead: [attendeeRoster] },
      admin: {
        readOnly: true,
        condition: (data) => Boolean(data?.id),
        description: { zh: '供院级党委确认时核对', en: 'For the committee to check' },
      },
    },
    {
      name: 'evidence',
      type: 'textarea',
      label: { zh: '证明材料说明（选填）', en: 'Evidence (optional)' },
      admin: { description: { zh: '如培训通知文号、结业证书编号；不要求上传照片或截图', en: 'Optional' } },
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
          options: TRAINING_STATUSES.map((s) => ({ value: s, label: TRAINING_STATUS_LABELS[s] })),
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
          label: { zh: '登记支部', en: 'Branch' },
          admin: { readOnly: true },
        },
        {
          name: 'recordedBy',
          type: 'relationship',
          relationTo: 'users',
          label: { zh: '登记人', en: 'Recorded by' },
          admin: { readOnly: true },
        },
        {
          name: 'reviewedBy',
          type: 'relationship',
          relationTo: 'users',
          label: { zh: '确认/退回人', en: 'Reviewed by' },
          admin: { readOnly: true },
        },
        {
          name: 'reviewedAt',
          type: 'date',
          label: { zh: '确认/退回时间', en: 'Reviewed at' },
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
  ],
}
