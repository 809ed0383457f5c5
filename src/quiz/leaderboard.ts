import type { Payload, PayloadRequest } from 'payload'

import { nullUnlessUnavailable } from '../db/unavailable'
import { PARTY_MEMBER_STAGES } from '../people/stages'
import { poolOf } from '../db/pool'
import { QuizError } from './attempts'
import { competitionFigures } from './queries'
import { DEFAULT_STANDINGS_MIN_PARTICIPANTS, standings, type BranchFigures } from './standings'

export type { Standing } from './standings'

/** The smallest group whose score is published (平台设置 → 竞赛排行最少参与人数), read at every call. */
export const standingsThreshold = async (payload: Payload): Promise<number> => {
  const settings = (await payload.findGlobal({ slug: 'platform-settings', depth: 0, overrideAccess: true }).catch(() => null)) as {
    standingsMinParticipants?: number | null
  } | null
  return Number(settings?.standingsMinParticipants ?? DEFAULT_STANDINGS_MIN_PARTICIPANTS) || DEFAULT_STANDINGS_MIN_PARTICIPANTS
}

/**
 * A competition's standings by branch and by college: average of each participant's best score
 * and the share of the branch's people who took part — never a ranking of individuals, and no score
 * for a group with fewer participants than 平台设置 allows (standings.ts).
 */
export const leaderboard = async (payload: Payload, user: NonNullable<PayloadRequest['user']>, quizId: number) => {
  const quiz = await payload
    .findByID({ collection: 'quizzes', id: quizId, depth: 0, overrideAccess: false, user })
    .catch(nullUnlessUnavailable)
  if (!quiz) throw new QuizError(404, '找不到该测验，或它不面向您')
  if (quiz.mode !== 'competition') throw new QuizError(400, '只有知识竞赛有排行榜')
  const rows = await competitionFigures(poolOf(payload), quizId, PARTY_MEMBER_STAGES)
  const figures: BranchFigures[] = rows.map((r) => ({
    branchId: r.branch_id,
    branch: r.branch,
    collegeId: r.college_id,
    college: r.college,
    participants: r.participants,
    members: r.members,
    scoreSum: r.score_sum === null ? 0 : Number(r.score_sum),
  }))
  const threshold = await standingsThreshold(payload)
  return { quizId, title: quiz.title, minParticipants: threshold, ...standings(figures, threshold) }
}
