import type { Role } from '../access/roles'
import type { Queryable } from '../db/transaction'

/**
 * Every SQL statement of 账号与登录 (src/auth), each a typed function on what it runs on: a
 * transaction (`tx` from `transact`), the request's transaction or the pool (`inRequest(req)`), or
 * the pool (`poolOf(payload)`) — the caller chooses, as it did when the SQL was written inline.
 * PostgreSQL's numeric and bigint values (strings to node-postgres) come back as numbers.
 */

// ---------------------------------------------------------------- administrator roles

/** Serialises changes to the holders of the three administrator roles until the transaction ends. */
export const lockAdminRoleHolders = async (db: Queryable): Promise<void> => {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('users:admin-role-holders'))`)
}

/** The ids of the active, not anonymised accounts holding the role. */
export const activeHoldersOf = async (db: Queryable, role: Role): Promise<number[]> =>
  (
    await db.query<{ id: number }>(
      `SELECT u.id FROM users u JOIN users_roles r ON r.parent_id = u.id
          WHERE r.value = $1 AND u.active IS NOT FALSE AND u.anonymised_at IS NULL`,
      [role],
    )
  ).rows.map((r) => Number(r.id))

// ---------------------------------------------------------------- e-mail change and password

/** Stores a requested e-mail as pending, with its link's SHA-256 and expiry (ISO time). */
export const setPendingEmail = async (
  db: Queryable,
  user: number,
  pending: { email: string; tokenHash: string; expiresAt: string },
): Promise<void> => {
  await db.query(`UPDATE users SET pending_email = $1, pending_email_token_hash = $2, pending_email_expires_at = $3 WHERE id = $4`, [
    pending.email,
    pending.tokenHash,
    pending.expiresAt,
    user,
  ])
}

/** Clears the account's pending e-mail change (if any). */
export const clearPendingEmail = async (db: Queryable, user: number): Promise<void> => {
  await db.query(`UPDATE users SET pending_email = NULL, pending_email_token_hash = NULL, pending_email_expires_at = NULL WHERE id = $1`, [
    user,
  ])
}

/** Withdraws the account's pending e-mail change; false when it had none. */
export const cancelPendingEmail = async (db: Queryable, user: number): Promise<boolean> =>
  (
    await db.query(
      `UPDATE users SET pending_email = NULL, pending_email_token_hash = NULL, pending_email_expires_at = NULL
            WHERE id = $1 AND pending_email IS NOT NULL RETURNING id`,
      [user],
    )
  ).rows.length > 0

export type PendingEmailRow = { id: number; name: string; email: string; pending_email: string }
/** The active account whose unexpired pending e-mail has this link hash, locked (FOR UPDATE); undefined when none. */
export const pendingEmailByToken = async (db: Queryable, tokenHash: string): Promise<PendingEmailRow | undefined> =>
  (
    await db.query<PendingEmailRow>(
      `SELECT id, name, email, pending_email FROM users
          WHERE pending_email_token_hash = $1 AND pending_email_expires_at > now() AND active IS NOT FALSE FOR UPDATE`,
      [tokenHash],
    )
  ).rows[0]

/** Whether another account than `user` has this e-mail. */
export const emailTakenByOther = async (db: Queryable, email: string, user: number): Promise<boolean> =>
  Boolean((await db.query('SELECT 1 FROM users WHERE email = $1 AND id <> $2', [email, user])).rowCount)

/** Makes the account's pending e-mail its login e-mail. */
export const applyPendingEmail = async (db: Queryable, user: number): Promise<void> => {
  await db.query(
    `UPDATE users SET email = pending_email, pending_email = NULL, pending_email_token_hash = NULL, pending_email_expires_at = NULL, updated_at = now() WHERE id = $1`,
    [user],
  )
}

/** The account's stored password hash (null when it has none), or undefined when there is no such account. */
export const passwordHashOf = async (db: Queryable, user: number): Promise<{ hash: string | null } | undefined> =>
  (await db.query<{ hash: string | null }>(`SELECT hash FROM users WHERE id = $1`, [user])).rows[0]

// ---------------------------------------------------------------- second factor (TOTP)

/** Claims a TOTP time step for the account: false when it (or a later one) was used already. */
export const claimTotpStep = async (db: Queryable, user: number, step: number): Promise<boolean> =>
  (
    await db.query(
      `INSERT INTO totp_used_steps (user_id, step) VALUES ($1, $2)
        ON CONFLICT (user_id) DO UPDATE SET step = EXCLUDED.step, used_at = now() WHERE totp_used_steps.step < EXCLUDED.step
        RETURNING step`,
      [user, step],
    )
  ).rows.length > 0

/** The last TOTP time step the account used, or null when none. */
export const lastTotpStep = async (db: Queryable, user: number): Promise<number | null> => {
  const row = (await db.query<{ step: string }>(`SELECT step FROM totp_used_steps WHERE user_id = $1`, [user])).rows[0]
  return row ? Number(row.step) : null
}

/** Binds the second factor: the secret as stored (encrypted). */
export const enableTotp = async (db: Queryable, user: number, encryptedSecret: string): Promise<void> => {
  await db.query(`UPDATE users SET totp_enabled = true, totp_secret = $1 WHERE id = $2`, [encryptedSecret, user])
}

/** Removes the account's second factor. */
export const disableTotp = async (db: Queryable, user: number): Promise<void> => {
  await db.query(`UPDATE users SET totp_enabled = false, totp_secret = NULL WHERE id = $1`, [user])
}

// ---------------------------------------------------------------- sessions and rate limits

/** Deletes every session of the account; how many there were. */
export const deleteAllSessions = async (db: Queryable, user: number): Promise<number> =>
  (await db.query(`DELETE FROM users_sessions WHERE _parent_id = $1 RETURNING id`, [user])).rows.length

/** Deletes the account's sessions beyond the `keep` newest; the ids of those deleted. */
export const deleteSessionsBeyond = async (db: Queryable, user: number, keep: number): Promise<string[]> =>
  (
    await db.query<{ id: string }>(
      `DELETE FROM users_sessions WHERE _parent_id = $1 AND id IN (
          SELECT id FROM users_sessions WHERE _parent_id = $1 ORDER BY created_at DESC NULLS LAST, _order DESC OFFSET $2
        ) RETURNING id`,
      [user, keep],
    )
  ).rows.map((r) => String(r.id))

/** Forgets every rate-limit counter kept in PostgreSQL (the table is RATE_LIMIT_TABLE, src/auth/rateLimit.ts). */
export const clearRateLimits = async (db: Queryable): Promise<void> => {
  await db.query(`DELETE FROM rate_limits`)
}
