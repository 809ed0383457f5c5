import { randomUUID } from 'crypto'
import type { PayloadRequest } from 'payload'

import { idOf } from '../access/roles'
import { recordAudit } from '../audit/record'
import { inRequest, transact } from '../db/transaction'
import { isSecretaryOf, orgOf } from '../meetings/access'
import type { DevelopmentCase, DevelopmentNotice, DevelopmentVote } from '../payload-types'
import type { PoliticalStage } from '../people/stages'
import { actorRefusal } from './access'
import { calendarKnows, noticeEnds } from './calendar'
import { caseState, type CaseRecord, type CaseState } from './case'
import { localRules, resolveRules } from './localRules'
import { activeStagesOf, ballotCounts, lockCase, lockNotice, lockVote, politicalStageOf, recordTurnout } from './queries'
import { MOTION_LABELS, MOTION_STEP, MOTIONS, type Motion, type RuleSet } from './steps'
import { tallyVote, votersOf, type VoteChoice } from './vote'
import { HttpError } from '../http/errors'
import { shanghaiDay } from '../dates'

/**
 * The development service (issue 17 §2–§5): the only writer of cases, steps, notices, votes and —
 * through a case's steps — of a person's political stage. Each act runs in one transaction on the
 * request (Payload's own), so a refusal leaves nothing half-written. The rules come from the pure core
 * (steps.ts, case.ts, vote.ts, calendar.ts); this file loads the record, asks them, and writes.
 */

type User = NonNullable<PayloadRequest['user']>

type DevelopmentStatus = 400 | 401 | 403 | 404 | 409

/** A refusal of the development service; `from`: the first day the step becomes possible (sent as data). */
export class DevelopmentError extends HttpError {
  constructor(
    status: DevelopmentStatus,
    message: string,
    readonly from?: string,
  ) {
    super(status, message, from ? { data: { from } } : {})
  }
}
const fail = (status: DevelopmentStatus, message: string, from?: string): never => {
  throw new DevelopmentError(status, message, from)
}

/** Context flag: a stage written by a case's step (src/people/hooks.ts lets only these, or a logged correction, through). */
export const DEVELOPMENT_STEP = 'developmentStep'

/** A day (YYYY-MM-DD) as the stored instant: Beijing midnight. */
export const dayToDate = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString()
export const dayOf = (v: string | Date | null | undefined) => (v ? shanghaiDay(new Date(v)) : '')
const today = () => shanghaiDay(new Date())

const parseDay = (v: unknown, field: string): string => {
  if (v === undefined || v === null || v === '') return today()
  const s = String(v).slice(0, 10)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) fail(400, `${field}须是日期，格式如 2026-12-03`)
  if (s > today()) fail(400, `${field}不能晚于今天：办理之后再记录`)
  return s
}

const signedIn = (req: PayloadRequest): User => {
  const user = req.user
  if (!user) fail(401, '请先登录')
  if (user!.active === false) fail(403, '账号已停用')
  return user!
}

export type LoadedCase = { doc: DevelopmentCase; rules: RuleSet; record: CaseRecord; person: number; branch: number; lastDay: string }

/** The case as the rules see it; 404 when the user may not read it (the same answer as a case that does not exist). */
export const loadCase = async (req: PayloadRequest, id: unknown, user: User | null = req.user): Promise<LoadedCase> => {
  const caseId = Number(id)
  if (!Number.isInteger(caseId) || caseId <= 0) fail(404, '找不到该发展档案')
  const readable = user
    ? await req.payload.count({ collection: 'development-cases', where: { id: { equals: caseId } }, overrideAccess: false, user, req })
    : { totalDocs: 0 }
  if (!readable.totalDocs) fail(404, '找不到该发展档案，或您无权查看')
  const doc = await req.payload.findByID({ collection: 'development-cases', id: caseId, depth: 0, overrideAccess: true, req })
  const rules = await resolveRules(req.payload, req, doc.ruleVersion)
  if (!rules) fail(409, `档案适用的规则版本 ${doc.ruleVersion} 不在本系统中，请联系系统管理员`)
  const steps = (
    await req.payload.find({
      collection: 'development-steps',
      where: { case: { equals: caseId } },
      sort: 'no',
      limit: 100,
      depth: 0,
      overrideAccess: true,
      req,
    })
  ).docs
  const notices = (
    await req.payload.find({
      collection: 'development-notices',
      where: { case: { equals: caseId } },
      sort: '-postedOn',
      limit: 50,
      depth: 0,
      overrideAccess: true,
      req,
    })
  ).docs
  const done = Object.fromEntries(steps.map((s) => [s.no, dayOf(s.date)]))
  const record: CaseRecord = {
    done,
    notices: notices.map((n) => ({
      beforeStep: n.beforeStep,
      postedOn: dayOf(n.postedOn),
      objections: (n.objections ?? []).map((o) => ({ on: dayOf(o.receivedOn), handled: !!o.handled })),
    })),
    votes: {},
    outcome: doc.status === 'cancelled' ? 'cancelled' : doc.extended ? 'extended' : undefined,
    extensionMonths: doc.extensionMonths ?? undefined,
  }
  const lastDay = Object.values(done).sort().at(-1) ?? ''
  return { doc, rules: rules!, record, person: Number(idOf(doc.person)), branch: Number(idOf(doc.organization)), lastDay }
}

export const stateOf = (c: LoadedCase, day = today()): CaseState => caseState(c.rules, c.record, day)

/** Writes the person's stage as the case's step decides it, through the people hooks (history entry, audit). */
const setStage = async (req: PayloadRequest, c: LoadedCase, stage: PoliticalStage | 'masses', day: string, note: string, step: number) => {
  await req.payload.update({
    collection: 'users',
    id: c.person,
    data: { politicalStage: stage, stageSince: dayToDate(day), stageChangeNote: note },
    overrideAccess: true,
    depth: 0,
    req,
    context: { [DEVELOPMENT_STEP]: { case: c.doc.id, step } },
  })
  await req.payload.update({
    collection: 'development-cases',
    id: c.doc.id,
    data: { stage, stageSince: dayToDate(day) },
    overrideAccess: true,
    depth: 0,
    req,
  })
}

/** Attaches uploaded documents to the case: only files the acting user uploaded and nobody attached yet. */
const attach = async (req: PayloadRequest, user: User, c: LoadedCase, documents: unknown): Promise<number[]> => {
  const ids = (Array.isArray(documents) ? documents : []).map(Number).filter((n) => Number.isInteger(n) && n > 0)
  if (!ids.length) return []
  const { docs } = await req.payload.find({
    collection: 'development-documents',
    where: { id: { in: ids } },
    limit: ids.length,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const usable = docs.filter((d) => Number(idOf(d.uploadedBy)) === Number(user.id) && (d.person === null || d.person === undefined))
  if (usable.length !== new Set(ids).size) fail(400, '材料须是您本人刚上传、尚未用于其他步骤的文件，请重新上传')
  for (const d of usable)
    await req.payload.update({
      collection: 'development-documents',
      id: d.id,
      data: { person: c.person, organization: c.branch },
      overrideAccess: true,
      depth: 0,
      req,
    })
  return ids
}

/** Records a step of the case (not a vote's: those come from closing the vote). */
const writeStep = async (
  req: PayloadRequest,
  user: User,
  c: LoadedCase,
  no: number,
  day: string,
  extra: { notes?: string; documents?: number[]; vote?: number },
) => {
  const step = c.rules.steps.find((s) => s.no === no)!
  await req.payload.create({
    collection: 'development-steps',
    data: {
      case: c.doc.id,
      person: c.person,
      organization: c.branch,
      no,
      title: step.title,
      date: dayToDate(day),
      doneBy: user.id,
      notes: extra.notes || undefined,
      documents: extra.documents ?? [],
      vote: extra.vote,
    },
    overrideAccess: true,
    depth: 0,
    req,
  })
  c.record.done[no] = day
  if (step.stage) await setStage(req, c, step.stage, day, `发展党员第 ${no} 步「${step.title}」`, no)
  const state = caseState(c.rules, c.record, day)
  const last = no === c.rules.steps.at(-1)!.no
  await req.payload.update({
    collection: 'development-cases',
    id: c.doc.id,
    data: { nextStep: state.next?.no ?? null, ...(last ? { status: 'completed' } : {}) },
    overrideAccess: true,
    depth: 0,
    req,
  })
  await recordAudit(req, {
    action: 'developmentStep',
    collection: 'development-cases',
    documentId: c.doc.id,
    summary: `第 ${no} 步「${step.title}」（${day}）`,
  })
}

/** Whether step `no` may be done on `day`: order, time rules, 公示 and the extension — the reason and the day it becomes possible otherwise. */
const checkStep = (c: LoadedCase, no: number, day: string) => {
  if (c.doc.status !== 'active') fail(409, c.doc.status === 'cancelled' ? '该发展档案已终止' : '该发展档案已归档')
  if (c.lastDay && day < c.lastDay) fail(400, `日期不能早于上一步的日期 ${c.lastDay}`)
  const state = caseState(c.rules, c.record, day)
  if (state.next?.no !== no) {
    const step = c.rules.steps.find((s) => s.no === no)
    if (!step) fail(400, `规则 ${c.rules.version} 中没有第 ${no} 步`)
    if (c.record.done[no]) fail(409, `第 ${no} 步「${step!.title}」已完成`)
    fail(409, `须先完成第 ${state.next?.no} 步「${state.next?.title}」`)
  }
  if (state.blocked) fail(409, state.blocked.reason, state.blocked.from)
}

/** 递交入党申请书 (step 1): the person opens their own case with the current rules. */
export const apply = async (req: PayloadRequest, body: { date?: unknown; notes?: unknown; documents?: unknown }) => {
  const user = signedIn(req)
  const branch = orgOf(user)
  if (branch === null) fail(400, '您还没有所在党支部，请联系管理员设置所在组织后再递交入党申请')
  const day = parseDay(body.date, '申请日期')
  return transact(req, async () => {
    const existing = await req.payload.count({
      collection: 'development-cases',
      where: { person: { equals: user.id } },
      overrideAccess: true,
      req,
    })
    if (existing.totalDocs) fail(409, '您已经有发展档案，不能重复递交申请')
    if ((await politicalStageOf(inRequest(req), Number(user.id))) !== 'masses')
      fail(409, '只有群众可以递交入党申请（您的政治面貌已不是群众）')
    const doc = await req.payload.create({
      collection: 'development-cases',
      data: {
        person: user.id,
        organization: branch!,
        ruleVersion: (await localRules(req.payload, req)).current,
        stage: 'masses',
        status: 'active',
        nextStep: 1,
        openedOn: dayToDate(day),
      },
      overrideAccess: true,
      depth: 0,
      req,
    })
    const c = await loadAsSystem(req, doc.id)
    const documents = await attach(req, user, c, body.documents)
    await writeStep(req, user, c, 1, day, { notes: typeof body.notes === 'string' ? body.notes.slice(0, 2000) : undefined, documents })
    return doc.id
  })
}

const loadAsSystem = async (req: PayloadRequest, id: number | string) => {
  const doc = await req.payload.findByID({ collection: 'development-cases', id, depth: 0, overrideAccess: true, req })
  return {
    doc,
    rules: (await resolveRules(req.payload, req, doc.ruleVersion))!,
    record: { done: {}, notices: [], votes: {} },
    person: Number(idOf(doc.person)),
    branch: Number(idOf(doc.organization)),
    lastDay: '',
  } satisfies LoadedCase
}

/** Records step `no` of a case by the role the rules name. */
export const doStep = async (
  req: PayloadRequest,
  caseId: unknown,
  body: { no?: unknown; date?: unknown; notes?: unknown; documents?: unknown },
) => {
  const user = signedIn(req)
  return transact(req, async () => {
    // The case row is locked for the act: two hands on one case wait for each other.
    await lockCase(inRequest(req), Number(caseId) || 0)
    const c = await loadCase(req, caseId, user)
    const no = Number(body.no)
    const step = c.rules.steps.find((s) => s.no === no)
    if (!step) fail(400, `请指明要办理的步骤（1–${c.rules.steps.length}）`)
    if (step!.vote) fail(409, (await actorRefusal(req, user, 'branchMeeting', c.person, c.branch))!)
    const refusal = await actorRefusal(req, user, step!.actor, c.person, c.branch)
    if (refusal) fail(403, refusal)
    const day = parseDay(body.date, '办理日期')
    checkStep(c, no, day)
    const documents = await attach(req, user, c, body.documents)
    await writeStep(req, user, c, no, day, { notes: typeof body.notes === 'string' ? body.notes.slice(0, 2000) : undefined, documents })
    return stateOf(c)
  })
}

/** A 公示's title by the step it precedes (关于拟确定入党积极分子的公示); the person is shown beside it, from the relationship. */
export const noticeTitle = (stepTitle: string) => `关于拟${stepTitle.replace(/^推荐和/, '')}的公示`

/** 公示 before the next step, posted by the branch secretary for the local rules' working days. */
export const postNotice = async (req: PayloadRequest, caseId: unknown, body: { postedOn?: unknown; content?: unknown }) => {
  const user = signedIn(req)
  return transact(req, async () => {
    const c = await loadCase(req, caseId, user)
    if (!isSecretaryOf(user, c.branch)) fail(403, '公示由本支部书记发布')
    if (c.doc.status !== 'active') fail(409, '该发展档案已不在进行中')
    const state = caseState(c.rules, c.record, today())
    const next = state.next
    if (!next || !c.rules.publicNotice.beforeSteps.includes(next.no)) fail(409, `下一步${next ? `「${next.title}」` : ''}之前不需要公示`)
    const postedOn = parseDay(body.postedOn, '公示开始日期')
    if (c.lastDay && postedOn < c.lastDay) fail(400, `公示开始日期不能早于上一步的日期 ${c.lastDay}`)
    const open = c.record.notices.find((n) => n.beforeStep === next!.no && n.objections.some((o) => !o.handled))
    if (open) fail(409, '本次公示还有未处理的意见，处理后再决定是否重新公示')
    const endsOn = noticeEnds(postedOn, c.rules.publicNotice.workingDays)
    const doc = await req.payload.create({
      collection: 'development-notices',
      data: {
        // No name in the title: the person is the relationship (a name copied into text would outlive an anonymisation).
        title: noticeTitle(next!.title),
        case: c.doc.id,
        person: c.person,
        organization: c.branch,
        beforeStep: next!.no,
        postedOn: dayToDate(postedOn),
        endsOn: dayToDate(endsOn),
        content: typeof body.content === 'string' && body.content.trim() ? body.content.trim().slice(0, 2000) : undefined,
        objections: [],
        openObjections: 0,
      },
      overrideAccess: true,
      depth: 0,
      req,
    })
    return { id: doc.id, endsOn, calendarKnown: calendarKnows(endsOn) }
  })
}

const loadNotice = async (req: PayloadRequest, user: User, id: unknown): Promise<DevelopmentNotice> => {
  const noticeId = Number(id)
  const found =
    Number.isInteger(noticeId) && noticeId > 0
      ? (
          await req.payload.find({
            collection: 'development-notices',
            where: { id: { equals: noticeId } },
            limit: 1,
            depth: 0,
            overrideAccess: false,
            user,
            req,
          })
        ).docs[0]
      : undefined
  if (!found) fail(404, '找不到该公示，或您无权查看')
  // The stored document in full (the reader's copy may leave out the objections).
  return req.payload.findByID({ collection: 'development-notices', id: noticeId, depth: 0, overrideAccess: true, req })
}

/** An objection to a 公示, by anyone who reads it, while its window is open. */
export const object = async (req: PayloadRequest, noticeId: unknown, body: { text?: unknown }) => {
  const user = signedIn(req)
  const text = typeof body.text === 'string' ? body.text.trim() : ''
  if (text.length < 5) fail(400, '请写明反映的具体情况（至少 5 个字）')
  return transact(req, async () => {
    await lockNotice(inRequest(req), Number(noticeId) || 0)
    const n = await loadNotice(req, user, noticeId)
    const day = today()
    if (day < dayOf(n.postedOn) || day > dayOf(n.endsOn))
      fail(409, `公示期为 ${dayOf(n.postedOn)} 至 ${dayOf(n.endsOn)}，现在不在公示期内；如有情况请直接向上级党委反映`)
    const objections = [
      ...(n.objections ?? []),
      { text: text.slice(0, 2000), receivedOn: dayToDate(day), raisedBy: user.id, handled: false },
    ]
    await req.payload.update({
      collection: 'development-notices',
      id: n.id,
      data: { objections, openObjections: objections.filter((o) => !o.handled).length },
      overrideAccess: true,
      depth: 0,
      req,
    })
    return { received: day }
  })
}

/** The branch secretary or the committee above records how an objection was checked and handled. */
export const handleObjection = async (req: PayloadRequest, noticeId: unknown, body: { objection?: unknown; handling?: unknown }) => {
  const user = signedIn(req)
  const handling = typeof body.handling === 'string' ? body.handling.trim() : ''
  if (handling.length < 5) fail(400, '请写明核查和处理情况（至少 5 个字）')
  return transact(req, async () => {
    await lockNotice(inRequest(req), Number(noticeId) || 0)
    const n = await loadNotice(req, user, noticeId)
    const branch = Number(idOf(n.organization))
    if (!isSecretaryOf(user, branch) && (await actorRefusal(req, user, 'higherCommittee', Number(idOf(n.person)), branch)))
      fail(403, '公示意见由支部书记或上级党委核查处理')
    const objections = (n.objections ?? []).map((o) =>
      o.id === body.objection && !o.handled ? { ...o, handled: true, handling: handling.slice(0, 2000), handledBy: user.id } : o,
    )
    if (!objections.some((o, i) => o.handled && !n.objections?.[i]?.handled)) fail(404, '找不到这条待处理的意见')
    await req.payload.update({
      collection: 'development-notices',
      id: n.id,
      data: { objections, openObjections: objections.filter((o) => !o.handled).length },
      overrideAccess: true,
      depth: 0,
      req,
    })
    await recordAudit(req, {
      action: 'developmentStep',
      collection: 'development-notices',
      documentId: n.id,
      summary: '公示意见已核查处理',
    })
    return { open: objections.filter((o) => !o.handled).length }
  })
}

/** Opens a branch vote on the case's step 15 or 23, with the voters frozen now. */
export const openVote = async (
  req: PayloadRequest,
  caseId: unknown,
  body: { motion?: unknown; meeting?: unknown; extensionMonths?: unknown },
) => {
  const user = signedIn(req)
  const motion = body.motion as Motion
  if (!MOTIONS.includes(motion)) fail(400, `表决议题须是 ${MOTIONS.map((m) => `${m}（${MOTION_LABELS[m]}）`).join('、')}`)
  return transact(req, async () => {
    await lockCase(inRequest(req), Number(caseId) || 0)
    const c = await loadCase(req, caseId, user)
    if (!isSecretaryOf(user, c.branch)) fail(403, '支部党员大会表决由本支部书记发起')
    const no = MOTION_STEP[motion]
    checkStep(c, no, today())
    let months: number | undefined
    if (motion === 'extend') {
      if (c.doc.extended) fail(409, '预备期只能延长一次；本次请表决按期转正或取消预备党员资格')
      months = Number(body.extensionMonths)
      if (!Number.isInteger(months) || months < 6 || months > 12) fail(400, '延长预备期须是 6 至 12 个月')
    }
    const open = await req.payload.count({
      collection: 'development-votes',
      where: { and: [{ case: { equals: c.doc.id } }, { status: { equals: 'open' } }] },
      overrideAccess: true,
      req,
    })
    if (open.totalDocs) fail(409, '该档案已有一项表决正在进行，请先结束它')
    let meeting: number | undefined
    if (body.meeting !== undefined && body.meeting !== null && body.meeting !== '') {
      const m = await req.payload.find({
        collection: 'meetings',
        where: { and: [{ id: { equals: Number(body.meeting) || 0 } }, { organization: { equals: c.branch } }] },
        limit: 1,
        depth: 0,
        overrideAccess: true,
        req,
      })
      if (!m.docs[0]) fail(400, '表决所在的会议须是本支部的组织生活')
      if (!m.docs[0].types?.includes('generalMeeting')) fail(400, '发展党员须经支部党员大会讨论：所选会议不是支部党员大会')
      meeting = m.docs[0].id
    }
    const voters = votersOf(
      (await activeStagesOf(inRequest(req), c.branch)).map((r) => ({ id: Number(r.id), stage: String(r.stage) })),
      c.person,
    ).map((v) => v.id)
    if (!voters.length) fail(409, '支部没有有表决权的正式党员，不能表决')
    const vote = await req.payload.create({
      collection: 'development-votes',
      data: {
        title: `${MOTION_LABELS[motion]}${months ? `（延长 ${months} 个月）` : ''}`,
        case: c.doc.id,
        person: c.person,
        organization: c.branch,
        step: no,
        motion,
        extensionMonths: months,
        meeting,
        status: 'open',
        openedAt: new Date().toISOString(),
        voters,
        expected: voters.length,
      },
      overrideAccess: true,
      depth: 0,
      req,
    })
    // Each voter hears of it on their phone (消息), with the link to the ballot.
    for (const recipient of voters)
      await req.payload.create({
        collection: 'notifications',
        overrideAccess: true,
        depth: 0,
        req,
        data: {
          recipient,
          kind: 'developmentVote',
          title: '支部党员大会表决已开始',
          body: `${MOTION_LABELS[motion]}。不记名投票，请在会上（或因故不能到会时以书面意见）表决。`,
          link: `/development/votes/${vote.id}`,
          organization: c.branch,
          conditionKey: `development-vote:${vote.id}`,
          day: today(),
        },
      })
    return { id: vote.id, expected: voters.length }
  })
}

const loadVote = async (req: PayloadRequest, user: User, id: unknown): Promise<DevelopmentVote> => {
  const voteId = Number(id)
  const found =
    Number.isInteger(voteId) && voteId > 0
      ? (await req.payload.count({ collection: 'development-votes', where: { id: { equals: voteId } }, overrideAccess: false, user, req }))
          .totalDocs
      : 0
  if (!found) fail(404, '找不到该表决，或您不在表决人之列')
  return req.payload.findByID({ collection: 'development-votes', id: voteId, depth: 0, overrideAccess: true, req })
}

/** One secret ballot: the turnout row (who, how) and the ballot (what) in one transaction, never joined. */
export const castBallot = async (req: PayloadRequest, voteId: unknown, body: { choice?: unknown; mode?: unknown }) => {
  const user = signedIn(req)
  const choice = body.choice as VoteChoice
  if (!['for', 'against', 'abstain'].includes(choice)) fail(400, '请选择赞成、反对或弃权')
  const mode = body.mode === 'written' ? 'written' : 'present'
  return transact(req, async () => {
    const v = await loadVote(req, user, voteId)
    if (v.status !== 'open') fail(409, '表决已经结束')
    if (!(v.voters ?? []).map((x) => Number(idOf(x))).includes(Number(user.id)))
      fail(403, '只有表决开始时本支部有表决权的正式党员可以投票（预备党员没有表决权）')
    const recorded = await recordTurnout(inRequest(req), {
      vote: v.id,
      voter: Number(user.id),
      organization: Number(idOf(v.organization)),
      mode,
    })
    if (!recorded) fail(409, '您已经投过票，每人只能投一次')
    await req.payload.create({
      collection: 'development-ballots',
      data: { id: randomUUID(), vote: v.id, choice, mode },
      overrideAccess: true,
      depth: 0,
      req,
    })
    return { ok: true }
  })
}

/** Closes the vote, counts it by the rules and writes the result into the case. */
export const closeVote = async (req: PayloadRequest, voteId: unknown) => {
  const user = signedIn(req)
  return transact(req, async () => {
    await lockVote(inRequest(req), Number(voteId) || 0)
    const v = await loadVote(req, user, voteId)
    const branch = Number(idOf(v.organization))
    if (!isSecretaryOf(user, branch)) fail(403, '表决由本支部书记宣布结束')
    if (v.status !== 'open') fail(409, '表决已经结束')
    // Counts only: the ballots grouped by mode and choice, never a row of them.
    const rows = await ballotCounts(inRequest(req), v.id)
    const n = (mode: string, choice: string) => Number(rows.find((r) => r.mode === mode && r.choice === choice)?.n ?? 0)
    const ballots = { for: n('present', 'for'), against: n('present', 'against'), abstain: n('present', 'abstain') }
    const written = { for: n('written', 'for'), against: n('written', 'against'), abstain: n('written', 'abstain') }
    const present = ballots.for + ballots.against + ballots.abstain
    const result = tallyVote({ expected: v.expected, present, ballots, written })
    const day = today()
    await req.payload.update({
      collection: 'development-votes',
      id: v.id,
      data: {
        status: 'closed',
        closedAt: new Date().toISOString(),
        present,
        inFavour: result.inFavour,
        against: ballots.against + written.against,
        abstain: ballots.abstain + written.abstain,
        written: written.for + written.against + written.abstain,
        passed: result.passed,
        reason: result.reason,
      },
      overrideAccess: true,
      depth: 0,
      req,
    })
    if (result.passed) {
      const c = await loadCase(req, v.case, user)
      if (v.motion === 'accept' || v.motion === 'confirm') {
        checkStep(c, v.step, day)
        await writeStep(req, user, c, v.step, day, { vote: v.id, notes: result.reason })
      } else if (v.motion === 'extend') {
        await req.payload.update({
          collection: 'development-cases',
          id: c.doc.id,
          data: { extended: true, extensionMonths: v.extensionMonths },
          overrideAccess: true,
          depth: 0,
          req,
        })
        await recordAudit(req, {
          action: 'developmentStep',
          collection: 'development-cases',
          documentId: c.doc.id,
          summary: `支部大会决定延长预备期 ${v.extensionMonths} 个月`,
        })
      } else {
        await req.payload.update({
          collection: 'development-cases',
          id: c.doc.id,
          data: { status: 'cancelled', nextStep: null },
          overrideAccess: true,
          depth: 0,
          req,
        })
        await setStage(req, c, 'masses', day, '支部大会决定取消预备党员资格', v.step)
        await recordAudit(req, {
          action: 'developmentStep',
          collection: 'development-cases',
          documentId: c.doc.id,
          summary: '支部大会决定取消预备党员资格',
        })
      }
    }
    return result
  })
}
