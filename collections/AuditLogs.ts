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
    defaultColumns: ['createdAt', 'actorName', 'action', 'result', 'targetCollection', 'summary', 'ip'],
    group: { zh: '安全审计', en: 'Security audit' },
    hidden: ({ user }) => !hasRole(user, 'auditor'),
    listSearchableFields: ['summary', 'actorName', 'ip'],
    components: { beforeListTable: ['/src/audit/admin/AuditExport#AuditExport'] },
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
        { value: 'loginFailed', label: { zh: '登录失败', en: 'Failed login' } },
        { value: 'lockout', label: { zh: '账号锁定', en: 'Lockout' } },
        { value: 'logout', label: { zh: '退出登录', en: 'Logout' } },
        { value: 'sessionRevoked', label: { zh: '会话注销', en: 'Sessions revoked' } },
        { value: 'passwordChange', label: { zh: '密码变更', en: 'Password change' } },
        { value: 'totp', label: { zh: '双因素认证变更', en: 'Second factor change' } },
        { value: 'roleChange', label: { zh: '角色/权限变更', en: 'Role change' } },
        { value: 'settingsChange', label: { zh: '设置变更', en: 'Settings change' } },
        { value: 'accessDenied', label: { zh: '拒绝访问', en: 'Access denied' } },
        { value: 'rateLimited', label: { zh: '请求限流', en: 'Rate limited' } },
        { value: 'deletionRequest', label: { zh: '个人信息删除申请', en: 'Deletion request' } },
        { value: 'anonymise', label: { zh: '个人信息删除/匿名化', en: 'Anonymisation' } },
        { value: 'create', label: { zh: '新建', en: 'Create' } },
        { value: 'update', label: { zh: '修改', en: 'Update' } },
        { value: 'delete', label: { zh: '删除', en: 'Delete' } },
        { value: 'publish', label: { zh: '发布', en: 'Publish' } },
        { value: 'withdraw', label: { zh: '下线', en: 'Withdraw' } },
        { value: 'export', label: { zh: '导出个人信息', en: 'Export of personal data' } },
        { value: 'read', label: { zh: '查看他人个人信息', en: 'Read of personal data' } },
        { value: 'developmentStep', label: { zh: '发展党员办理', en: 'Member development step' } },
        { value: 'stageCorrection', label: { zh: '政治面貌更正', en: 'Stage correction' } },
        { value: 'import', label: { zh: '批量导入', en: 'Bulk import' } },
      ],
    },
    {
      name: 'result',
      type: 'select',
      required: true,
      defaultValue: 'success',
      index: true,
      label: { zh: '结果', en: 'Result' },
      options: [
        { value: 'success', label: { zh: '成功', en: 'Success' } },
        { value: 'failure', label: { zh: '失败', en: 'Failure' } },
        { value: 'denied', label: { zh: '拒绝', en: 'Denied' } },
      ],
    },
    {
      name: 'targetCollection',
      type: 'text',
      index: true,
      label: { zh: '对象类型', en: 'Collection' },
      // Stored as the slug (users, courses); shown by its Chinese name (人员, 课程).
      admin: { components: { Cell: '/src/audit/admin/TargetCell#TargetCell', Field: '/src/audit/admin/TargetField#TargetField' } },
    },
    { name: 'documentId', type: 'text', label: { zh: '对象 ID', en: 'Document id' } },
    { name: 'summary', type: 'text', required: true, label: { zh: '摘要', en: 'Summary' } },
    { name: 'changedFields', type: 'text', label: { zh: '变更字段', en: 'Changed fields' } },
    { name: 'actor', type: 'relationship', relationTo: 'users', index: true, label: { zh: '操作人', en: 'Actor' } },
    // A name snapshot so the trail still reads correctly after the person is renamed or removed.
    { name: 'actorName', type: 'text', label: { zh: '操作人姓名', en: 'Actor name' } },
    { name: 'ip', type: 'text', label: { zh: 'IP 地址', en: 'IP address' } },
    { name: 'userAgent', type: 'text', label: { zh: '客户端', en: 'User agent' } },
  ],
}
