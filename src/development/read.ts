import { createLocalReq, type Payload } from 'payload'

import { idOf } from '../access/roles'
import { organizationName } from '../branch/queries'
import { poolOf } from '../db/pool'
import { isSecretaryOf, orgOf, reviewedOrgs } from '../meetings/access'
import { descendants } from '../organizations/tree'
import type { DevelopmentNotice, DevelopmentStep, DevelopmentVote } from '../payload-types'
import { POLITICAL_STAGES } from '../people/stages'
import { actorRefusal } from './access'
import { caseState, type CaseState } from './case'
import { trainingEvidence, type TrainingEvidence } from './evidence'
import { localRules } from './localRules'
import {
  activeCasesIn,
  caseOfPerson,
  casesOfBranch,
  childOrganizations,
  currentNotices,
  meanDaysInStage,
  namesOfPeople,
  noticeStates,
  openVotesFor,
  organizationNames,
  stepDates,
  type PipelineCaseRow,
} from './queries'
import { rulesFor, TRAINING_OF_STAGE, type RuleSet, type Step } from './steps'
import { DevelopmentError, loadCase, type LoadedCase } from './service'
import type { ViewerUser } from '../viewer'
import { asPayloadUser } from '../viewer'
import { shanghaiDay } from '../dates'

/** The viewer's fields are all these read of a person (src/viewer). */
type User = ViewerUser

export type CaseView = {
  c: LoadedCase
  personName: string
  branchName: string
  state: CaseState
  steps: Array<DevelopmentStep & { doneByName: string; documentList: Array<{ id: number; title: string; url: string }> }>
  notices: DevelopmentNotice[]
  votes: DevelopmentVote[]
  /** Training evidence for the steps that show it. */
  evidence: Partial<Record<NonNullable<Step['training']>, TrainingEvidence>>
  /** What the viewer may do now. */
  may: { step: boolean; notice: boolean; vote: boolean; close: boolean; handle: boolean; reason: string | null }
}

/** A case as its page shows it, for a viewer who may read it (null otherwise). */
export const caseView = async (payload: Payload, viewer: User, id: number): Promise<CaseView | null> => {
  const user = asPayloadUser(viewer)
  const req = await createLocalReq({ user }, payload)
  let c: LoadedCase
  try {
    c = await loadCase(req, id, user)
  } catch (error) {
    if (error instanceof DevelopmentError) return null
    throw error
  }
  const pool = poolOf(payload)
  const steps = (
    await payload.find({
      collection: 'development-steps',
      where: { case: { equals: id } },
      sort: 'no',
      limit: 100,
      depth: 1,
      overrideAccess: true,
    })
  ).docs
  const names = new Map(
    (await namesOfPeople(pool, [c.person, ...steps.map((s) => Number(idOf(s.doneBy)))])).map((r) => [Number(r.id), r.name]),
  )
  const notices = (
    await payload.find({
      collection: 'development-notices',
      where: { case: { equals: id } },
      sort: '-postedOn',
      limit: 50,
      depth: 0,
      overrideAccess: false,
      user,
    })
  ).docs
  const votes = (
    await payload.find({
      collection: 'development-votes',
      where: { case: { equals: id } },
      sort: '-openedAt',
      limit: 20,
      depth: 0,
      overrideAccess: false,
      user,
    })
  ).docs
  const branchName = (await organizationName(pool, c.branch)) ?? ''
  const state = caseState(c.rules, c.record, shanghaiDay(new Date()))
  const kinds = [...new Set(c.rules.steps.map((s) => s.training).filter((t): t is NonNullable<Step['training']> => !!t))]
  const evidence = Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, await trainingEvidence(payload, c.person, k)] as const)))
  const next = state.next
  const refusal = next && !next.vote ? await actorRefusal(req, user, next.actor, c.person, c.branch) : null
  const secretary = isSecretaryOf(user, c.branch)
  return {
    c,
    personName: names.get(c.person) ?? '',
    branchName,
    state,
    steps: steps.map((s) => ({
      ...s,
      doneByName: names.get(Number(idOf(s.doneBy))) ?? '',
      documentList: (s.documents ?? []).flatMap((d) =>
        typeof d === 'object' && d ? [{ id: Number(d.id), title: d.title, url: d.url ?? '' }] : [],
      ),
    })),
    notices,
    votes,
    evidence,
    may: {
      step: !!next && !next.vote && !refusal && c.doc.status === 'active',
      notice: secretary && !!next && c.rules.publicNotice.beforeSteps.includes(next.no) && c.doc.status === 'active',
      vote: secretary && !!next?.vote && c.doc.status === 'active' && !votes.some((v) => v.status === 'open'),
      close: secretary,
      handle: secretary || (await actorRefusal(req, user, 'higherCommittee', c.person, c.branch)) === null,
      reason: next?.vote ? '由支部党员大会表决决定' : refusal,
    },
  }
}

export type PipelineRow = {
  id: number
  person: string
  stage: string
  status: string
  next: Step | null
  blocked: CaseState['blocked']
  overdue: CaseState['overdue']
  stageSince: string | null
  branch: string
}

const rowsOf = async (payload: Payload, cases: PipelineCaseRow[]): Promise<PipelineRow[]> => {
  const pool = poolOf(payload)
  const ids = cases.map((c) => c.id)
  const steps = await stepDates(pool, ids)
  const notices = await noticeStates(pool, ids)
  const today = shanghaiDay(new Date())
  const { locals } = await localRules(payload)
  return cases.map((c) => {
    const rules = rulesFor(c.rule_version, locals) as RuleSet
    const done = Object.fromEntries(steps.filter((s) => s.case_id === c.id).map((s) => [s.no, shanghaiDay(new Date(s.date))]))
    const n = notices
      .filter((x) => x.case_id === c.id)
      .map((x) => ({
        beforeStep: x.before_step,
        postedOn: shanghaiDay(new Date(x.posted_on)),
        objections: Array.from({ length: Number(x.open ?? 0) }, () => ({ on: today, handled: false })),
      }))
    const state = caseState(
      rules,
      {
        done,
        notices: n,
        votes: {},
        outcome: c.status === 'cancelled' ? 'cancelled' : c.extended ? 'extended' : undefined,
        extensionMonths: c.months ?? undefined,
      },
      today,
    )
    return {
      id: Number(c.id),
      person: c.name,
      stage: c.stage,
      status: c.status,
      next: state.next,
      blocked: state.blocked,
      overdue: state.overdue,
      stageSince: c.stage_since ? new Date(c.stage_since).toISOString() : null,
      branch: c.branch,
    }
  })
}

/** The branch's cases: who is at which step, what is due (the secretary's pipeline). */
export const branchPipeline = async (payload: Payload, branch: number) => rowsOf(payload, await casesOfBranch(poolOf(payload), branch))

export type Funnel = {
  stages: Array<{ stage: string; count: number }>
  byOrg: Array<{ org: string; counts: Record<string, number> }>
  overdue: PipelineRow[]
  meanDays: Record<string, number | null>
  rows: PipelineRow[]
}

/**
 * The committee's funnel over the organisations below it: cases in progress by stage and by college,
 * the overdue steps, and the mean days spent in each stage so far (from the stage-changing steps).
 */
export const developmentFunnel = async (payload: Payload, user: User): Promise<Funnel | null> => {
  const below = await reviewedOrgs(payload, user)
  if (!below.length) return null
  const rows = await rowsOf(payload, await activeCasesIn(poolOf(payload), below))
  const stages = POLITICAL_STAGES.filter((s) => s !== 'masses' && s !== 'full').map((stage) => ({
    stage,
    count: rows.filter((r) => r.stage === stage).length,
  }))
  // By the organisation directly below the viewer's own (the colleges for the university committee, the branches for a college).
  const own = orgOf(user)
  const pool = poolOf(payload)
  const children = await childOrganizations(pool, own)
  const byOrg: Funnel['byOrg'] = []
  for (const child of children) {
    const under = await descendants(payload, Number(child.id))
    const set = new Set(await organizationNames(pool, under))
    byOrg.push({
      org: child.name,
      counts: Object.fromEntries(stages.map((s) => [s.stage, rows.filter((r) => r.stage === s.stage && set.has(r.branch)).length])),
    })
  }
  const spans = await meanDaysInStage(pool, below)
  const meanDays = Object.fromEntries(
    stages.map((s) => {
      const days = spans.find((x) => x.stage === s.stage)?.days ?? null
      return [s.stage, days === null ? null : Math.round(days)]
    }),
  )
  return { stages, byOrg, overdue: rows.filter((r) => r.overdue.length), meanDays, rows }
}

/** The person's own case id, if any. */
export const ownCase = async (payload: Payload, person: number) => (await caseOfPerson(poolOf(payload), person)) ?? null

/** Open votes the person may still cast a ballot in, and 公示 of their branch in their window. */
export const myDevelopmentTasks = async (payload: Payload, user: User) => {
  const pool = poolOf(payload)
  const votes = await openVotesFor(pool, Number(user.id))
  const today = shanghaiDay(new Date())
  const branch = orgOf(user)
  const notices = branch ? await currentNotices(pool, branch, today) : []
  return { votes, notices }
}

/** The 党校 training of the person's stage (必修 on their home page), with how far they are. */
export const stageTraining = async (payload: Payload, user: User) => {
  const kind = TRAINING_OF_STAGE[String((user as { politicalStage?: string }).politicalStage)]
  return kind ? trainingEvidence(payload, Number(user.id), kind) : null
}
