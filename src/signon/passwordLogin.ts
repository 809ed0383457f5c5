import type { CollectionBeforeLoginHook } from 'payload'
import { APIError } from 'payload'

import { rolesOf } from '../access/roles'
import { signOnSettings } from './settings'

/**
 * 安全设置 → 禁止密码登录的角色: people holding only such roles sign in through the campus.
 * Someone who also holds a role still allowed a password keeps it (a secretary who administers the
 * platform, say); the three administrators are never listed (they sign in with password and 动态口令).
 * Applies only while a campus sign-on is configured, so nobody is ever left without a way in.
 */
export const refusePasswordLoginForRoles: CollectionBeforeLoginHook = async ({ req, user }) => {
  const settings = signOnSettings()
  if (!settings.oidc && !settings.cas) return user
  const security = (await req.payload.findGlobal({ slug: 'security-settings', depth: 0, req }).catch(() => null)) as {
    passwordLoginOffRoles?: string[] | null
  } | null
  const off = new Set(security?.passwordLoginOffRoles ?? [])
  const roles = rolesOf(user)
  if (off.size && roles.length && roles.every((r) => off.has(r))) {
    throw new APIError('您的账号须通过学校统一身份认证登录：请在登录页选择“统一身份认证登录”', 403, { signOn: true }, true)
  }
  return user
}
