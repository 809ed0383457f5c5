import type { Access, CollectionConfig, Where } from 'payload'

import { hasRole, idOf, nobody } from '../src/access'
import { STUDY_HOUR_SOURCE_LABELS, STUDY_HOUR_SOURCES } from '../src/ledger/sources'
import { descendants } from '../src/organizations/tree'

/**
 * A member's own entries; a branch secretary those their branch vouches for or of its members;
 * committee staff those of the organisations under them.
 */
const readLedger: Access = async ({ req }) => {
  const user = req.user
  if (!user || user.active === false) return false
  const or: Where[] = [{ member: { equals: user.id } }]
  const own = idOf(user.organization)
  if (own !== null && hasRole(user, 'branchSecretary')) or.push({ organization: { equals: own } })
  if (own !== null && hasRole(user, 'partyCommittee')) or.push({ organization: { in: await descendants(req.payload, Number(own)) } })
  return { or }
}

/**
 * 学时台账 (issue 15 §4): every credit of 学时, from any source, with the organisation that vouches
 * for it, the date and year it counts for, and its evidence. Written only by the database function
 * study_hours_write (src/db/sql/study_hours.sql; src/ledger/write.ts): nobody creates, edits or
 * deletes an entry through the API, administrators included. Year totals, pace, warnings, the
 * cockpit and archives read it.
 */
export const StudyHours: CollectionConfig = {
  slug: 'study-hours',
  labels: { singular: { zh: '学时台账', en: 'Study-hour entry' }, plural: { zh: '学时台账', en: 'Study-hour ledger' } },
  admin: {
    group: { zh: '学习记录', en: 'Learning records' },
    defaultColumns: ['member', 'source', 'title', 'hours', 'countsOn', 'year', 'organization'],
    description: {
      zh: '每一笔学时的来源、证明单位、所属日期和年度；由线上学习和经确认的培训等自动记入，不能手工修改。',
      en: 'Every credit of study hours; written by the system only.',
    },
  },
  access: { read: readLedger, create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['member', 'source', 'evidenceCollection', 'evidenceId'], unique: true }, { fields: ['member', 'year'] }],
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'member', type: 'relationship', relationTo: 'users', required: true, label: { zh: '学员', en: 'Member' } },
        {
          name: 'source',
          type: 'select',
          required: true,
          index: true,
          options: STUDY_HOUR_SOURCES.map((s) => ({ value: s, label: STUDY_HOUR_SOURCE_LABELS[s] })),
          label: { zh: '来源', en: 'Source' },
        },
        { name: 'organization', type: 'relationship', relationTo: 'organizations', label: { zh: '证明单位', en: 'Vouched for by' } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'hours', type: 'number', required: true, label: { zh: '学时', en: 'Hours' } },
        {
          name: 'countsOn',
          type: 'date',
          required: true,
          label: { zh: '计入日期', en: 'Counts on' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        { name: 'year', type: 'number', required: true, label: { zh: '所属年度', en: 'Year' } },
        { name: 'held', type: 'checkbox', defaultValue: false, label: { zh: '待核实（暂不计入）', en: 'Held' } },
      ],
    },
    { name: 'title', type: 'text', label: { zh: '名称', en: 'Title' } },
    {
      type: 'row',
      fields: [
        { name: 'evidenceCollection', type: 'text', required: true, label: { zh: '凭证类型', en: 'Evidence collection' } },
        { name: 'evidenceId', type: 'number', required: true, label: { zh: '凭证编号', en: 'Evidence id' } },
      ],
    },
  ],
}
