import type { Payload, PayloadRequest } from 'payload'

import { nullUnlessUnavailable } from '../db/unavailable'
import { PARTY_MEMBER_STAGES } from '../people/stages'
import { poolOf } from '../study/service'
import { QuizError } from './attempts'

export type Standing = { organizationId: number; name: string; participants: number; members: number; participationRate: number; averageScore: number }

/**
 * A competition's standings by branch and by college: average of each participant's best score
 * and the share of the branch's people who took part — never a public ranking of individuals.
 */
export const leaderboard = async (payload: Payload, user: NonNullable<PayloadRequest['user']>, quizId: number) => {
  const quiz = await payload.findByID({ collection: 'quizzes', id: quizId, depth: 0, overrideAccess: false, user }).catch(nullUnlessUnavailable)
  if (!quiz) throw new QuizError(404, '找不到该测验，或它不面向您')
  if (quiz.mode !== 'competition') throw new QuizError(400, '只有知识竞赛有排行榜')
  const { rows } = await poolOf(payload).query<{ branch_id: number; branch: string; college_id: number | null; college: string | null; participants: number; members: number; avg: string | null }>(
    `WITH best AS (
       SELECT member_id, max(score) AS score FROM quiz_attempts WHERE quiz_id = $1 AND status = 'submitted' GROUP BY member_id
     ), people AS (
       SELECT u.id, u.organization_id FROM users u WHERE u.active IS NOT FALSE AND u.political_stage::text = ANY($2::text[]) AND u.organization_id IS NOT NULL
     )
     SELECT o.id AS branch_id, o.name AS branch, c.id AS college_id, c.name AS college,
            count(b.member_id)::int AS participants, count(p.id)::int AS members, avg(b.score) AS avg
       FROM organizations o
       LEFT JOIN organizations c ON c.id = o.parent_id
       JOIN people p ON p.organization_id = o.id
       LEFT JOIN best b ON b.member_id = p.id
      WHERE o.type = 'branch'
      GROUP BY o.id, o.name, c.id, c.name`,
    [quizId, PARTY_MEMBER_STAGES],
  )
  const round = (n: number) => Math.round(n * 10) / 10
  const branches: Standing[] = rows.map((r) => ({
    organizationId: r.branch_id,
    name: r.branch,
    participants: r.participants,
    members: r.members,
    participationRate: r.members ? round((100 * r.participants) / r.members) : 0,
    averageScore: r.avg === null ? 0 : round(Number(r.avg)),
  }))
  const colleges = new Map<number, Standing & { scoreSum: number }>()
  for (const r of rows) {
    if (r.college_id === null) continue
    const c = colleges.get(r.college_id) ?? { organizationId: r.college_id, name: r.college ?? '', participants: 0, members: 0, participationRate: 0, averageScore: 0, scoreSum: 0 }
    c.participants += r.participants
    c.members += r.members
    c.scoreSum += r.avg === null ? 0 : Number(r.avg) * r.participants
    colleges.set(r.college_id, c)
  }
  const byScore = (a: Standing, b: Standing) => b.averageScore - a.averageScore || b.participationRate - a.participationRate
  return {
    quizId,
    title: quiz.title,
    branches: branches.sort(byScore),
    colleges: [...colleges.values()]
      .map(({ scoreSum, ...c }) => ({ ...c, participationRate: c.members ? round((100 * c.participants) / c.members) : 0, averageScore: c.participants ? round(scoreSum / c.participants) : 0 }))
      .sort(byScore),
  }
}
