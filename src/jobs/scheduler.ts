import { hostname } from 'os'
import cron, { type ScheduledTask } from 'node-cron'
import type { Payload } from 'payload'

import { SEARCH_QUEUE } from '../search/sync'
import { poolOf } from '../db/pool'
import { claimScheduleRun, releaseScheduleRun } from './queries'
import { TIME_ZONE } from '../study/pace'

/**
 * The nightly schedule (Asia/Shanghai). The scheduler only enqueues Payload jobs; the jobs do the
 * work, are retried on failure and are idempotent.
 */
export const SCHEDULES = [
  { name: 'refreshCockpitStats', task: 'refreshCockpitStats', at: '01:30', queue: 'default' },
  { name: 'studyPaceCheck', task: 'studyPaceCheck', at: '02:00', queue: 'default' },
  { name: 'branchCheck', task: 'branchCheck', at: '02:10', queue: 'default' },
  // 学习异常检测 of the day before (src/integrity/analyse.ts).
  { name: 'studyIntegrity', task: 'studyIntegrity', at: '02:20', queue: 'default' },
  { name: 'reconcileSearch', task: 'reconcileSearch', at: '02:30', queue: SEARCH_QUEUE },
  // 通知邮件每日汇总 (src/mail/notifications.ts): before the working day, after the night's checks.
  { name: 'notificationDigest', task: 'notificationDigest', at: '07:30', queue: 'default' },
] as const

const parts = (at: Date) => {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]))
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` }
}

/**
 * Enqueues every schedule that is due and not yet claimed for its period (the Shanghai day). The
 * claim is a row in schedule_runs with the schedule and period as its key: however many app
 * instances tick at once, one insert wins and only that instance enqueues. A server that was down
 * at the scheduled time catches up at its next tick the same day.
 */
export const enqueueDue = async (payload: Payload, now = new Date(), instance = `${hostname()}:${process.pid}`): Promise<string[]> => {
  const { day, time } = parts(now)
  const pool = poolOf(payload)
  const queued: string[] = []
  for (const s of SCHEDULES) {
    if (time < s.at) continue
    if (!(await claimScheduleRun(pool, s.name, day, instance))) continue
    try {
      await payload.jobs.queue({ task: s.task, input: { period: day }, queue: s.queue })
      queued.push(s.name)
    } catch (error) {
      // Not queued: give the claim back so the next tick tries again.
      await releaseScheduleRun(pool, s.name, day)
      throw error
    }
  }
  return queued
}

/** Ticks every minute in the app server (and `npm run worker`). */
export const startScheduler = (payload: Payload): ScheduledTask =>
  cron.schedule(
    '* * * * *',
    async () => {
      try {
        const queued = await enqueueDue(payload)
        if (queued.length) payload.logger.info(`定时任务已排队：${queued.join('、')}`)
      } catch (error) {
        payload.logger.warn({ err: error, msg: '定时任务排队失败，下一分钟重试' })
      }
    },
    { timezone: TIME_ZONE, name: 'party-schedules', noOverlap: true },
  )
