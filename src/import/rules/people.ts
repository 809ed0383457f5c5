import { EMAIL_PATTERN } from '../../auth/email'
import { POLITICAL_STAGE_LABELS, POLITICAL_STAGES, type PoliticalStage } from '../../people/stages'
import { byRow, duplicatesIn, missingCells, parseDate, type Change, type Plan, type Problem, type Record_ } from './sheet'

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/

/** A person as the database holds them, phone decrypted; what the import compares a row with. */
export type ExistingPerson = {
  id: number
  staffNumber: string
  name: string
  email: string
  phone: string | null
  organizationId: number | null
  stage: PoliticalStage
  /** Holds sysAdmin, securityAdmin or auditor: their credentials are changed by themselves alone. */
  adminAccount: boolean
  /** Has a 发展档案 in progress: the case moves their stage, a correction is refused. */
  activeCase: boolean
}

export type PeopleContext = {
  /** Organisation code → id. */
  orgs: Map<string, number>
  byStaffNumber: Map<string, ExistingPerson>
  /** E-mail (lower case) → the staff number of the person holding it ('' for a person without one). */
  emailOwners: Map<string, string>
}

export type PersonWrite = {
  row: number
  name: string
  staffNumber: string
  email: string
  /** Null: keep the stored number (a new person: none). */
  phone: string | null
  organizationId: number
  stage: PoliticalStage
  stageSince: string | null
  stageNote: string | null
}
export type PersonUpdate = PersonWrite & {
  id: number
  stageChanged: boolean
  phoneChanged: boolean
  moved: boolean
  previousOrganizationId: number | null
}

const STAGE_BY_TEXT = new Map<string, PoliticalStage>(
  POLITICAL_STAGES.flatMap(
    (s) =>
      [
        [POLITICAL_STAGE_LABELS[s].zh, s],
        [s, s],
      ] as Array<[string, PoliticalStage]>,
  ),
)
// Common ways the stage is written in university rosters.
for (const [text, stage] of [
  ['中共党员', 'full'],
  ['党员', 'full'],
  ['中共预备党员', 'probationary'],
  ['积极分子', 'activist'],
] as const)
  STAGE_BY_TEXT.set(text, stage)

export const stageOf = (text: string): PoliticalStage | null => STAGE_BY_TEXT.get(text.trim()) ?? null

const FIELD_LABELS = { name: '姓名', email: '邮箱', phone: '手机号', organizationId: '所在组织', stage: '政治面貌' } as const

/**
 * Decides, row by row, what importing these people would do and every reason it cannot: missing
 * cells, an unknown organisation code or stage, a malformed phone or e-mail, a staff number or
 * e-mail given twice in the file or held by someone else, and the rules the person form keeps (a
 * stage differing from the stored one is a correction with its reason, refused while a 发展档案 is
 * in progress; an administrator's e-mail is changed by that account alone). Pure: the caller reads
 * the context from the database.
 */
export const planPeople = (records: Record_[], ctx: PeopleContext): Plan<PersonWrite, PersonUpdate> => {
  const problems: Problem[] = []
  const creates: PersonWrite[] = []
  const updates: PersonUpdate[] = []
  const changes: Change[] = []
  let unchanged = 0
  const v = (r: Record_, k: string) => r.values[k] ?? ''
  const duplicates = byRow([
    ...duplicatesIn(
      records,
      (r) => v(r, 'staffNumber'),
      (r) => r.row,
      '工号/学号',
      '工号/学号',
    ),
    ...duplicatesIn(
      records,
      (r) => v(r, 'email').toLowerCase(),
      (r) => r.row,
      '邮箱',
      '邮箱',
    ),
  ])

  for (const r of records) {
    const mine: Problem[] = [...missingCells('people', r), ...duplicates(r.row)]
    const at = (column: string, message: string) => mine.push({ row: r.row, column, message })
    const staffNumber = v(r, 'staffNumber')
    const email = v(r, 'email').toLowerCase()
    const phone = v(r, 'phone').replace(/[\s-]/g, '')
    const orgCode = v(r, 'orgCode')
    const stageText = v(r, 'stage')
    if (staffNumber && (staffNumber.length > 32 || !/^[0-9A-Za-z_-]+$/.test(staffNumber)))
      at('工号/学号', `工号/学号“${staffNumber}”只能由字母、数字、“-”“_”组成，最长 32 位`)
    if (v(r, 'name').length > 50) at('姓名', '姓名过长（最多 50 个字）')
    const organizationId = orgCode ? ctx.orgs.get(orgCode) : undefined
    if (orgCode && organizationId === undefined) at('所在组织编码', `未知的组织编码“${orgCode}”`)
    const stage = stageText ? stageOf(stageText) : null
    if (stageText && !stage)
      at('政治面貌', `未知的政治面貌“${stageText}”（可选：${POLITICAL_STAGES.map((s) => POLITICAL_STAGE_LABELS[s].zh).join('、')}）`)
    if (phone && !MOBILE_PATTERN.test(phone)) at('手机号', `手机号“${v(r, 'phone')}”无效：请填写 11 位中国大陆手机号，例如 13812345678`)
    if (email && (email.length > 254 || !EMAIL_PATTERN.test(email))) at('邮箱', `邮箱“${v(r, 'email')}”无效`)
    const sinceText = v(r, 'stageSince')
    const stageSince = sinceText ? parseDate(sinceText) : null
    if (sinceText && !stageSince) at('阶段起始日期', `日期“${sinceText}”无效：请写成 2025-09-01`)
    else if (stageSince && new Date(stageSince).getTime() > Date.now()) at('阶段起始日期', '阶段起始日期不能晚于今天')

    const existing = staffNumber ? ctx.byStaffNumber.get(staffNumber) : undefined
    const owner = email ? ctx.emailOwners.get(email) : undefined
    if (owner !== undefined && owner !== staffNumber) at('邮箱', `邮箱“${email}”已被其他人员${owner ? `（工号/学号 ${owner}）` : ''}使用`)
    const note = v(r, 'stageNote') || null

    if (mine.length || !stage || organizationId === undefined) {
      problems.push(...mine)
      continue
    }
    const write: PersonWrite = {
      row: r.row,
      name: v(r, 'name'),
      staffNumber,
      email,
      phone: phone || null,
      organizationId,
      stage,
      stageSince,
      stageNote: note,
    }
    if (!existing) {
      creates.push(write)
      changes.push({ row: r.row, action: 'new', label: `${write.name}（${staffNumber}）`, fields: [] })
      continue
    }
    const fields: string[] = []
    if (existing.name !== write.name) fields.push(FIELD_LABELS.name)
    if (existing.email !== email) fields.push(FIELD_LABELS.email)
    const phoneChanged = write.phone !== null && existing.phone !== write.phone
    if (phoneChanged) fields.push(FIELD_LABELS.phone)
    if (existing.organizationId !== organizationId) fields.push(FIELD_LABELS.organizationId)
    const stageChanged = existing.stage !== stage
    if (stageChanged) fields.push(FIELD_LABELS.stage)
    if (existing.email !== email && existing.adminAccount) at('邮箱', '系统管理员、安全管理员、安全审计员的邮箱只能由本人修改')
    if (stageChanged && existing.activeCase)
      at(
        '政治面貌',
        `该人员有进行中的发展档案，政治面貌随档案的步骤变更（现为${POLITICAL_STAGE_LABELS[existing.stage].zh}），不能通过导入更正`,
      )
    else if (stageChanged && (note ?? '').length < 4)
      at(
        '阶段变更说明',
        `政治面貌由${POLITICAL_STAGE_LABELS[existing.stage].zh}改为${POLITICAL_STAGE_LABELS[stage].zh}是一次更正：请在“阶段变更说明”中写明依据和原因（至少 4 个字）`,
      )
    if (mine.length) {
      problems.push(...mine)
      continue
    }
    if (fields.length === 0) {
      unchanged++
      continue
    }
    updates.push({
      ...write,
      id: existing.id,
      stageChanged,
      phoneChanged,
      moved: existing.organizationId !== organizationId,
      previousOrganizationId: existing.organizationId,
    })
    changes.push({ row: r.row, action: 'changed', label: `${write.name}（${staffNumber}）`, fields })
  }
  return { problems, creates, updates, unchanged, changes }
}
