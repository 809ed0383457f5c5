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
  await getPayload({ config, cron: true })
}
