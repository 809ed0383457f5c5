import type { CollectionConfig } from 'payload'

import { hasRole, isAuditor, nobody } from '../src/access'

/**
 * 审计日志: append-only. Written by server hooks only; read by the security auditor alone, so that
 * the administrators whose actions it records cannot read or alter it (三员分立).
 */
export const AuditLogs: CollectionConfig = {
  slug: 'audit-logs',
  labels: { singular: { zh: '审计日志', en: 'Audit entry' }, plural: { zh: '审计日志', en: 'Audit log' } },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: ['createdAt', 'actorName', 'action', 'targetCollection', 'summary', 'ip'],
    group: { zh: '安全审计', en: 'Security audit' },
    hidden: ({ user }) => !hasRole(user as never, 'auditor'),
  },
  access: {
    read: isAuditor,
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  timestamps: true,
  defaultSort: '-createdAt',
  fields: [
    {
      name: 'action',
      type: 'select',
      required: true,
      index: true,
      label: { zh: '操作', en: 'Action' },
      options: [
        { value: 'login', label: { zh: '登录', en: 'Login' } },
        { value: 'create', label: { zh: '新建', en: 'Create' } },
        { value: 'update', label: { zh: '修改', en: 'Update' } },
        { value: 'delete', label: { zh: '删除', en: 'Delete' } },
        { value: 'publish', label: { zh: '发布', en: 'Publish' } },
        { value: 'withdraw', label: { zh: '下线', en: 'Withdraw' } },
        { value: 'export', label: { zh: '导出个人信息', en: 'Export of personal data' } },
      ],
    },
    { name: 'targetCollection', type: 'text', index: true, label: { zh: '对象类型', en: 'Collection' } },
    { name: 'documentId', type: 'text', label: { zh: '对象 ID', en: 'Document id' } },
    { name: 'summary', type: 'text', required: true, label: { zh: '摘要', en: 'Summary' } },
    { name: 'changedFields', type: 'text', label: { zh: '变更字段', en: 'Changed fields' } },
    { name: 'actor', type: 'relationship', relationTo: 'users', index: true, label: { zh: '操作人', en: 'Actor' } },
    // A name snapshot so the trail still reads correctly after the person is renamed or removed.
    { name: 'actorName', type: 'text', label: { zh: '操作人姓名', en: 'Actor name' } },
    { name: 'ip', type: 'text', label: { zh: 'IP 地址', en: 'IP address' } },
  ],
}
