import type { CollectionConfig } from 'payload'

import { nobody } from '../src/access'
import {
  beforeFlagChange,
  flagStatusAudit,
  onlyReviewFieldsWritable,
  readIntegrityFlags,
  updateIntegrityFlags,
} from '../src/integrity/access'
import { FLAG_KIND_LABELS, type FlagKind } from '../src/integrity/detect'

/**
 * 学习异常标记 (issue 13 §2): what the study-integrity analysis (src/integrity/analyse.ts) found in
 * a member's beats over one day, with its evidence. The flagged seconds are held out of the member's
 * 学时 total until their branch secretary clears (已核实为正常) or confirms (已确认异常) the flag
 * with a reason. Written by the analysis only; the secretary changes status and reason; every
 * status change is in the audit log.
 */
export const IntegrityFlags: CollectionConfig = {
  slug: 'integrity-flags',
  labels: { singular: { zh: '学习异常标记', en: 'Study-integrity flag' }, plural: { zh: '学习异常标记', en: 'Study-integrity flags' } },
  admin: {
    group: { zh: '学习记录', en: 'Learning records' },
    defaultColumns: ['day', 'member', 'kind', 'secondsHeld', 'status', 'reviewedAt'],
    useAsTitle: 'summary',
  },
  access: { read: readIntegrityFlags, update: updateIntegrityFlags, create: nobody, delete: nobody },
  hooks: { beforeOperation: [onlyReviewFieldsWritable], beforeChange: [beforeFlagChange], afterChange: [flagStatusAudit] },
  fields: [
    {
      name: 'member',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      index: true,
      label: { zh: '学员', en: 'Member' },
      admin: { readOnly: true },
    },
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      index: true,
      label: { zh: '所在支部', en: 'Branch' },
      admin: { readOnly: true },
    },
    {
      name: 'kind',
      type: 'select',
      required: true,
      index: true,
      label: { zh: '异常类型', en: 'Kind' },
      admin: { readOnly: true },
      options: (Object.keys(FLAG_KIND_LABELS) as FlagKind[]).map((value) => ({ value, label: FLAG_KIND_LABELS[value] })),
    },
    // The Shanghai day analysed (YYYY-MM-DD), and the key that makes the analysis idempotent.
    { name: 'day', type: 'text', required: true, index: true, label: { zh: '日期', en: 'Day' }, admin: { readOnly: true } },
    {
      name: 'flagKey',
      type: 'text',
      required: true,
      unique: true,
      label: { zh: '标记键', en: 'Key' },
      admin: { readOnly: true, hidden: true },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'periodStart',
          type: 'date',
          required: true,
          label: { zh: '开始时间', en: 'From' },
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'periodEnd',
          type: 'date',
          required: true,
          label: { zh: '结束时间', en: 'To' },
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'secondsHeld',
          type: 'number',
          required: true,
          defaultValue: 0,
          label: { zh: '暂缓计入秒数', en: 'Seconds held' },
          admin: { readOnly: true },
        },
      ],
    },
    { name: 'summary', type: 'textarea', required: true, label: { zh: '异常说明', en: 'Summary' }, admin: { readOnly: true } },
    { name: 'items', type: 'json', label: { zh: '涉及内容', en: 'Items' }, admin: { readOnly: true } },
    { name: 'evidence', type: 'json', label: { zh: '证据数据', en: 'Evidence' }, admin: { readOnly: true } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      label: { zh: '核实状态', en: 'Status' },
      options: [
        { value: 'pending', label: { zh: '待核实', en: 'Pending' } },
        { value: 'cleared', label: { zh: '已核实为正常', en: 'Cleared' } },
        { value: 'confirmed', label: { zh: '已确认异常', en: 'Confirmed' } },
      ],
    },
    {
      name: 'reason',
      type: 'textarea',
      label: { zh: '核实理由', en: 'Reason' },
      admin: { description: { zh: '更改核实状态时必须填写理由', en: 'Required when the status changes' } },
    },
    { name: 'reviewer', type: 'relationship', relationTo: 'users', label: { zh: '核实人', en: 'Reviewer' }, admin: { readOnly: true } },
    {
      name: 'reviewedAt',
      type: 'date',
      label: { zh: '核实时间', en: 'Reviewed at' },
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
}
