import type { JobsConfig } from 'payload'

import { hasRole } from '../access/roles'
import { reconcileSearchTask, reviveSearchSyncs, SEARCH_QUEUE, syncSearchTask } from '../search/sync'
import { MAIL_QUEUE, sendMailTask } from '../mail/queue'
import { notificationDigestTask } from '../mail/notifications'
import { guardRunEndpoint } from './exclusive'
import { branchCheckTask, refreshCockpitStatsTask, studyIntegrityTask, studyPaceCheckTask } from './tasks'

/**
 * Whether this process runs the jobs queue. The app server does by default (so scheduled
 * publishing fires with nobody in the admin); a deployment with a separate `npm run worker` sets
 * JOBS_IN_APP=false on the app servers.
 */
export const runsJobsHere = () => process.env.JOBS_IN_APP !== 'false' || process.env.PAYLOAD_JOBS_WORKER === '1'

export const jobsConfig: JobsConfig = {
  tasks: [
    syncSearchTask,
    reconcileSearchTask,
    studyPaceCheckTask,
    branchCheckTask,
    refreshCockpitStatsTask,
    studyIntegrityTask,
    sendMailTask,
    notificationDigestTask,
  ],
  // Every minute: a scheduled publication fires within a minute of its time. Every 5 seconds: the
  // search index follows saves closely.
  autoRun: [
    { cron: '* * * * *', queue: 'default', limit: 50 },
    { cron: '*/5 * * * * *', queue: SEARCH_QUEUE, limit: 200 },
    // Every 10 seconds: an invitation or a reset link arrives while the person waits for it.
    { cron: '*/10 * * * * *', queue: MAIL_QUEUE, limit: 50 },
  ],
  // Asked before every queue tick: also where failed search syncs are woken once Meilisearch is back.
  shouldAutoRun: async (payload) => {
    if (!runsJobsHere()) return false
    await reviveSearchSyncs(payload)
    return true
  },
  // Payload's GET /api/payload-jobs/run takes the same per-queue lock as every other runner (src/jobs/exclusive.ts).
  jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
    ...defaultJobsCollection,
    endpoints: (defaultJobsCollection.endpoints || []).map(guardRunEndpoint),
  }),
  access: {
    run: ({ req: { user } }) => hasRole(user, 'sysAdmin'),
    queue: ({ req: { user } }) => hasRole(user, 'sysAdmin'),
    cancel: ({ req: { user } }) => hasRole(user, 'sysAdmin'),
  },
}
