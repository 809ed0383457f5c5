import { createHash, randomUUID } from 'crypto'
import { SignJWT } from 'jose'
import type pg from 'pg'
import { JWT_AUTH_VERSION } from 'payload'

/**
 * Signed-in sessions for bench members without a password login each: a session row per member
 * (as Payload's login writes it) and a token signed as Payload signs it (payload/dist/auth/jwt.js:
 * HS256 with the SHA-256 of PAYLOAD_SECRET, first 32 hex characters, and its auth version). Benches
 * measure what members do once signed in; thousands of logins from one address would take minutes
 * and meet the login rate limit, which is right for logins and not what they measure.
 */
export const signInDirectly = async (
  db: pg.Pool,
  secret: string,
  members: Array<{ id: number; email: string }>,
  hours = 2,
): Promise<string[]> => {
  const sids = members.map(() => randomUUID())
  await db.query(
    `INSERT INTO users_sessions (_order, _parent_id, id, created_at, expires_at)
     SELECT 1, u, s, now(), now() + make_interval(hours => $3) FROM unnest($1::int[], $2::text[]) AS x(u, s)`,
    [members.map((m) => m.id), sids, hours],
  )
  const key = new TextEncoder().encode(createHash('sha256').update(secret).digest('hex').slice(0, 32))
  const issued = Math.floor(Date.now() / 1000)
  return Promise.all(
    members.map((m, i) =>
      new SignJWT({ id: m.id, collection: 'users', email: m.email, sid: sids[i] })
        .setProtectedHeader({ alg: 'HS256', authVersion: JWT_AUTH_VERSION, typ: 'JWT' })
        .setIssuedAt(issued)
        .setExpirationTime(issued + hours * 3600)
        .sign(key),
    ),
  )
}
