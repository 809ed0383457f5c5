import type { CollectionConfig, FieldAccess } from 'payload'
import { awardLoginPoints } from '../src/points/hooks'

import {
  canAccessAdmin,
  canAssignRoles,
  canSeeUnmaskedContact,
  hasRole,
  isSysAdmin,
  isSysAdminField,
  readUsers,
  ROLE_LABELS,
  ROLES,
  selfOrSysAdminField,
  updateUsers,
} from '../src/access'
import { auditAfterChange, auditAfterDelete } from '../src/audit/hooks'
import { refuseForbiddenFieldWrites, type FieldWriteRule } from '../src/hooks/refuseForbiddenFieldWrites'
import {
  auditLogin,
  encryptPhone,
  maskPhoneForOthers,
  maskStaffNumberForOthers,
  recordStageHistory,
  recountAfterPersonRemoved,
  recountOrganizationsOfPerson,
  refuseDeletingPeopleWithRecords,
  refuseDisabledAccount,
  validateReviewLevel,
  validateRoles,
} from '../src/people/hooks'
import { maskPhone, maskStaffNumber } from '../src/people/mask'
import { isEncrypted } from '../src/privacy/crypto'
import { stageOptions } from '../src/people/stages'
import {
  afterPasswordReset,
  auditFailedLogin,
  auditLogout,
  enforcePasswordPolicy,
  limitAuthRequests,
  refuseUnsetPassword,
  sessionsAndRolesAfterChange,
} from '../src/auth/hooks'
import { loginErrorResponse } from '../src/auth/loginErrors'
import { capSessionLifetime, IDLE_SECONDS, limitConcurrentSessions } from '../src/auth/sessions'
import { countWrongCodes, requireSecondFactor } from '../src/auth/totp'
import { refusePasswordLoginForRoles } from '../src/signon/passwordLogin'
import { credentialsAfterChange, guardAccounts } from '../src/auth/credentials'
import { queueForgotPasswordMail, takeOverForgotPasswordMail } from '../src/mail/auth'
import { DEFAULT_NOTIFICATION_EMAIL, NOTIFICATION_EMAIL_OPTIONS } from '../src/mail/notifications'

/** The person themself (their own account page). */
const isSelfField: FieldAccess = ({ req: { user }, id, doc }) => {
  const target = id ?? (doc as { id?: unknown } | undefined)?.id
  return Boolean(user && target !== undefined && String(target) === String(user.id))
}

/**
 * Political affiliation is sensitive personal information: the person, their secretary, sysAdmin.
 * Reads pass the stored document as `doc`; the admin's edit form asks again while building its
 * form state with the document as `data` and its `id`, and no `doc`. Judging on `doc` alone
 * refused there, so 政治面貌 showed empty and 发展历程 had no rows on the form (while the API
 * returned both) and a stage change could not be saved. The form's data came from the access-
 * checked read, so asking about it reveals nothing new.
 */
const canReadPersonalDetails: FieldAccess = ({ req: { user }, doc, data, id }) => {
  // Asked with no person at all: a filter or sort on the field (and the admin's permission map).
  // Allowed to whoever may see it on every person their read access returns (readUsers: members
  // read themselves, a secretary their branch, sysAdmin everyone), so a filter reveals nothing the
  // rows would not; the security administrator reads everyone but not this, so may not filter on it.
  if (!doc && !data && id === undefined) return Boolean(user) && (hasRole(user, 'sysAdmin') || !hasRole(user, 'securityAdmin'))
  const person = (doc ?? (data ? { ...data, id: id ?? data.id } : undefined)) as { id?: unknown; organization?: unknown } | undefined
  return canSeeUnmaskedContact(user, person)
}

const sysAdminOnly: FieldWriteRule['allowed'] = (user) => hasRole(user, 'sysAdmin')
const securityAdminOnly: FieldWriteRule['allowed'] = (user) => hasRole(user, 'securityAdmin')
const selfOrSysAdmin: FieldWriteRule['allowed'] = (user, id) =>
  hasRole(user, 'sysAdmin') || (id !== undefined && String(id) === String(user.id))

/** The explicit 403 for writes that field access would otherwise drop silently. */
export const guardedFields: Record<string, FieldWriteRule> = {
  roles: { label: '角色', allowed: securityAdminOnly, createDefault: ['member'] },
  reviewLevel: { label: '审核级别', allowed: securityAdminOnly },
  name: { label: '姓名', allowed: sysAdminOnly },
  staffNumber: { label: '工号/学号', allowed: sysAdminOnly, unchangedForms: (v) => [maskStaffNumber(String(v))] },
  organization: { label: '所在组织', allowed: sysAdminOnly },
  leadingCadre: { label: '领导干部', allowed: sysAdminOnly },
  politicalStage: { label: '政治面貌', allowed: sysAdminOnly, createDefault: 'masses' },
  stageSince: { label: '当前阶段起始日期', allowed: sysAdminOnly },
  stageChangeNote: { label: '阶段变更说明', allowed: sysAdminOnly },
  active: { label: '账号状态', allowed: sysAdminOnly, createDefault: true },
  email: { label: '邮箱', allowed: selfOrSysAdmin },
  password: { label: '密码', allowed: selfOrSysAdmin },
  phone: { label: '手机号', allowed: selfOrSysAdmin, unchangedForms: (v) => [maskPhone(String(v))] },
  interests: { label: '关注专题', allowed: selfOrSysAdmin },
  // One's own inbox: the person alone chooses (not sysAdmin, who may not silence someone's warnings).
  notificationEmail: {
    label: '通知邮件',
    allowed: (user, id) => id !== undefined && String(id) === String(user.id),
    createDefault: DEFAULT_NOTIFICATION_EMAIL,
  },
}

export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: { zh: '人员', en: 'Person' }, plural: { zh: '人员', en: 'People' } },
  auth: {
    // The signed-in user is read on every request: relationships as ids (access checks and pages
    // use ids); Payload's default depth 2 populated the organisation chain and themes each time.
    depth: 0,
    // 5 failed logins lock the account for 15 minutes (counted atomically in the database, so 100
    // parallel guesses lock it just the same).
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
    // Idle timeout: renewed only by activity; the refresh hook caps a session at 12 hours.
    tokenExpiration: IDLE_SECONDS,
    useSessions: true,
    // The reset mail is queued by src/mail/auth.ts (takeOverForgotPasswordMail), not sent by Payload.
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'staffNumber', 'roles', 'organization', 'politicalStage', 'active'],
    group: { zh: '组织与人员', en: 'People & organisations' },
  },
  access: {
    admin: canAccessAdmin,
    create: isSysAdmin,
    read: readUsers,
    update: updateUsers,
    delete: isSysAdmin,
    unlock: isSysAdmin,
  },
  hooks: {
    beforeOperation: [
      limitAuthRequests,
      countWrongCodes,
      refuseForbiddenFieldWrites(guardedFields),
      guardAccounts,
      enforcePasswordPolicy,
      takeOverForgotPasswordMail,
    ],
    beforeChange: [recordStageHistory],
    afterChange: [recountOrganizationsOfPerson, auditAfterChange, sessionsAndRolesAfterChange, credentialsAfterChange],
    beforeDelete: [refuseDeletingPeopleWithRecords],
    afterDelete: [recountAfterPersonRemoved, auditAfterDelete],
    beforeLogin: [refuseDisabledAccount, refusePasswordLoginForRoles, refuseUnsetPassword, requireSecondFactor],
    afterLogin: [auditLogin, awardLoginPoints, limitConcurrentSessions],
    afterLogout: [auditLogout],
    afterOperation: [afterPasswordReset, queueForgotPasswordMail],
    afterError: [auditFailedLogin, loginErrorResponse],
    refresh: [capSessionLifetime],
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'name',
          type: 'text',
          required: true,
          label: { zh: '姓名', en: 'Name' },
          access: { create: isSysAdminField, update: isSysAdminField },
        },
        {
          name: 'staffNumber',
          type: 'text',
          unique: true,
          index: true,
          label: { zh: '工号/学号', en: 'Staff/student number' },
          access: { create: isSysAdminField, update: isSysAdminField },
          hooks: { afterRead: [maskStaffNumberForOthers] },
        },
        {
          name: 'phone',
          type: 'text',
          label: { zh: '手机号', en: 'Phone' },
          access: { create: selfOrSysAdminField, update: selfOrSysAdminField },
          hooks: { beforeChange: [encryptPhone], afterRead: [maskPhoneForOthers] },
          validate: (value: unknown) =>
            // Field hooks run first: by now the number is ciphertext (checked in clear by encryptPhone).
            !value ||
            (typeof value === 'string' && (isEncrypted(value) || /^1[3-9]\d{9}$/.test(value) || /^1[3-9]\d\*{4}\d{4}$/.test(value)))
              ? true
              : '请输入 11 位中国大陆手机号，例如 13812345678',
        },
      ],
    },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['member'],
      options: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
      label: { zh: '角色', en: 'Roles' },
      access: { create: canAssignRoles, update: canAssignRoles },
      validate: validateRoles,
      admin: {
        description: {
          zh: '仅安全管理员可分配角色；系统管理员、安全管理员、安全审计员不可兼任。',
          en: 'Only the security administrator assigns roles.',
        },
      },
    },
    {
      name: 'reviewLevel',
      type: 'select',
      label: { zh: '审核级别', en: 'Review level' },
      options: [
        { value: '1', label: { zh: '初审', en: 'First review' } },
        { value: '2', label: { zh: '复审', en: 'Second review' } },
        { value: '3', label: { zh: '终审', en: 'Final review' } },
      ],
      access: { create: canAssignRoles, update: canAssignRoles },
      validate: validateReviewLevel,
      admin: { condition: (data) => Array.isArray(data?.roles) && data.roles.includes('reviewer') },
    },
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      index: true,
      label: { zh: '所在组织', en: 'Organisation' },
      access: { create: isSysAdminField, update: isSysAdminField },
    },
    {
      // 双重组织生活: a leading cadre takes part in their own branch's organisation life as an ordinary
      // member, and gives 党课; the annual record and the cockpit show whether each has (src/meetings/record.ts).
      name: 'leadingCadre',
      type: 'checkbox',
      defaultValue: false,
      label: { zh: '领导干部（双重组织生活）', en: 'Leading cadre' },
      access: { create: isSysAdminField, update: isSysAdminField },
    },
    {
      type: 'collapsible',
      label: { zh: '政治面貌', en: 'Political stage' },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'politicalStage',
              type: 'select',
              required: true,
              defaultValue: 'masses',
              index: true,
              options: stageOptions,
              label: { zh: '政治面貌', en: 'Political stage' },
              access: { read: canReadPersonalDetails, create: isSysAdminField, update: isSysAdminField },
            },
            {
              name: 'stageSince',
              type: 'date',
              label: { zh: '当前阶段起始日期', en: 'Stage since' },
              access: { read: canReadPersonalDetails, create: isSysAdminField, update: isSysAdminField },
            },
          ],
        },
        {
          name: 'stageChangeNote',
          type: 'text',
          virtual: true,
          label: { zh: '阶段变更说明', en: 'Note for this change' },
          // Payload makes virtual fields read-only in the form unless told otherwise: without this
          // the note could not be typed (the 转正 e2e test found it disabled).
          admin: {
            readOnly: false,
            description: {
              zh: '政治面貌随发展档案的步骤变更；手工更正时必须填写依据和原因，记入发展历程和审计日志',
              en: 'A correction needs its reason; it is logged',
            },
          },
          access: { read: isSysAdminField, create: isSysAdminField, update: isSysAdminField },
        },
        {
          name: 'stageHistory',
          type: 'array',
          label: { zh: '发展历程', en: 'Stage history' },
          labels: { singular: { zh: '记录', en: 'Entry' }, plural: { zh: '记录', en: 'Entries' } },
          // Append-only: kept by the recordStageHistory hook, never edited by hand.
          access: { read: canReadPersonalDetails, create: () => false, update: () => false },
          admin: { readOnly: true, initCollapsed: true, components: { RowLabel: '/src/people/admin/StageRowLabel#StageRowLabel' } },
          fields: [
            { name: 'stage', type: 'select', options: stageOptions, required: true, label: { zh: '阶段', en: 'Stage' } },
            { name: 'date', type: 'date', required: true, label: { zh: '日期', en: 'Date' } },
            { name: 'note', type: 'text', label: { zh: '说明', en: 'Note' } },
            {
              name: 'source',
              type: 'select',
              options: [
                { value: 'initial', label: { zh: '建档时', en: 'On creation' } },
                { value: 'case', label: { zh: '发展档案', en: 'Development case' } },
                { value: 'correction', label: { zh: '手工更正', en: 'Correction' } },
              ],
              label: { zh: '来源', en: 'Source' },
            },
          ],
        },
      ],
    },
    {
      name: 'interests',
      type: 'relationship',
      relationTo: 'themes',
      hasMany: true,
      // At most 50 (a list of thousands of ids was a 500 and a 400 KB statement): src/validation/strictInput.ts.
      maxRows: 50,
      label: { zh: '关注专题', en: 'Interests' },
      access: { create: selfOrSysAdminField, update: selfOrSysAdminField },
    },
    {
      // 通知邮件 (src/mail/notifications.ts): set by the person on 我的 → 账号设置.
      name: 'notificationEmail',
      type: 'select',
      defaultValue: DEFAULT_NOTIFICATION_EMAIL,
      options: NOTIFICATION_EMAIL_OPTIONS.map((o) => ({ value: o.value, label: o.label })),
      label: { zh: '通知邮件', en: 'Notification e-mail' },
      access: { read: selfOrSysAdminField, update: isSelfField },
      admin: {
        description: {
          zh: '消息通知是否同时发到邮箱：即时、每日汇总或不发送。仅本人可更改。',
          en: 'Whether notifications are also e-mailed. Only the person may change it.',
        },
      },
    },
    {
      name: 'active',
      type: 'checkbox',
      defaultValue: true,
      label: { zh: '账号启用', en: 'Active' },
      access: { create: isSysAdminField, update: isSysAdminField },
      admin: { position: 'sidebar' },
    },
    {
      // Seeded and invited accounts carry a random password nobody knows until they set their own
      // through the emailed link: no default passwords.
      name: 'mustSetPassword',
      type: 'checkbox',
      defaultValue: false,
      label: { zh: '需设置密码', en: 'Must set password' },
      access: { create: isSysAdminField, update: () => false },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'totpEnabled',
      type: 'checkbox',
      defaultValue: false,
      label: { zh: '已启用动态口令', en: 'Second factor on' },
      // Changed only through the TOTP endpoints, which check a code first.
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      // Encrypted like the phone number; never leaves the server.
      name: 'totpSecret',
      type: 'text',
      hidden: true,
      access: { read: () => false, create: () => false, update: () => false },
    },
    {
      // Asked with one's own password or e-mail change (src/auth/credentials.ts); never stored.
      name: 'currentPassword',
      type: 'text',
      virtual: true,
      label: { zh: '当前密码', en: 'Current password' },
      access: { read: isSelfField, create: () => false, update: isSelfField },
      admin: {
        condition: (data, _sibling, { user }) => Boolean(user && data?.id !== undefined && String(user.id) === String(data.id)),
        description: { zh: '修改本人的密码或邮箱时填写', en: 'Needed to change your own password or e-mail' },
        components: { Field: '/src/auth/admin/CurrentPasswordField#CurrentPasswordField' },
      },
    },
    {
      // A requested new e-mail waits here until the link sent to it is opened (src/auth/credentials.ts).
      name: 'pendingEmail',
      type: 'text',
      label: { zh: '待确认的新邮箱', en: 'New e-mail awaiting confirmation' },
      access: { read: selfOrSysAdminField, create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.pendingEmail) },
    },
    {
      name: 'pendingEmailExpiresAt',
      type: 'date',
      label: { zh: '确认链接有效期至', en: 'Confirmation link valid until' },
      access: { read: selfOrSysAdminField, create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.pendingEmail) },
    },
    {
      // SHA-256 of the confirmation link's token; the token itself is only in the e-mail.
      name: 'pendingEmailTokenHash',
      type: 'text',
      hidden: true,
      index: true,
      access: { read: () => false, create: () => false, update: () => false },
    },
    {
      name: 'anonymisedAt',
      type: 'date',
      label: { zh: '个人信息删除时间', en: 'Anonymised at' },
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.anonymisedAt) },
    },
  ],
}
