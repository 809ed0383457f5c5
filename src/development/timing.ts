/**
 * Time rules of the development steps on calendar days (YYYY-MM-DD, Beijing time): "at least one
 * year as an activist", "a talk within one month", "approval within three months, at most six",
 * "probation of one year from the branch meeting". A period of N months or years ends on the same
 * day of the month N later; where that day does not exist (29 February, 31 April) it is the first
 * day of the next month, so a full period has always passed.
 */
export type Span = { years?: number; months?: number }

export const addSpan = (day: string, span: Span): string => {
  const [y, m, d] = day.split('-').map(Number)
  const months = (span.years ?? 0) * 12 + (span.months ?? 0)
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  if (d > lastDay) return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 1)).toISOString().slice(0, 10)
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), d)).toISOString().slice(0, 10)
}

/** A step that may come only `span` after `since`: null when `on` is allowed, else the first day it is. */
export const tooEarly = (since: string, span: Span, on: string): string | null => {
  const earliest = addSpan(since, span)
  return on >= earliest ? null : earliest
}

/** A step due within `span` of `since`: whether it is overdue on `today` (the deadline is the last day allowed). */
export const overdue = (since: string, span: Span, today: string) => today > addSpan(since, span)
