/**
 * Runs once when the Next server starts: initialise Payload with its crons so the jobs queue
 * (scheduled publishing, later the nightly checks) runs even if no request ever arrives.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  if (process.env.NEXT_PHASE === 'phase-production-build') return
  const { runsJobsHere } = await import('./jobs/config')
  if (!runsJobsHere()) return
  const [{ getPayload }, { default: config }] = await Promise.all([import('payload'), import('@payload-config')])
  const payload = await getPayload({ config, cron: true })
  // The nightly checks: node-cron enqueues them (once per day across instances), the queue runs them.
  const { startScheduler } = await import('./jobs/scheduler')
  startScheduler(payload)
  // Index settings (Chinese, filters, synonyms) are applied at every start; idempotent.
  const { ensureIndex } = await import('./search/settings')
  await ensureIndex(payload).catch((e) => payload.logger.warn({ err: e, msg: '搜索引擎暂不可用：索引设置将在下次同步时重试' }))
  // Reconcile once at start, in the background: content saved before search existed, or while no
  // server was running the queue, reaches the index without anyone running a command.
  const { reconcileIndex } = await import('./search/reindex')
  void reconcileIndex(payload)
    .then((r) => payload.logger.info(`搜索索引对账：补充或更新 ${r.upserted} 条，删除 ${r.deleted} 条`))
    .catch((e) => payload.logger.warn({ err: e, msg: '搜索索引对账未完成，将在夜间对账时重试' }))
}
