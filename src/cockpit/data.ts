import type { Payload } from 'payload'

import { CONTENT_KIND_SLUGS } from '../content/kinds'
import { poolOf } from '../db/pool'
import { studyTargets } from '../ledger/targets'
import { expectedHours, yearOf } from '../study/pace'
import type { Timing } from '../timing'
import { caughtUp } from '../db/notify'
import { cachedItemSums, cachedMemberGroups, keptSections, SECTIONS, type Section } from './cache'
import { groupRows } from './groups'
import { themeSums, titledItems, topItemSums } from './items'
import {
  hardestQuestions,
  itemSumRows,
  itemTitleRows,
  memberFigureRows,
  memberRowsKey,
  publishedByMonth,
  quizMonthRows,
  returnsByLevel,
  reviewStatesEntered,
  scopeBranches,
  studyMonthRows,
  termWarningSetting,
  themeLinkRows,
  type Pace,
} from './queries'
import type { Scope } from './scope'

/**
 * The cockpit's numbers for a scope, read from the rollups (src/migrations/…_cockpit_rollups.ts),
 * never from raw events. Queries run side by side on the pool.
 */

/** Hour bands of the distribution chart (lower bound inclusive). */
export const HOUR_BANDS = [
  { key: 'zero', label: '0 学时', min: 0, max: 0 },
  { key: 'lt8', label: '0–8', min: 0.0001, max: 8 },
  { key: 'lt16', label: '8–16', min: 8, max: 16 },
  { key: 'lt24', label: '16–24', min: 16, max: 24 },
  { key: 'lt32', label: '24–32', min: 24, max: 32 },
  { key: 'done', label: '≥ 32', min: 32, max: Infinity },
] as const
export type Band = (typeof HOUR_BANDS)[number]['key']

const n = (v: unknown) => Number(v ?? 0)
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d
const share = (a: number, b: number) => (b ? round((100 * a) / b) : 0)

/** The settings the figures depend on, straight from the settings table (no Payload round trip). */
const settings = async (payload: Payload) => {
  const [days, targets] = await Promise.all([termWarningSetting(poolOf(payload)), studyTargets(payload)])
  return { targets, termWarningDays: days ?? 90 }
}

/** The key of what the cockpit keeps for a scope's organisations (and year). */
const orgsKey = (scope: Scope) => JSON.stringify(scope.orgIds)

export const cockpitData = async (payload: Payload, scope: Scope, now = new Date(), year = yearOf(now), timing?: Timing) => {
  const pool = poolOf(payload)
  // One round trip makes sure every notice committed before now was heard; then each part is served
  // as kept or read again (src/cockpit/cache.ts): after a change only what it touched is read.
  const live = caughtUp(payload)
  const kept = keptSections(payload, timing, live)
  const { targets, termWarningDays } = await kept(SECTIONS.settings, 'settings', () => settings(payload))
  const expectedBy = (t: number) => (year === yearOf(now) ? expectedHours(t, now, year) : t)
  const pace: Pace = {
    expected: expectedBy(targets.member),
    target: targets.member,
    cadreExpected: expectedBy(targets.cadre),
    cadreTarget: targets.cadre,
  }
  const { target, expected } = pace
  const yearKey = memberRowsKey(scope, year)
  // The member rows, kept and patched one member at a time between changes, their groups adjusted with them.
  const members = async () => {
    const t = performance.now()
    const { groups, from } = await cachedMemberGroups(payload, yearKey, (ids) => memberFigureRows(pool, scope, year, ids), pace, live)
    const rows = groupRows(groups)
    timing?.push([{ kept: 'members-cached', patched: 'members-patched', loaded: 'members' }[from], performance.now() - t])
    return { rows }
  }
  // The completions per item, kept and patched one item at a time; the top items and themes worked out from them,
  // with the titles and themes read only when those change (neither depends on the scope).
  const learning = async () => {
    const t = performance.now()
    const [{ sums, from }, links] = await Promise.all([
      cachedItemSums(payload, yearKey, (items) => itemSumRows(pool, scope, year, items), live),
      kept(SECTIONS.itemThemes, 'all', () => themeLinkRows(pool)),
    ])
    timing?.push([{ kept: 'items-cached', patched: 'items-patched', loaded: 'items' }[from], performance.now() - t])
    // Worked out before any await: the kept sums may be patched by another request meanwhile.
    const top = topItemSums(sums.values())
    const themes = themeSums(sums, links)
    const titles = await kept(SECTIONS.itemTitles, JSON.stringify(top.map((i) => [i.item_collection, i.item_id])), () =>
      itemTitleRows(pool, top),
    )
    return { topItems: titledItems(top, titles), themes }
  }
  // Keyed by the organisations (and year): none of these queries reads the pace.
  const rows = async <Row>(section: Section, key: string, query: (...a: Parameters<typeof studyMonthRows>) => Promise<Row[]>) => ({
    rows: await kept(section, key, () => query(pool, scope, year, pace)),
  })
  const [groups, studyMonths, quizMonths, { topItems, themes }, hardest, branches] = await Promise.all([
    members(),
    rows(SECTIONS.studyMonths, yearKey, studyMonthRows),
    rows(SECTIONS.quizMonths, yearKey, quizMonthRows),
    learning(),
    rows(SECTIONS.hardest, yearKey, hardestQuestions),
    // The branches are the same whatever the year.
    rows(SECTIONS.branches, orgsKey(scope), scopeBranches),
  ])

  const total = groups.rows.find((r) => n(r.total) === 1) ?? {}
  const perOrg = new Map(groups.rows.filter((r) => n(r.total) === 0).map((r) => [n(r.org), r]))
  const summary = (r: Record<string, unknown>) => ({
    members: n(r.members),
    onPace: n(r.on_pace),
    atTarget: n(r.at_target),
    onPaceShare: share(n(r.on_pace), n(r.members)),
    atTargetShare: share(n(r.at_target), n(r.members)),
    averageHours: n(r.members) ? round(n(r.hours) / n(r.members)) : 0,
    completions: n(r.completions),
    quizParticipants: n(r.participants),
    quizParticipation: share(n(r.participants), n(r.members)),
    quizAttempts: n(r.attempts),
    quizPassRate: share(n(r.passed), n(r.attempts)),
    quizAverageScore: n(r.attempts) ? round(n(r.score_sum) / n(r.attempts)) : 0,
  })
  const now0 = now.getTime()
  const branchRows = branches.rows.map((b) => {
    const daysLeft = b.term_end ? Math.ceil((new Date(b.term_end).getTime() - now0) / 86_400_000) : null
    return {
      id: n(b.id),
      name: String(b.name),
      college: b.parent_name ? { id: n(b.parent_id), name: String(b.parent_name) } : null,
      secretary: b.secretary ?? null,
      memberCount: n(b.member_count),
      fullMemberCount: n(b.full_member_count),
      issues: b.issues as string[],
      termEnd: b.term_end ? new Date(b.term_end).toISOString() : null,
      termDaysLeft: daysLeft,
      needsAction: (b.issues as string[]).length > 0 || (daysLeft !== null && daysLeft <= termWarningDays),
      study: summary(perOrg.get(n(b.id)) ?? {}),
    }
  })
  const colleges = new Map<number, { id: number; name: string; rows: Record<string, unknown>[] }>()
  for (const b of branchRows) {
    if (!b.college) continue
    const c = colleges.get(b.college.id) ?? { ...b.college, rows: [] }
    c.rows.push(perOrg.get(b.id) ?? {})
    colleges.set(b.college.id, c)
  }
  const sumRows = (rows: Record<string, unknown>[]) => {
    const keys = ['members', 'on_pace', 'at_target', 'hours', 'completions', 'participants', 'attempts', 'passed', 'score_sum']
    return Object.fromEntries(keys.map((k) => [k, rows.reduce((a, r) => a + n(r[k]), 0)]))
  }

  return {
    scope: { level: scope.level, id: scope.root.id, name: scope.root.name },
    year,
    target,
    expectedHours: expected,
    cadreTarget: pace.cadreTarget,
    cadreExpectedHours: pace.cadreExpected,
    study: {
      ...summary(total),
      distribution: HOUR_BANDS.map((b) => ({ band: b.key, label: b.label, members: n((total as Record<string, unknown>)[b.key]) })),
      byMonth: Array.from({ length: 12 }, (_, i) => {
        const r = studyMonths.rows.find((x) => n(x.month) === i + 1)
        return { month: i + 1, hours: round(n(r?.hours)), studyHours: round(n(r?.seconds) / 3600), completions: n(r?.completions) }
      }),
      byCollege:
        scope.level === 'university' ? [...colleges.values()].map((c) => ({ id: c.id, name: c.name, ...summary(sumRows(c.rows)) })) : [],
      byBranch: branchRows.map((b) => ({ id: b.id, name: b.name, college: b.college?.name ?? null, ...b.study })),
    },
    learning: {
      completions: n((total as Record<string, unknown>).completions),
      topItems: topItems.map((r) => ({
        collection: String(r.item_collection),
        id: n(r.item_id),
        title: String(r.title),
        completions: n(r.completions),
      })),
      themes: themes.map((r) => ({ id: n(r.id), name: String(r.name), completions: n(r.completions) })),
    },
    quizzes: {
      participants: n((total as Record<string, unknown>).participants),
      participation: summary(total).quizParticipation,
      attempts: summary(total).quizAttempts,
      passRate: summary(total).quizPassRate,
      averageScore: summary(total).quizAverageScore,
      byMonth: Array.from({ length: 12 }, (_, i) => {
        const r = quizMonths.rows.find((x) => n(x.month) === i + 1)
        return {
          month: i + 1,
          attempts: n(r?.attempts),
          passRate: share(n(r?.passed), n(r?.attempts)),
          averageScore: n(r?.attempts) ? round(n(r?.score_sum) / n(r?.attempts)) : 0,
        }
      }),
      hardest: hardest.rows.map((r) => ({
        id: n(r.id),
        stem: String(r.stem),
        answers: n(r.answers),
        wrong: n(r.wrong),
        wrongRate: share(n(r.wrong), n(r.answers)),
      })),
    },
    branches: { rows: branchRows, needsAction: branchRows.filter((b) => b.needsAction).map((b) => b.id) },
  }
}

export type CockpitData = Awaited<ReturnType<typeof cockpitData>>

const PENDING = [
  { state: 'pendingFirst', level: '1', label: '待初审' },
  { state: 'pendingSecond', level: '2', label: '待复审' },
  { state: 'pendingFinal', level: '3', label: '待终审' },
] as const

/** What 内容工作 reads (kept as read, src/cockpit/cache.ts): its figures as of `now` are worked out from it. */
const contentRecords = async (payload: Payload, year: number) => {
  const pool = poolOf(payload)
  // Per kind (src/content/kinds.ts); news also by column.
  const [published, returns] = await Promise.all([publishedByMonth(pool, year), returnsByLevel(pool, year)])
  // Waiting items: the latest version's state (a revision of a live item waits too). In the kinds'
  // order, so that items waiting as long come in the same order every time.
  const perKind = await Promise.all(
    CONTENT_KIND_SLUGS.map(async (collection) => {
      const { docs } = await payload.find({
        collection,
        where: { reviewState: { in: PENDING.map((p) => p.state) } },
        draft: true,
        depth: 0,
        limit: 500,
        overrideAccess: true,
        select: { title: true, reviewState: true },
      })
      if (!docs.length) return []
      const since = await reviewStatesEntered(
        pool,
        collection,
        (docs as unknown as Array<{ id: number }>).map((d) => String(d.id)),
      )
      return (docs as unknown as Array<{ id: number; title?: string; reviewState?: string }>).map((d) => {
        const at = since.find((r) => r.item_id === String(d.id) && r.to_state === d.reviewState)?.at
        return { collection, id: d.id, title: String(d.title ?? ''), state: String(d.reviewState), since: at ? new Date(at) : null }
      })
    }),
  )
  const waiting = perKind.flat()
  return { published, returns, waiting }
}

/**
 * 内容工作 (university level): items published per column and month, items waiting at each review
 * level and for how long, returns per review level. Content is the university's, not a branch's.
 */
export const contentWork = async (payload: Payload, now = new Date(), year = yearOf(now), timing?: Timing) => {
  const {
    published,
    returns,
    waiting: records,
  } = await keptSections(payload, timing)(SECTIONS.content, String(year), () => contentRecords(payload, year))
  const waiting = records.map(({ since, ...w }) => ({
    ...w,
    since: since ? since.toISOString() : null,
    days: since ? round((now.getTime() - since.getTime()) / 86_400_000) : null,
  }))
  return {
    publishedByMonth: published.map((r) => ({
      collection: String(r.collection),
      column: r.k ? String(r.k) : null,
      month: n(r.month),
      items: n(r.n),
    })),
    waiting: PENDING.map((p) => {
      const items = waiting.filter((w) => w.state === p.state).sort((a, b) => (b.days ?? 0) - (a.days ?? 0))
      return {
        state: p.state,
        label: p.label,
        level: p.level,
        count: items.length,
        oldestDays: items[0]?.days ?? null,
        averageDays: items.length ? round(items.reduce((a, w) => a + (w.days ?? 0), 0) / items.length) : null,
        items,
      }
    }),
    returnsByLevel: ['1', '2', '3'].map((level) => ({ level, returns: n(returns.find((r) => r.level === level)?.n) })),
  }
}
