import { randomBytes } from 'crypto'
import type { PayloadRequest } from 'payload'

import { SEPARATED_ADMIN_ROLES } from '../access/roles'
import { recordAudit } from '../audit/record'
import { POLITICAL_STAGE_LABELS } from '../people/stages'
import { decrypt, encrypt } from '../privacy/crypto'
import { planPeople, type ExistingPerson, type PersonUpdate, type PersonWrite } from './rules/people'
import type { Plan, Record_ } from './rules/sheet'
import { addInitialStages, addMemberRoles, addStageCorrections, lockPeopleByKeys, organizationCodes, upsertPeople } from './queries'
import { recountInBulk } from './recount'
import { requestTx } from '../db/transaction'

const BATCH = 2_000

/** Reads what the rows are compared with: organisation codes, and the people the file names by staff number or e-mail. */
export const planPeopleImport = async (req: PayloadRequest, records: Record_[]) => {
  const db = await requestTx(req)
  const staffNumbers = [...new Set(records.map((r) => r.values.staffNumber).filter(Boolean))]
  const emails = [...new Set(records.map((r) => (r.values.email ?? '').toLowerCase()).filter(Boolean))]
  const [orgs, people] = await Promise.all([
    organizationCodes(db),
    // Locked: the plan stays true until this transaction commits (an edit in the admin waits).
    lockPeopleByKeys(db, staffNumbers, emails, SEPARATED_ADMIN_ROLES),
  ])
  const byStaffNumber = new Map<string, ExistingPerson>()
  const emailOwners = new Map<string, string>()
  for (const p of people) {
    emailOwners.set(p.email, p.staff_number ?? '')
    if (!p.staff_number) continue
    let phone: string | null = null
    try {
      phone = p.phone ? decrypt(p.phone) : null
    } catch {
      phone = null
    }
    byStaffNumber.set(p.staff_number, {
      id: p.id,
      staffNumber: p.staff_number,
      name: p.name,
      email: p.email,
      phone,
      organizationId: p.organization_id,
      stage: p.political_stage,
      adminAccount: p.admin,
      activeCase: p.active_case,
    })
  }
  return planPeople(records, { orgs: new Map(orgs.map((o) => [o.code, o.id])), byStaffNumber, emailOwners })
}

/**
 * Writes the plan with set-based SQL (a multi-row upsert per batch), keeping what the person hooks
 * keep on a save through the Local API:
 *  - a new account gets the member role and no usable password: a random salt and hash that no
 *    password matches, and mustSetPassword, so it signs in only after setting its own password
 *    through 忘记密码 / an invitation link, or through campus sign-on (no invitation e-mail is sent
 *    per row: 20,000 mails in one request would hold the transaction for minutes);
 *  - the phone number is stored encrypted;
 *  - the stage history gets its 建档 row for each new person, and a correction row (with the
 *    note) plus a stageCorrection audit entry for each stage changed, as the form's correction does;
 *  - the organisations' member counts and branch compliance are recounted (set-based, recount.ts)
 *    for every organisation a person joined or left or whose stage changed there, and their ancestors.
 * The row-level audit of each create/update is replaced by the one import entry (the caller's).
 */
export const applyPeopleImport = async (
  req: PayloadRequest,
  plan: Plan<PersonWrite, PersonUpdate>,
  progress: (done: number, total: number) => Promise<void> | void,
) => {
  const db = await requestTx(req)
  const all: Array<PersonWrite | PersonUpdate> = [...plan.creates, ...plan.updates]
  const total = all.length
  const touchedOrgs = new Set<number>()
  const corrections: Array<{ id: number; row: PersonUpdate }> = []
  const now = new Date().toISOString()
  for (let start = 0; start < all.length; start += BATCH) {
    const batch = all.slice(start, start + BATCH)
    const cols = {
      name: [] as string[],
      staff: [] as string[],
      email: [] as string[],
      phone: [] as Array<string | null>,
      org: [] as number[],
      stage: [] as string[],
      since: [] as string[],
      salt: [] as string[],
      hash: [] as string[],
    }
    for (const p of batch) {
      const isUpdate = 'id' in p
      cols.name.push(p.name)
      cols.staff.push(p.staffNumber)
      cols.email.push(p.email)
      // An update keeps the stored ciphertext unless the number changed (the plan compared it in clear).
      cols.phone.push(p.phone && (!isUpdate || p.phoneChanged) ? encrypt(p.phone) : null)
      cols.org.push(p.organizationId)
      cols.stage.push(p.stage)
      cols.since.push(p.stageSince ?? now)
      cols.salt.push(randomBytes(32).toString('hex'))
      cols.hash.push(randomBytes(64).toString('hex'))
      // Counts change where a person arrives, leaves or changes stage.
      if (!isUpdate || p.moved || p.stageChanged) touchedOrgs.add(p.organizationId)
      if (isUpdate && p.moved && p.previousOrganizationId) touchedOrgs.add(p.previousOrganizationId)
    }
    const rows = await upsertPeople(db, cols)
    const inserted = rows.filter((r) => r.inserted).map((r) => r.id)
    if (inserted.length) {
      await addMemberRoles(db, inserted)
      await addInitialStages(db, inserted)
    }
    const byStaff = new Map(rows.map((r) => [r.staff_number, r.id]))
    for (const p of batch) if ('id' in p && p.stageChanged && byStaff.has(p.staffNumber)) corrections.push({ id: p.id, row: p })
    await progress(Math.min(start + BATCH, total), total)
  }
  if (corrections.length) {
    await addStageCorrections(
      db,
      corrections.map((c) => ({ id: c.id, stage: c.row.stage, note: c.row.stageNote ?? '' })),
    )
    for (const c of corrections) {
      await recordAudit(req, {
        action: 'stageCorrection',
        collection: 'users',
        documentId: c.id,
        summary: `批量导入：政治面貌更正为 ${POLITICAL_STAGE_LABELS[c.row.stage].zh}：${c.row.stageNote ?? ''}`.slice(0, 500),
        changedFields: ['politicalStage'],
      })
    }
  }
  await recountInBulk(req, [...touchedOrgs])
}
