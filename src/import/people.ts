import { randomBytes } from 'crypto'
import type { PayloadRequest } from 'payload'

import { SEPARATED_ADMIN_ROLES } from '../access/roles'
import { recordAudit } from '../audit/record'
import { POLITICAL_STAGE_LABELS, type PoliticalStage } from '../people/stages'
import { decrypt, encrypt } from '../privacy/crypto'
import { planPeople, type ExistingPerson, type PersonUpdate, type PersonWrite } from './rules/people'
import type { Plan, Record_ } from './rules/sheet'
import { recountInBulk } from './recount'
import { requestTx } from '../db/transaction'

const BATCH = 2_000

/** Reads what the rows are compared with: organisation codes, and the people the file names by staff number or e-mail. */
export const planPeopleImport = async (req: PayloadRequest, records: Record_[]) => {
  const db = await requestTx(req)
  const staffNumbers = [...new Set(records.map((r) => r.values.staffNumber).filter(Boolean))]
  const emails = [...new Set(records.map((r) => (r.values.email ?? '').toLowerCase()).filter(Boolean))]
  const [orgs, people] = await Promise.all([
    db.query<{ id: number; code: string }>(`SELECT id, code FROM organizations WHERE code IS NOT NULL`),
    // Locked: the plan stays true until this transaction commits (an edit in the admin waits).
    db.query<{
      id: number
      staff_number: string | null
      name: string
      email: string
      phone: string | null
      organization_id: number | null
      political_stage: PoliticalStage
      admin: boolean
      active_case: boolean
    }>(
      `SELECT u.id, u.staff_number, u.name, u.email, u.phone, u.organization_id, u.political_stage,
              EXISTS (SELECT 1 FROM users_roles r WHERE r.parent_id = u.id AND r.value::text = ANY($3::text[])) AS admin,
              EXISTS (SELECT 1 FROM development_cases c WHERE c.person_id = u.id AND c.status = 'active') AS active_case
         FROM users u WHERE u.staff_number = ANY($1::text[]) OR u.email = ANY($2::text[])
          FOR UPDATE OF u`,
      [staffNumbers, emails, SEPARATED_ADMIN_ROLES],
    ),
  ])
  const byStaffNumber = new Map<string, ExistingPerson>()
  const emailOwners = new Map<string, string>()
  for (const p of people.rows) {
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
  return planPeople(records, { orgs: new Map(orgs.rows.map((o) => [o.code, o.id])), byStaffNumber, emailOwners })
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
    const { rows } = await db.query<{ id: number; staff_number: string; inserted: boolean }>(
      `INSERT INTO users AS u (name, staff_number, email, phone, organization_id, political_stage, stage_since, must_set_password, salt, hash, active, login_attempts, updated_at, created_at)
       SELECT t.name, t.staff, t.email, t.phone, t.org, t.stage::enum_users_political_stage, t.since, true, t.salt, t.hash, true, 0, now(), now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::timestamptz[], $8::text[], $9::text[]) AS t(name, staff, email, phone, org, stage, since, salt, hash)
       ON CONFLICT (staff_number) DO UPDATE SET
             name = EXCLUDED.name,
             email = EXCLUDED.email,
             phone = COALESCE(EXCLUDED.phone, u.phone),
             organization_id = EXCLUDED.organization_id,
             political_stage = EXCLUDED.political_stage,
             stage_since = CASE WHEN u.political_stage IS DISTINCT FROM EXCLUDED.political_stage THEN EXCLUDED.stage_since ELSE u.stage_since END,
             updated_at = now()
        WHERE (u.name, u.email, u.organization_id, u.political_stage) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.email, EXCLUDED.organization_id, EXCLUDED.political_stage)
           OR EXCLUDED.phone IS NOT NULL
       RETURNING u.id, u.staff_number, (xmax = 0) AS inserted`,
      [cols.name, cols.staff, cols.email, cols.phone, cols.org, cols.stage, cols.since, cols.salt, cols.hash],
    )
    const inserted = rows.filter((r) => r.inserted).map((r) => r.id)
    if (inserted.length) {
      await db.query(`INSERT INTO users_roles ("order", parent_id, value) SELECT 1, id, 'member' FROM unnest($1::int[]) id`, [inserted])
      await db.query(
        `INSERT INTO users_stage_history (_order, _parent_id, id, stage, date, note, source)
         SELECT 1, u.id, substr(md5(random()::text || u.id::text), 1, 24), u.political_stage::text::enum_users_stage_history_stage, u.stage_since, '批量导入建档', 'initial'
           FROM users u WHERE u.id = ANY($1::int[])`,
        [inserted],
      )
    }
    const byStaff = new Map(rows.map((r) => [r.staff_number, r.id]))
    for (const p of batch) if ('id' in p && p.stageChanged && byStaff.has(p.staffNumber)) corrections.push({ id: p.id, row: p })
    await progress(Math.min(start + BATCH, total), total)
  }
  if (corrections.length) {
    await db.query(
      `INSERT INTO users_stage_history (_order, _parent_id, id, stage, date, note, source)
       SELECT COALESCE((SELECT max(h._order) FROM users_stage_history h WHERE h._parent_id = t.id), 0) + 1, t.id, substr(md5(random()::text || t.id::text), 1, 24),
              t.stage::enum_users_stage_history_stage, u.stage_since, t.note, 'correction'
         FROM unnest($1::int[], $2::text[], $3::text[]) AS t(id, stage, note) JOIN users u ON u.id = t.id`,
      [corrections.map((c) => c.id), corrections.map((c) => c.row.stage), corrections.map((c) => c.row.stageNote ?? '')],
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
