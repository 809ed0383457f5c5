import type { GlobalConfig } from 'payload'

import { hasRole, isSecurityAdmin } from '../access'
import { recordAudit } from '../audit/record'

/**
 * 安全设置: switches that belong to the security administrator (三员分立), not to sysAdmin who runs
 * the platform. Every change is written to the audit log.
 */
export const SecuritySettings: GlobalConfig = {
  slug: 'security-settings',
  label: { zh: '安全设置', en: 'Security settings' },
  admin: { group: { zh: '系统', en: 'System' }, hidden: ({ user }) => !hasRole(user as never, 'securityAdmin') },
  access: { read: ({ req: { user } }) => Boolean(user), update: isSecurityAdmin },
  hooks: {
    afterChange: [
      async ({ doc, previousDoc, req }) => {
        const changed = ['requireAdminTotp'].filter((k) => doc[k] !== previousDoc?.[k])
        if (changed.length) {
          await recordAudit(req, { action: 'settingsChange', collection: 'security-settings', summary: '修改安全设置', changedFields: changed })
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
  ],
}
