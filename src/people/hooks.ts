import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionAfterLoginHook,
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  CollectionBeforeLoginHook,
  FieldHook,
  Validate,
} from 'payload'
import { APIError, ValidationError } from 'payload'

import { canSeeUnmaskedContact } from '../access/canSeeUnmaskedContact'
import { idOf, ROLE_LABELS, SEPARATED_ADMIN_ROLES, type Role } from '../access/roles'
import { notePhoneRead } from '../audit/reads'
import { recordAudit } from '../audit/record'
import { inRequest } from '../db/transaction'
import { recountOrganizations } from '../organizations/recount'
import { decrypt, encrypt, isEncrypted } from '../privacy/crypto'
import { maskPhone, maskStaffNumber } from './mask'
import { hasActiveDevelopmentCase, hasLearningRecords } from './queries'

/** Context flag for trusted imports that carry a person's past stages. */
export const IMPORT_STAGE_HISTORY = 'importStageHistory'

type StageEntry = { id?: string; stage: string; date: string; note?: string | null; source?: 'initial' | 'case' | 'correction' | null }

/** Context flag the development service sets when a case's step changes a stage (src/development/service.ts). */
const DEVELOPMENT_STEP = 'developmentStep'

/**
 * Keeps the stage history append-only: whatever the request says, the stored history is kept and
 * a new entry is added when the stage changes (or on create). After creation a stage changes only
 * through a development case's step (issue 17); anything else is a correction by a sysAdmin (field
 * access), which needs its reason, is refused while the person has a case in progress (the case
 * decides then), and is written to the audit log.
 */
export const recordStageHistory: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, context, req }) => {
  // Imports (the demo seed, a data migration) may bring a person's earlier history with them.
  if (operation === 'create' && context?.[IMPORT_STAGE_HISTORY] && Array.isArray(data.stageHistory)) return data
  // Earlier entries are kept exactly as stored, row ids included.
  const kept: StageEntry[] = [...((originalDoc?.stageHistory as StageEntry[] | undefined) ?? [])]
  const stage = data.politicalStage ?? originalDoc?.politicalStage
  const changed = operation === 'create' || (stage && stage !== originalDoc?.politicalStage)
  const byCase = context?.[DEVELOPMENT_STEP] as { case: number; step: number } | undefined
  if (changed && stage) {
    if (operation === 'update' && !byCase) {
      const note = typeof data.stageChangeNote === 'string' ? data.stageChangeNote.trim() : ''
      if (note.length < 4)
        throw new ValidationError({
          collection: 'users',
          errors: [{ path: 'stageChangeNote', message: '政治面貌随发展档案的步骤变更；手工更正须填写更正说明（依据和原因）' }],
        })
      if (await hasActiveDevelopmentCase(inRequest(req), Number(originalDoc?.id)))
        throw new APIError('该人员有进行中的发展档案，政治面貌随档案的步骤变更，不能手工更正；请在发展档案中办理', 409, null, true)
      await recordAudit(req, {
        action: 'stageCorrection',
        collection: 'users',
        documentId: originalDoc?.id,
        summary: `政治面貌更正为 ${stage}：${note}`.slice(0, 500),
        changedFields: ['politicalStage'],
      })
    }
    // The admin form sends the stored 起始日期 back with a new stage: a date left unchanged is the
    // previous stage's, so the new stage starts today unless another date was entered.
    const sameDate =
      operation === 'update' &&
      data.stageSince &&
      originalDoc?.stageSince &&
      new Date(data.stageSince).getTime() === new Date(originalDoc.stageSince).getTime()
    const since = data.stageSince && !sameDate ? data.stageSince : new Date().toISOString()
    data.stageSince = since
    kept.push({
      stage,
      date: since,
      note: data.stageChangeNote || null,
      source: operation === 'create' ? 'initial' : byCase ? 'case' : 'correction',
    })
  }
  data.stageHistory = kept
  delete data.stageChangeNote
  return data
}

/** 三员分立: one account may hold at most one of sysAdmin, securityAdmin and auditor. */
export const validateRoles: Validate = (value) => {
  const roles = (Array.isArray(value) ? value : []) as Role[]
  if (roles.length === 0) return '至少选择一个角色'
  const admins = roles.filter((r) => SEPARATED_ADMIN_ROLES.includes(r))
  if (admins.length > 1) {
    return `三员分立：${admins.map((r) => ROLE_LABELS[r].zh).join('、')}不能由同一账号兼任`
  }
  return true
}

/** A reviewer reviews at one level (初审/复审/终审); other people have none. */
export const validateReviewLevel: Validate = (value, { siblingData }) => {
  const roles = ((siblingData as { roles?: Role[] }).roles ?? []) as Role[]
  if (roles.includes('reviewer') && !value) return '审核员必须选择审核级别（初审/复审/终审）'
  return true
}

/** Masks phone and staff numbers for anyone but the person, their branch secretary and sysAdmin. */
const maskUnlessEntitled =
  (mask: (v: string) => string): FieldHook =>
  ({ value, req, data, overrideAccess }) => {
    // overrideAccess reads are the server's own (e.g. the original document an update starts
    // from): masking those would write the mask back into the database.
    if (typeof value !== 'string' || !value || !req.user || overrideAccess) return value
    return canSeeUnmaskedContact(req.user, data) ? value : mask(value)
  }
/**
 * The phone number is stored encrypted (src/privacy/crypto.ts) and decrypted on read only for those
 * entitled to it; everyone else gets the masked form, computed from the decrypted value on the server.
 */
export const maskPhoneForOthers: FieldHook = (args) => {
  const value = args.value
  if (typeof value !== 'string' || !value) return value
  let plain: string
  try {
    plain = decrypt(value)
  } catch {
    return '（无法解密）'
  }
  const shown = maskUnlessEntitled(maskPhone)({ ...args, value: plain })
  // Handed out unmasked to someone other than its owner (their secretary, sysAdmin): audited.
  if (!args.overrideAccess && args.req.user && shown === plain) notePhoneRead(args.req, args.data ?? {})
  return shown
}

const phoneError = (message: string) => new ValidationError({ collection: 'users', errors: [{ message, path: 'phone' }] })

/** Encrypts the phone number before it is stored; an unchanged or masked echo keeps the stored value. */
export const encryptPhone: FieldHook = ({ value, originalDoc }) => {
  if (typeof value !== 'string' || !value) return value
  // Reads never hand out ciphertext, so a value in that form can only be forged.
  if (isEncrypted(value)) throw phoneError('手机号格式不正确')
  const stored = (originalDoc as { phone?: string } | undefined)?.phone
  if (stored && (value === stored || value === maskPhone(stored))) return encrypt(stored)
  if (value.includes('*')) throw phoneError('手机号不完整：请输入完整的 11 位手机号')
  if (!/^1[3-9]\d{9}$/.test(value)) throw phoneError('请输入 11 位中国大陆手机号，例如 13812345678')
  return encrypt(value)
}
export const maskStaffNumberForOthers = maskUnlessEntitled(maskStaffNumber)

/** Disabled accounts cannot sign in, whatever their password. */
export const refuseDisabledAccount: CollectionBeforeLoginHook = ({ user }) => {
  if ((user as { active?: boolean }).active === false) {
    throw new APIError('该账号已停用，请联系系统管理员', 403, undefined, true)
  }
  return user
}

export const auditLogin: CollectionAfterLoginHook = async ({ req, user }) => {
  await recordAudit(
    req,
    {
      action: 'login',
      collection: 'users',
      documentId: user.id,
      // Campus sign-on (src/signon/session.ts) names its way: 登录（统一身份认证·CAS）.
      summary: `登录${req.context?.signOnMethod ? `（统一身份认证·${String(req.context.signOnMethod)}）` : ''}：${(user as { name?: string }).name ?? user.email}`,
    },
    { ...user, collection: 'users' },
  )
  return user
}

/** Moving a person, changing their stage or disabling them changes their branches' counts. */
export const recountOrganizationsOfPerson: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  const before = idOf(previousDoc?.organization)
  const after = idOf(doc.organization)
  const relevant =
    operation === 'create' ||
    String(before) !== String(after) ||
    previousDoc?.politicalStage !== doc.politicalStage ||
    previousDoc?.active !== doc.active
  if (relevant) await recountOrganizations(req.payload, [before as number, after as number], req)
  return doc
}

export const recountAfterPersonRemoved: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await recountOrganizations(req.payload, [idOf(doc.organization) as number], req)
  return doc
}

/**
 * People with learning records are not deleted: the records (and the statistics made of them) would
 * lose their owner, and the database refuses it anyway. Disable the account, or anonymise it
 * through a deletion request (PIPL), which keeps the records under an anonymous account.
 */
export const refuseDeletingPeopleWithRecords: CollectionBeforeDeleteHook = async ({ id, req }) => {
  if (await hasLearningRecords(inRequest(req), Number(id))) {
    throw new APIError('该人员已有学习、答题或积分记录，不能删除：请停用账号，或通过“个人信息删除申请”匿名化', 409, undefined, true)
  }
}
