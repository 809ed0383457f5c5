import type { CollectionConfig } from 'payload'

import { authenticated, isSysAdmin } from '../src/access'
import { computed } from '../src/fields/computed'
import { auditAfterChange, auditAfterDelete } from '../src/audit/hooks'
import {
  deriveCompliance,
  recountAfterMove,
  refuseDeleteWhileInUse,
  validateParent,
  validateTermEnd,
  validateTypeChange,
} from '../src/organizations/hooks'
import { validateCommittee } from '../src/meetings/talks'
import { forgetOrganizationTree } from '../src/organizations/tree'
import { COMPLIANCE_ISSUE_LABELS, COMPLIANCE_ISSUES, ORG_TYPE_LABELS, ORG_TYPES } from '../src/organizations/types'

/** 组织：学校党委 → 院(系)党委 → 党支部. Counts and compliance are derived, never typed. */
export const Organizations: CollectionConfig = {
  slug: 'organizations',
  labels: { singular: { zh: '党组织', en: 'Organisation' }, plural: { zh: '党组织', en: 'Organisations' } },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'type', 'parent', 'memberCount', 'fullMemberCount', 'complianceState', 'complianceIssues'],
    group: { zh: '组织与人员', en: 'People & organisations' },
    description: { zh: '四位一体组织树：学校党委 → 院(系)党委 → 党支部。', en: 'University committee → college committee → branch.' },
    // The list is the tree itself, with counts and compliance, not a flat paginated table.
    components: { views: { list: { Component: '/src/organizations/admin/OrganizationTreeView#OrganizationTreeView' } } },
  },
  defaultSort: 'code',
  access: {
    // The tree itself is not personal data: every signed-in user may see it (e.g. their branch name).
    read: authenticated,
    create: isSysAdmin,
    update: isSysAdmin,
    delete: isSysAdmin,
  },
  hooks: {
    beforeChange: [deriveCompliance],
    // The tree is cached in every process (src/organizations/tree.ts): this one forgets it at once,
    // the others when the database's NOTIFY reaches them.
    afterChange: [recountAfterMove, auditAfterChange, () => forgetOrganizationTree()],
    beforeDelete: [refuseDeleteWhileInUse],
    afterDelete: [auditAfterDelete, () => forgetOrganizationTree()],
  },
  fields: [
    { name: 'name', type: 'text', required: true, label: { zh: '名称', en: 'Name' } },
    {
      name: 'code',
      type: 'text',
      unique: true,
      index: true,
      label: { zh: '组织编码', en: 'Code' },
      admin: { description: { zh: '唯一编码，便于导入与对接', en: 'Unique code for imports' } },
    },
    {
      name: 'type',
      type: 'select',
      required: true,
      options: ORG_TYPES.map((value) => ({ value, label: ORG_TYPE_LABELS[value] })),
      label: { zh: '组织类型', en: 'Type' },
      validate: validateTypeChange,
    },
    {
      name: 'parent',
      type: 'relationship',
      relationTo: 'organizations',
      label: { zh: '上级组织', en: 'Parent' },
      validate: validateParent,
      index: true,
    },
    {
      name: 'secretary',
      type: 'relationship',
      relationTo: 'users',
      label: { zh: '书记', en: 'Secretary' },
    },
    {
      type: 'row',
      fields: [
        { name: 'termStart', type: 'date', label: { zh: '任期开始', en: 'Term start' } },
        { name: 'termEnd', type: 'date', label: { zh: '任期结束', en: 'Term end' }, validate: validateTermEnd },
      ],
    },
    {
      name: 'hasCommittee',
      type: 'checkbox',
      defaultValue: false,
      label: { zh: '已成立支部委员会', en: 'Has a branch committee' },
      admin: { condition: (data) => data?.type === 'branch' },
    },
    {
      name: 'committeeMembers',
      type: 'relationship',
      relationTo: 'users',
      hasMany: true,
      label: { zh: '支部委员', en: 'Committee members' },
      validate: validateCommittee,
      admin: {
        condition: (data) => data?.type === 'branch' && data?.hasCommittee === true,
        description: {
          zh: '书记之外的支部委员（副书记、组织委员、宣传委员、纪检委员等），用于谈心谈话统计',
          en: 'Committee members besides the secretary (for heart-to-heart talks)',
        },
      },
    },
    {
      type: 'collapsible',
      label: { zh: '统计与合规（自动计算）', en: 'Counts and compliance (computed)' },
      fields: [
        {
          type: 'row',
          fields: [
            computed({
              name: 'memberCount',
              type: 'number',
              defaultValue: 0,
              label: { zh: '党员数（含预备党员）', en: 'Party members' },
            }),
            computed({
              name: 'fullMemberCount',
              type: 'number',
              defaultValue: 0,
              label: { zh: '正式党员数', en: 'Full members' },
            }),
          ],
        },
        computed({
          name: 'complianceState',
          type: 'select',
          defaultValue: 'notApplicable',
          options: [
            { value: 'ok', label: { zh: '符合要求', en: 'Compliant' } },
            { value: 'warning', label: { zh: '需整改', en: 'Needs attention' } },
            { value: 'notApplicable', label: { zh: '不适用', en: 'Not applicable' } },
          ],
          label: { zh: '合规状态', en: 'Compliance' },
        }),
        computed({
          name: 'complianceIssues',
          type: 'select',
          hasMany: true,
          options: COMPLIANCE_ISSUES.map((value) => ({ value, label: COMPLIANCE_ISSUE_LABELS[value] })),
          label: { zh: '合规问题', en: 'Compliance issues' },
        }),
      ],
    },
  ],
}
