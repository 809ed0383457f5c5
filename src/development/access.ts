import type { PayloadRequest, Where } from 'payload'

import { hasRole } from '../access/roles'
import { isSecretaryOf, orgOf, reviewedOrgs, reviewsBranch } from '../meetings/access'
import { committeeOf } from '../meetings/talks'
import { ACTOR_LABELS, type Actor } from './steps'

type User = NonNullable<PayloadRequest['user']>

/**
 * Who reads a development case and what hangs on it (steps, documents, votes, notices): the person
 * themself, their branch's committee (支部委员 and the secretary), and committee staff above the
 * branch. A development record is personal: other members of the branch do not read it (the 公示 and
 * a vote they take part in are the exceptions, in their own collections).
 */
export const caseReaders = async (req: PayloadRequest, personField = 'person'): Promise<boolean | Where> => {
  const user = req.user
  if (!user || user.active === false) return false
  const or: Where[] = [{ [personField]: { equals: user.id } }]
  const own = orgOf(user)
  if (own !== null && (isSecretaryOf(user, own) || (await committeeOf(req.payload, req, own)).includes(Number(user.id))))
    or.push({ organization: { equals: own } })
  const below = await reviewedOrgs(req.payload, user)
  if (below.length) or.push({ organization: { in: below } })
  return { or }
}

/** The case's readers, and besides them those `extra` names (the uploader of a file, the voters of a vote, the people of the branch for a 公示). */
export const caseReadersOr = async (
  req: PayloadRequest,
  extra: (user: User) => Where | null,
  personField = 'person',
): Promise<boolean | Where> => {
  const readers = await caseReaders(req, personField)
  if (!req.user || readers === false || readers === true) return readers
  const more = extra(req.user)
  return more ? { or: [more, readers] } : readers
}

/** Whether `user` may act as `actor` on a case of `person` in `branch`; null when allowed, else what to do instead. */
export const actorRefusal = async (
  req: PayloadRequest,
  user: User,
  actor: Actor,
  person: number,
  branch: number,
): Promise<string | null> => {
  const allowed =
    actor === 'person'
      ? Number(user.id) === person
      : actor === 'branchSecretary'
        ? isSecretaryOf(user, branch)
        : actor === 'branchCommittee'
          ? isSecretaryOf(user, branch) ||
            (orgOf(user) === branch && (await committeeOf(req.payload, req, branch)).includes(Number(user.id)))
          : actor === 'branchMeeting'
            ? false
            : actor === 'higherCommittee' || actor === 'orgDepartment'
              ? hasRole(user, 'partyCommittee') && (await reviewsBranch(req.payload, user, branch))
              : false
  if (allowed) return null
  if (actor === 'branchMeeting') return '这一步由支部党员大会表决决定：请支部书记发起表决，表决结束后自动记入档案'
  return `这一步由${ACTOR_LABELS[actor]}办理`
}

/** Whether the user reads cases of `branch` as its committee or from above (the pipeline and the funnel). */
export const readsBranchCases = async (req: PayloadRequest, user: User, branch: number) =>
  isSecretaryOf(user, branch) ||
  (orgOf(user) === branch && (await committeeOf(req.payload, req, branch)).includes(Number(user.id))) ||
  (await reviewsBranch(req.payload, user, branch))
