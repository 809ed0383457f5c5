/**
 * 支部大会表决 on accepting a probationary member (step 15) and on 转正 (step 23), the pure arithmetic
 * (发展党员工作细则 2014, and 支部工作条例 on branch meetings): only full members vote (probationary
 * members do not); the meeting is quorate when more than half of the voting members expected
 * (应到会有表决权的正式党员) are present; the motion passes when more than half of the *expected*
 * voting members are in favour — not of those present —, and the written opinions of voting members
 * who could not attend count in the tally. One candidate at a time.
 *
 * Voters are frozen when the vote opens; ballots are stored apart from who voted (secrecy), so this
 * function sees only counts.
 */
export type VoteChoice = 'for' | 'against' | 'abstain'

export type VoteCount = {
  /** Voting members expected: the branch's full members when the vote opened, less those excused. */
  expected: number
  /** Voting members present at the meeting. */
  present: number
  /** Ballots cast at the meeting. */
  ballots: Record<VoteChoice, number>
  /** Written opinions of voting members who could not attend (书面意见), counted with the ballots. */
  written: Record<VoteChoice, number>
}

export type VoteResult = {
  quorate: boolean
  /** Votes in favour, present and written. */
  inFavour: number
  /** More than half of the expected voting members: the least number in favour that passes. */
  needed: number
  passed: boolean
  /** Why, in words a secretary can act on. */
  reason: string
}

export const tallyVote = (c: VoteCount): VoteResult => {
  const cast = c.ballots.for + c.ballots.against + c.ballots.abstain
  const written = c.written.for + c.written.against + c.written.abstain
  if (c.expected <= 0) throw new Error('应到会有表决权的正式党员人数须大于零')
  if (c.present > c.expected || cast > c.present || c.present + written > c.expected)
    throw new Error('表决人数不一致：实到与书面意见之和不能超过应到，投票不能多于实到')
  const half = Math.floor(c.expected / 2) + 1
  const quorate = c.present >= half
  const inFavour = c.ballots.for + c.written.for
  if (!quorate)
    return {
      quorate,
      inFavour,
      needed: half,
      passed: false,
      reason: `到会有表决权的正式党员 ${c.present} 人，未超过应到 ${c.expected} 人的半数，不能表决`,
    }
  const passed = inFavour >= half
  return {
    quorate,
    inFavour,
    needed: half,
    passed,
    reason: passed
      ? `赞成 ${inFavour} 票（含书面意见 ${c.written.for} 票），超过应到会有表决权的正式党员 ${c.expected} 人的半数，通过`
      : `赞成 ${inFavour} 票，未超过应到会有表决权的正式党员 ${c.expected} 人的半数（至少需要 ${half} 票），未通过`,
  }
}

/** Who votes: the branch's full members on the day the vote opens (probationary members do not), less the candidate. */
export const votersOf = <P extends { id: number; stage: string }>(people: P[], candidate: number) =>
  people.filter((p) => p.stage === 'full' && p.id !== candidate)
