import type { TaskConfig } from 'payload'

type Period = { input: { period?: string }; output: Record<string, number> }

const out = [{ name: 'created', type: 'number' as const }]

/** 学时预警 (nightly). */
export const studyPaceCheckTask: TaskConfig<Period> = {
  slug: 'studyPaceCheck',
  label: '学时进度检查',
  inputSchema: [{ name: 'period', type: 'text' }],
  outputSchema: [...out, { name: 'behind', type: 'number' }],
  retries: 3,
  handler: async ({ req }) => {
    const { studyPaceCheck } = await import('../warnings/checks')
    const r = await studyPaceCheck(req.payload)
    return { output: { created: r.created, behind: r.behind } }
  },
}

/** 支部建设预警, 换届提醒, 组织生活频次预警 and 发展党员 overdue steps (nightly). */
export const branchCheckTask: TaskConfig<Period> = {
  slug: 'branchCheck',
  label: '支部建设与换届检查',
  inputSchema: [{ name: 'period', type: 'text' }],
  outputSchema: [...out, { name: 'branches', type: 'number' }, { name: 'terms', type: 'number' }],
  retries: 3,
  handler: async ({ req }) => {
    const { branchCheck } = await import('../warnings/checks')
    const { meetingGapCheck } = await import('../meetings/gaps')
    const r = await branchCheck(req.payload)
    // 组织生活频次预警 rides on the branch check: same recipients, same nightly run.
    const life = await meetingGapCheck(req.payload)
    // 发展党员 overdue steps too: the branch secretary and the committee above hear them.
    const { developmentCheck } = await import('../development/check')
    const development = await developmentCheck(req.payload)
    return { output: { created: r.created + life.created + development.notified, branches: r.branches, terms: r.terms } }
  },
}

/** The cockpit's daily refresh: rollups rebuilt from the raw tables (a repair; triggers keep them current). */
export const refreshCockpitStatsTask: TaskConfig<Period> = {
  slug: 'refreshCockpitStats',
  label: '驾驶舱统计刷新',
  inputSchema: [{ name: 'period', type: 'text' }],
  outputSchema: [{ name: 'ms', type: 'number' }],
  retries: 3,
  handler: async ({ req }) => {
    const { rebuildRollups } = await import('../cockpit/rollups')
    const t = Date.now()
    await rebuildRollups(req.payload)
    return { output: { ms: Date.now() - t } }
  },
}

/**
 * 学习异常检测 (nightly, issue 13 §2): the study-integrity analysis of the day before the schedule's
 * period (Asia/Shanghai). On demand, queue it with `day` (and optionally `to`) to analyse those days.
 */
export const studyIntegrityTask: TaskConfig<{ input: { period?: string; day?: string; to?: string }; output: Record<string, number> }> = {
  slug: 'studyIntegrity',
  label: '学习异常检测',
  inputSchema: [
    { name: 'period', type: 'text' },
    { name: 'day', type: 'text' },
    { name: 'to', type: 'text' },
  ],
  outputSchema: [...out, { name: 'updated', type: 'number' }, { name: 'members', type: 'number' }, { name: 'beats', type: 'number' }],
  retries: 3,
  handler: async ({ input, req }) => {
    const { analyseIntegrity, previousShanghaiDay } = await import('../integrity/analyse')
    const from = input?.day || previousShanghaiDay(input?.period || new Date())
    const r = await analyseIntegrity(req.payload, { from, to: input?.day ? input.to || from : from })
    return { output: { created: r.created, updated: r.updated, members: r.members, beats: r.beats } }
  },
}
