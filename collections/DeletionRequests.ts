import type { CollectionConfig } from 'payload'

import { hasRole, nobody } from '../src/access'

/**
 * 个人信息删除申请 (PIPL art. 47): a member asks, the system administrator approves or rejects; on
 * approval the person's personal data is removed or anonymised everywhere. Written only through
 * its routes (src/privacy/endpoints.ts), so every step is checked and audited.
 */
export const DeletionRequests: CollectionConfig = {
  slug: 'deletion-requests',
  labels: { singular: { zh: '个人信息删除申请', en: 'Deletion request' }, plural: { zh: '个人信息删除申请', en: 'Deletion requests' } },
  admin: {
    group: { zh: '组织与人员', en: 'People & organisations' },
    defaultColumns: ['createdAt', 'memberName', 'status', 'decidedAt'],
    useAsTitle: 'memberName',
    hidden: ({ user }) => !hasRole(user, 'sysAdmin'),
    components: { edit: { beforeDocumentControls: ['/src/privacy/admin/DecisionButtons#DecisionButtons'] } },
  },
  access: {
    read: ({ req: { user } }) => {
      if (!user) return false
      if (hasRole(user, 'sysAdmin')) return true
      return { member: { equals: user.id } }
    },
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  fields: [
    {
      name: 'member',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      index: true,
      label: { zh: '申请人', en: 'Member' },
      admin: { readOnly: true },
    },
    // The request must still be recognisable after the person's name is gone.
    { name: 'memberName', type: 'text', label: { zh: '申请人姓名', en: 'Name' }, admin: { readOnly: true } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      label: { zh: '状态', en: 'Status' },
      admin: { readOnly: true },
      options: [
        { value: 'pending', label: { zh: '待处理', en: 'Pending' } },
        { value: 'rejected', label: { zh: '已驳回', en: 'Rejected' } },
        { value: 'completed', label: { zh: '已删除', en: 'Completed' } },
      ],
    },
    { name: 'reason', type: 'textarea', label: { zh: '申请说明', en: 'Reason' }, admin: { readOnly: true } },
    { name: 'decisionNote', type: 'textarea', label: { zh: '处理意见', en: 'Decision note' }, admin: { readOnly: true } },
    { name: 'decidedBy', type: 'relationship', relationTo: 'users', label: { zh: '处理人', en: 'Decided by' }, admin: { readOnly: true } },
    {
      name: 'decidedAt',
      type: 'date',
      label: { zh: '处理时间', en: 'Decided at' },
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
}
