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
  // Index settings (Chinese, filters, synonyms) are applied at every start; idempotent.
  const { ensureIndex } = await import('./search/settings')
  await ensureIndex(payload).catch((e) => payload.logger.warn({ err: e, msg: '搜索引擎暂不可用：索引设置将在下次同步时重试' }))
}
