import type { GlobalConfig } from 'payload'

import { hasRole, isSecurityAdmin } from '../access'
import { ROLE_LABELS, ROLES, SEPARATED_ADMIN_ROLES } from '../access/roles'
import { recordAudit } from '../audit/record'

/**
 * 安全设置: switches that belong to the security administrator (三员分立), not to sysAdmin who runs
 * the platform. Every change is written to the audit log.
 */
export const SecuritySettings: GlobalConfig = {
  slug: 'security-settings',
  label: { zh: '安全设置', en: 'Security settings' },
  admin: { group: { zh: '系统', en: 'System' }, hidden: ({ user }) => !hasRole(user, 'securityAdmin') },
  access: { read: ({ req: { user } }) => Boolean(user), update: isSecurityAdmin },
  hooks: {
    afterChange: [
      async ({ doc, previousDoc, req }) => {
        const changed = ['requireAdminTotp', 'maxSessionsPerAccount', 'passwordLoginOffRoles'].filter(
          (k) => JSON.stringify(doc[k] ?? null) !== JSON.stringify(previousDoc?.[k] ?? null),
        )
        if (changed.length) {
          await recordAudit(req, {
            action: 'settingsChange',
            collection: 'security-settings',
            summary: '修改安全设置',
            changedFields: changed,
          })
        }
        return doc
      },
    ],
  },
  fields: [
    {
      name: 'requireAdminTotp',
      type: 'checkbox',
      defaultValue: false,
      label: { zh: '三员必须使用动态口令登录', en: 'Require TOTP for the three administrators' },
      admin: {
        description: {
          zh: '开启后，系统管理员、安全管理员、安全审计员登录时必须输入动态口令（TOTP）；尚未绑定的账号登录后只能先绑定。',
          en: 'sysAdmin, securityAdmin and auditor must sign in with a TOTP code.',
        },
      },
    },
    {
      // src/auth/sessions.ts (limitConcurrentSessions): the oldest session ends when a new login exceeds it.
      name: 'maxSessionsPerAccount',
      type: 'number',
      required: true,
      defaultValue: 5,
      min: 1,
      max: 50,
      label: { zh: '每个账号同时在线的会话数', en: 'Concurrent sessions per account' },
      admin: {
        description: {
          zh: '同一账号最多同时保持的登录会话数（1–50，默认 5）；超过时，最早的会话被注销。',
          en: 'At most this many sessions per account (1–50, default 5); a new login ends the oldest.',
        },
      },
    },
    {
      // src/signon/passwordLogin.ts: effective only while a campus sign-on (OIDC or CAS) is configured.
      name: 'passwordLoginOffRoles',
      type: 'select',
      hasMany: true,
      options: ROLES.filter((r) => !SEPARATED_ADMIN_ROLES.includes(r)).map((r) => ({ value: r, label: ROLE_LABELS[r] })),
      label: { zh: '禁止密码登录的角色', en: 'Roles without password login' },
      admin: {
        description: {
          zh: '启用统一身份认证后，只拥有这些角色的账号不能再用密码登录，须通过统一身份认证；三员始终使用密码和动态口令。',
          en: 'With campus sign-on configured, accounts holding only these roles must use it.',
        },
      },
    },
  ],
}
