import chineseDays from 'chinese-days'

// A CommonJS package: its default import works under Node's ESM loader (the payload CLI), Next and vitest alike; a named import does not.
const { isWorkday } = chineseDays

/**
 * Working days for 公示 (public notice) windows: Chinese public holidays and the adjusted working
 * weekends (调休) from `chinese-days`, which carries the State Council's arrangement for each year up
 * to the newest published one (2004–2026 in 1.5.7). For a year it does not know yet, its answers are
 * plain Monday–Friday, so `calendarKnows` says whether the year is covered and the caller can say so.
 */
const KNOWN_UNTIL = 2026

/** YYYY-MM-DD of a day, in Beijing time. */
export const beijingDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

export const calendarKnows = (day: string) => Number(day.slice(0, 4)) <= KNOWN_UNTIL

export const isWorkingDay = (day: string) => isWorkday(day)

/**
 * The last day of a 公示 of `days` working days that starts on `start` (YYYY-MM-DD): the start counts
 * when it is a working day. A notice posted on 30 September 2026 for 5 working days runs over the
 * National Day holiday, counts Saturday 10 October (调休上班) and ends on Monday 12 October.
 */
export const noticeEnds = (start: string, days: number): string => {
  if (!Number.isInteger(days) || days < 1) throw new Error('公示期须是正整数个工作日')
  let day = start
  let counted = isWorkingDay(day) ? 1 : 0
  while (counted < days) {
    day = addDays(day, 1)
    if (isWorkingDay(day)) counted++
  }
  return day
}

/** Working days from `from` to `to`, both included. */
export const workingDaysBetween = (from: string, to: string) => {
  let n = 0
  for (let day = from; day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) n++
  return n
}
