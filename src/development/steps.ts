import type { PoliticalStage } from '../people/stages'
import type { Span } from './timing'

/**
 * 发展党员 as data (issue 17 §1): the five phases and 25 steps of 中国共产党发展党员工作细则, each
 * with who acts, the article it rests on, what it needs before it and its time rules. A case records
 * the version it runs under; the Party committee may add local rules (公示, longer training) on top
 * of a version but not remove or shorten what it requires (`extendRules`). A revision dated May
 * 2026 is reported but its text was not available here: it would be a new version, not an edit.
 * Article numbers were checked against copies of the 2014 text found on public pages (4 December
 * 2026); those marked `confirmed: false` were not seen next to their number and await the official text.
 */
export type Actor = 'person' | 'branchSecretary' | 'branchCommittee' | 'branchMeeting' | 'higherCommittee' | 'orgDepartment'
export const ACTOR_LABELS: Record<Actor, string> = {
  person: '本人',
  branchSecretary: '党支部书记',
  branchCommittee: '支部委员会（未设支委会的为支部大会）',
  branchMeeting: '支部党员大会',
  higherCommittee: '上级党委',
  orgDepartment: '上级组织部门',
}

export type Phase = 'application' | 'activist' | 'target' | 'acceptance' | 'probation'
export const PHASE_LABELS: Record<Phase, string> = {
  application: '申请入党',
  activist: '入党积极分子的确定和培养教育',
  target: '发展对象的确定和考察',
  acceptance: '预备党员的接收',
  probation: '预备党员的教育考察和转正',
}

export type Step = {
  no: number
  phase: Phase
  title: string
  actor: Actor
  /** 第X条 of the rule set's source. */
  article: string
  /** False where the article number was not seen next to its text in a copy of the source (to be checked against the official text). */
  confirmed?: false
  /** Steps that must be done first (besides the one before it). */
  after?: number[]
  /** Not before this long after a step: [step, span]. */
  notBefore?: [number, Span]
  /** Due within this long after a step (overdue warns the secretary and the college): [step, span]. */
  within?: [number, Span]
  /** The person's political stage from this step on. */
  stage?: PoliticalStage
  /** A branch vote decides it (one candidate at a time, secret ballot). */
  vote?: boolean
  /** Documents the step keeps (uploads). */
  documents?: string[]
  /** Training for the stage shown as evidence (courses marked as 党校 training for it, 学时 from the ledger). */
  training?: 'activist' | 'target' | 'probationary'
}

export type RuleSet = {
  version: string
  title: string
  source: string
  steps: Step[]
  publicNotice: { beforeSteps: number[]; workingDays: number }
  trainingHours: number
}

const S2014: Step[] = [
  {
    no: 1,
    phase: 'application',
    title: '递交入党申请书',
    actor: 'person',
    article: '第五条、第六条',
    stage: 'applicant',
    documents: ['入党申请书'],
  },
  {
    no: 2,
    phase: 'application',
    title: '党组织派人谈话',
    actor: 'branchSecretary',
    article: '第七条',
    within: [1, { months: 1 }],
    documents: ['谈话记录'],
  },
  {
    no: 3,
    phase: 'activist',
    title: '推荐和确定入党积极分子',
    actor: 'branchCommittee',
    article: '第八条',
    stage: 'activist',
    documents: ['推荐材料', '支委会会议记录'],
  },
  { no: 4, phase: 'activist', title: '报上级党委备案', actor: 'branchSecretary', article: '第八条', documents: ['备案表'] },
  { no: 5, phase: 'activist', title: '指定培养联系人', actor: 'branchCommittee', article: '第九条', documents: [] },
  {
    no: 6,
    phase: 'activist',
    title: '培养教育考察',
    actor: 'branchCommittee',
    article: '第十条、第十一条',
    documents: ['思想汇报', '考察记录'],
    training: 'activist',
  },
  {
    no: 7,
    phase: 'target',
    title: '确定发展对象',
    actor: 'branchCommittee',
    article: '第十三条',
    notBefore: [3, { years: 1 }],
    stage: 'developmentTarget',
    documents: ['支委会会议记录'],
    training: 'activist',
  },
  { no: 8, phase: 'target', title: '报上级党委备案', actor: 'branchSecretary', article: '第十三条', documents: ['备案表'] },
  { no: 9, phase: 'target', title: '确定入党介绍人', actor: 'branchCommittee', article: '第十四条', documents: [] },
  {
    no: 10,
    phase: 'target',
    title: '进行政治审查',
    actor: 'branchCommittee',
    article: '第十六条',
    confirmed: false,
    documents: ['政治审查综合材料'],
  },
  {
    no: 11,
    phase: 'target',
    title: '开展集中培训',
    actor: 'higherCommittee',
    article: '第十七条',
    documents: ['培训结业证明'],
    training: 'target',
  },
  { no: 12, phase: 'acceptance', title: '支部委员会审查', actor: 'branchCommittee', article: '第十九条', documents: [] },
  { no: 13, phase: 'acceptance', title: '上级党委预审', actor: 'higherCommittee', article: '第十九条', documents: ['预审意见'] },
  {
    no: 14,
    phase: 'acceptance',
    title: '填写入党志愿书',
    actor: 'person',
    article: '第十九条',
    confirmed: false,
    documents: ['入党志愿书'],
  },
  {
    no: 15,
    phase: 'acceptance',
    title: '支部大会讨论',
    actor: 'branchMeeting',
    article: '第二十条、第二十一条',
    vote: true,
    documents: ['支部大会决议'],
  },
  {
    no: 16,
    phase: 'acceptance',
    title: '上级党委派人谈话',
    actor: 'higherCommittee',
    article: '第二十三条',
    confirmed: false,
    documents: ['谈话记录'],
  },
  {
    no: 17,
    phase: 'acceptance',
    title: '上级党委审批',
    actor: 'higherCommittee',
    article: '第二十四条、第二十五条',
    confirmed: false,
    within: [15, { months: 3 }],
    stage: 'probationary',
    documents: ['审批意见'],
  },
  {
    no: 18,
    phase: 'acceptance',
    title: '报上级组织部门备案',
    actor: 'higherCommittee',
    article: '第二十六条',
    confirmed: false,
    documents: [],
  },
  { no: 19, phase: 'probation', title: '编入党支部和党小组', actor: 'branchSecretary', article: '第二十九条', documents: [] },
  { no: 20, phase: 'probation', title: '入党宣誓', actor: 'higherCommittee', article: '第三十条', documents: [] },
  {
    no: 21,
    phase: 'probation',
    title: '继续教育考察',
    actor: 'branchCommittee',
    article: '第三十一条、第三十二条',
    confirmed: false,
    documents: ['思想汇报', '考察记录'],
    training: 'probationary',
  },
  {
    no: 22,
    phase: 'probation',
    title: '提出转正申请',
    actor: 'person',
    article: '第三十三条',
    documents: ['转正申请书'],
    training: 'probationary',
  },
  {
    no: 23,
    phase: 'probation',
    title: '支部大会讨论转正',
    actor: 'branchMeeting',
    article: '第三十二条、第三十三条',
    notBefore: [15, { years: 1 }],
    vote: true,
    documents: ['支部大会决议'],
  },
  {
    no: 24,
    phase: 'probation',
    title: '上级党委审批',
    actor: 'higherCommittee',
    article: '第三十四条',
    within: [23, { months: 3 }],
    stage: 'full',
    documents: ['审批意见'],
  },
  { no: 25, phase: 'probation', title: '材料归档', actor: 'higherCommittee', article: '第三十七条', documents: [] },
]

export const RULE_SETS: Record<string, RuleSet> = {
  '2014': {
    version: '2014',
    title: '中国共产党发展党员工作细则',
    source: '中共中央办公厅 2014年6月印发',
    steps: S2014,
    // 公示 is not in the 细则 itself: a local rule adds it (LOCAL_2026 below).
    publicNotice: { beforeSteps: [], workingDays: 0 },
    // 集中培训 of 发展对象: at least three days or 24 学时 (第十七条); universities often ask for more.
    trainingHours: 24,
  },
}

export const CURRENT_RULES = '2014'

/** Common university practice, as the demo's local rules: 公示 of 5 working days before 积极分子, 发展对象, acceptance and 转正; 32 学时 of training. */
export const LOCAL_2026 = { version: '示范大学2026', publicNotice: { beforeSteps: [3, 7, 15, 23], workingDays: 5 }, trainingHours: 32 }

/**
 * Local rules on top of a version: more 公示 points, more working days, more training hours — never
 * fewer. A weakening is refused with what the version requires.
 */
export const extendRules = (base: RuleSet, local: LocalRules): RuleSet => {
  const points = local.publicNotice?.beforeSteps ?? base.publicNotice.beforeSteps
  const days = local.publicNotice?.workingDays ?? base.publicNotice.workingDays
  const hours = local.trainingHours ?? base.trainingHours
  const missing = base.publicNotice.beforeSteps.filter((s) => !points.includes(s))
  if (missing.length) throw new Error(`本地规则不能取消第 ${missing.join('、')} 步之前的公示`)
  if (days < base.publicNotice.workingDays) throw new Error(`公示期不能少于 ${base.publicNotice.workingDays} 个工作日`)
  if (hours < base.trainingHours) throw new Error(`发展对象集中培训不能少于 ${base.trainingHours} 学时`)
  if (points.some((s) => !base.steps.some((x) => x.no === s))) throw new Error('公示只能设在规则中已有的步骤之前')
  if (points.length && days < 1) throw new Error('设置公示时，公示期至少 1 个工作日')
  return {
    ...base,
    version: `${base.version}+${local.version}`,
    publicNotice: { beforeSteps: [...new Set(points)].sort((a, b) => a - b), workingDays: days },
    trainingHours: hours,
  }
}

/**
 * Whether `no` may be done now in a case with these steps done (step → day), and if not, why and
 * from when: the steps before it, and its not-before rule.
 */
export const canDo = (
  rules: RuleSet,
  done: Record<number, string>,
  no: number,
  today: string,
  addSpan: (day: string, span: Span) => string,
): { ok: true } | { ok: false; reason: string; from?: string } => {
  const step = rules.steps.find((s) => s.no === no)
  if (!step) return { ok: false, reason: `规则 ${rules.version} 中没有第 ${no} 步` }
  if (done[no]) return { ok: false, reason: `第 ${no} 步「${step.title}」已完成` }
  const before = [...rules.steps.filter((s) => s.no < no).map((s) => s.no), ...(step.after ?? [])].filter((n) => !done[n])
  if (before.length) return { ok: false, reason: `须先完成第 ${before[0]} 步「${rules.steps.find((s) => s.no === before[0])!.title}」` }
  if (step.notBefore) {
    const [since, span] = step.notBefore
    const earliest = addSpan(done[since], span)
    if (today < earliest)
      return {
        ok: false,
        reason: `按${rules.title}${step.article}，第 ${since} 步之后须满${span.years ? `${span.years} 年` : `${span.months} 个月`}，${earliest} 起可以进行`,
        from: earliest,
      }
  }
  return { ok: true }
}

export type LocalRules = { version: string; publicNotice?: Partial<RuleSet['publicNotice']>; trainingHours?: number }

/** Local rule sets known by their version name (the built-in demo one; the Party committee adds its own in 发展党员本地规则); a case names `base+local`. */
export const LOCAL_RULES: Record<string, LocalRules> = { [LOCAL_2026.version]: LOCAL_2026 }

/** The version new cases run under: the 2014 细则 with the demo university's local rules. */
export const CURRENT_VERSION = `${CURRENT_RULES}+${LOCAL_2026.version}`

/** The rule set a case names, or null for a version this build does not know. */
export const rulesFor = (version: string, locals: Record<string, LocalRules> = LOCAL_RULES): RuleSet | null => {
  if (RULE_SETS[version]) return RULE_SETS[version]
  const [base, ...rest] = version.split('+')
  const local = locals[rest.join('+')]
  return RULE_SETS[base] && local ? extendRules(RULE_SETS[base], local) : null
}

/** 党校 training for a stage (issue 17 §4): courses and training records carry one of these. */
export const TRAINING_FOR = ['activist', 'target', 'probationary'] as const
export type TrainingFor = (typeof TRAINING_FOR)[number]
export const TRAINING_FOR_LABELS: Record<TrainingFor, { zh: string; en: string }> = {
  activist: { zh: '入党积极分子培训', en: 'Activist training' },
  target: { zh: '发展对象培训', en: 'Development-target training' },
  probationary: { zh: '预备党员教育', en: 'Probationary-member education' },
}
/** The training a person's stage follows. */
export const TRAINING_OF_STAGE: Partial<Record<string, TrainingFor>> = {
  activist: 'activist',
  developmentTarget: 'target',
  probationary: 'probationary',
}

/** A vote's motion and the step it decides. */
export const MOTIONS = ['accept', 'confirm', 'extend', 'cancel'] as const
export type Motion = (typeof MOTIONS)[number]
export const MOTION_LABELS: Record<Motion, string> = {
  accept: '接收为预备党员',
  confirm: '按期转为正式党员',
  extend: '延长预备期',
  cancel: '取消预备党员资格',
}
export const MOTION_STEP: Record<Motion, number> = { accept: 15, confirm: 23, extend: 23, cancel: 23 }
