/**
 * Competition standings (知识竞赛 by branch and by college), pure: never a ranking of people, and no
 * group's score published when fewer than the configured number of people took part (平台设置, 5 by
 * default) — a branch of one would otherwise show that person's score. A college's score is also
 * withheld when it would give away its withheld branches' scores by subtraction (the college total
 * minus its published branches): their participants together must be none or at least the threshold.
 */

/** One branch as read from the database: its college, participants, members and the sum of their best scores. */
export type BranchFigures = {
  branchId: number
  branch: string
  collegeId: number | null
  college: string | null
  participants: number
  members: number
  scoreSum: number
}

export type Standing = {
  organizationId: number
  name: string
  participants: number
  members: number
  participationRate: number
  /** Null when the score is not published (see `note`). */
  averageScore: number | null
  /** 名次 among the published groups; null for a group whose score is withheld. */
  rank: number | null
  note: string | null
}

export const DEFAULT_STANDINGS_MIN_PARTICIPANTS = 5
export const tooFewNote = (threshold: number) => `参与人数不足${threshold}人，不公布成绩`
export const DISCLOSURE_NOTE = '为保护所属支部的个人成绩，暂不公布'

const round = (n: number) => Math.round(n * 10) / 10
const rate = (participants: number, members: number) => (members ? round((100 * participants) / members) : 0)

/** Published groups first, by average score then participation; withheld groups after, by name. */
const ranked = (rows: Array<Omit<Standing, 'rank'>>): Standing[] => {
  const shown = rows
    .filter((r) => r.averageScore !== null)
    .sort((a, b) => b.averageScore! - a.averageScore! || b.participationRate - a.participationRate)
  const hidden = rows.filter((r) => r.averageScore === null).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  return [...shown.map((r, i) => ({ ...r, rank: i + 1 })), ...hidden.map((r) => ({ ...r, rank: null }))]
}

export const standings = (
  rows: BranchFigures[],
  threshold = DEFAULT_STANDINGS_MIN_PARTICIPANTS,
): { branches: Standing[]; colleges: Standing[] } => {
  const min = Math.max(1, Math.floor(threshold))
  const enough = (participants: number) => participants >= min
  const branches = rows.map((r) => ({
    organizationId: r.branchId,
    name: r.branch,
    participants: r.participants,
    members: r.members,
    participationRate: rate(r.participants, r.members),
    averageScore: enough(r.participants) ? round(r.scoreSum / r.participants) : null,
    note: r.participants === 0 ? null : enough(r.participants) ? null : tooFewNote(min),
  }))
  const colleges = new Map<
    number,
    { name: string; participants: number; members: number; scoreSum: number; withheldParticipants: number }
  >()
  for (const r of rows) {
    if (r.collegeId === null) continue
    const c = colleges.get(r.collegeId) ?? { name: r.college ?? '', participants: 0, members: 0, scoreSum: 0, withheldParticipants: 0 }
    c.participants += r.participants
    c.members += r.members
    c.scoreSum += r.scoreSum
    if (!enough(r.participants)) c.withheldParticipants += r.participants
    colleges.set(r.collegeId, c)
  }
  const collegeRows = [...colleges.entries()].map(([id, c]) => {
    const tooFew = !enough(c.participants)
    const wouldDisclose = !tooFew && c.withheldParticipants > 0 && !enough(c.withheldParticipants)
    return {
      organizationId: id,
      name: c.name,
      participants: c.participants,
      members: c.members,
      participationRate: rate(c.participants, c.members),
      averageScore: tooFew || wouldDisclose ? null : round(c.scoreSum / c.participants),
      note: c.participants === 0 ? null : tooFew ? tooFewNote(min) : wouldDisclose ? DISCLOSURE_NOTE : null,
    }
  })
  return { branches: ranked(branches), colleges: ranked(collegeRows) }
}
