import type { CollectionAfterLoginHook } from 'payload'

import { idOf } from '../access/roles'
import { transact } from '../db/transaction'
import { awardPoints, lockMember, pointRules } from './award'
import { shanghaiDay } from '../dates'

/**
 * The daily login point (登录), once per Shanghai day, written in the login's own transaction
 * (Payload's login opens one before its afterLogin hooks and commits it after them), so it holds
 * no second connection and waits on no lock of the login's. In a savepoint: a failure here undoes
 * only the point and never blocks signing in.
 */
export const awardLoginPoints: CollectionAfterLoginHook = async ({ user, req }) => {
  const now = new Date()
  try {
    await transact(
      req,
      async (tx) => {
        await lockMember(tx, user.id as number, now)
        await awardPoints(tx, await pointRules(req.payload, tx.req), {
          memberId: user.id as number,
          organizationId: idOf((user as { organization?: unknown }).organization) as number | null,
          rule: 'login',
          eventKey: `login:${shanghaiDay(now)}`,
          at: now,
        })
      },
      { savepoint: true },
    )
  } catch (error) {
    req.payload.logger.warn({ err: error, msg: '登录积分未能记录' })
  }
  return user
}
