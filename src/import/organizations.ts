import type { PayloadRequest } from 'payload'

import { SKIP_AUDIT } from '../audit/hooks'
import { forgetOrganizationTree } from '../organizations/tree'
import { planOrganizations, type ExistingOrganization, type OrganizationUpdate, type OrganizationWrite } from './rules/organizations'
import type { Plan, Record_ } from './rules/sheet'
import { requestTx } from '../db/transaction'
import { lockCodedOrganizations, organizationCodes } from './queries'

export const planOrganizationsImport = async (req: PayloadRequest, records: Record_[]) => {
  const db = await requestTx(req)
  const rows = await lockCodedOrganizations(db)
  const existing = new Map<string, ExistingOrganization>(
    rows.map((o) => [
      o.code,
      {
        id: o.id,
        code: o.code,
        name: o.name,
        type: o.type,
        parentCode: o.parent_code,
        termStart: o.term_start?.toISOString() ?? null,
        termEnd: o.term_end?.toISOString() ?? null,
        hasCommittee: Boolean(o.has_committee),
      },
    ]),
  )
  return planOrganizations(records, existing)
}

/**
 * Organisations are few (hundreds), so each goes through the Local API as the importing user, in
 * the request's transaction: the tree rules (validateParent, validateTypeChange), the derived
 * compliance and the recount after a move run exactly as in the admin. Parents come first.
 */
export const applyOrganizationsImport = async (
  req: PayloadRequest,
  plan: Plan<OrganizationWrite, OrganizationUpdate>,
  progress: (done: number, total: number) => Promise<void> | void,
) => {
  const db = await requestTx(req)
  const ids = new Map((await organizationCodes(db)).map((o) => [o.code, o.id]))
  const level = { universityCommittee: 0, collegeCommittee: 1, branch: 2 }
  const all = [...plan.creates, ...plan.updates].sort((a, b) => level[a.type] - level[b.type] || a.row - b.row)
  let done = 0
  for (const o of all) {
    const data = {
      code: o.code,
      name: o.name,
      type: o.type,
      parent: o.parentCode ? (ids.get(o.parentCode) ?? null) : null,
      ...(o.termStart !== undefined ? { termStart: o.termStart } : {}),
      ...(o.termEnd !== undefined ? { termEnd: o.termEnd } : {}),
      ...(o.hasCommittee !== undefined ? { hasCommittee: o.hasCommittee } : {}),
    }
    const common = { req, user: req.user, overrideAccess: false, depth: 0, context: { [SKIP_AUDIT]: true } } as const
    if ('id' in o) await req.payload.update({ collection: 'organizations', id: (o as OrganizationUpdate).id, data, ...common })
    else ids.set(o.code, (await req.payload.create({ collection: 'organizations', data, ...common })).id as number)
    done++
    if (done % 20 === 0 || done === all.length) await progress(done, all.length)
  }
  forgetOrganizationTree()
}
