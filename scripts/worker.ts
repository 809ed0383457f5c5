/**
 * `npm run worker`: runs the jobs queue in its own process, for deployments that keep it apart
 * from the app servers (set JOBS_IN_APP=false there). Needs DATABASE_URL and PAYLOAD_SECRET.
 */
import { getPayload } from 'payload'

process.env.PAYLOAD_JOBS_WORKER = '1'
const { default: config } = await import('../payload.config')
const payload = await getPayload({ config, cron: true })
const { startScheduler } = await import('../src/jobs/scheduler')
const scheduler = startScheduler(payload)
payload.logger.info('任务队列工作进程已启动（每分钟运行一次 default 队列，并安排夜间检查）')
const stop = async () => {
  await scheduler.stop()
  await payload.destroy()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
