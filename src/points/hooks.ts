import type { CollectionAfterLoginHook } from 'payload'

import { idOf } from '../access/roles'
import { transactionClient } from '../db/transactionClient'
import { poolOf } from '../db/pool'
import { awardPoints, lockMember, pointRules } from './award'
import { shanghaiDay } from './rules'

/**
 * The daily login point (登录), once per Shanghai day. Written after the login's own transaction
 * (its row locks would block this one, and it is waiting for this hook); never blocks signing in.
 */
export const awardLoginPoints: CollectionAfterLoginHook = ({ user, req }) => {
  setImmediate(() => void awardLogin(req, user))
  return user
}

const awardLogin = async (req: Parameters<CollectionAfterLoginHook>[0]['req'], user: { id: number | string; organization?: unknown }) => {
  const now = new Date()
  const client = await transactionClient(poolOf(req.payload))
  try {
    await client.query('BEGIN')
    await lockMember(client, user.id as number, now)
    await awardPoints(client, await pointRules(req.payload), {
      memberId: user.id as number,
      organizationId: idOf((user as { organization?: unknown }).organization) as number | null,
      rule: 'login',
      eventKey: `login:${shanghaiDay(now)}`,
      at: now,
    })
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    req.payload.logger.warn({ err: error, msg: '登录积分未能记录' })
  } finally {
    client.release()
  }
}
