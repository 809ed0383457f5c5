import type { Queryable } from '../db/transaction'

/**
 * Every SQL statement of 个人信息保护 (src/privacy), each a typed function on what it runs on: a
 * transaction (`tx` from `transact`), the request's transaction or the pool (`inRequest(req)`), or
 * the pool (`poolOf(payload)`) — the caller chooses, as it did when the SQL was written inline.
 */

// ---------------------------------------------------------------- deletion requests

export type DeletionRequestRow = { member_id: number; status: string }
/** The deletion request's member and status, locked (FOR UPDATE); undefined when there is no such request. */
export const lockDeletionRequest = async (db: Queryable, id: number): Promise<DeletionRequestRow | undefined> =>
  (await db.query<DeletionRequestRow>('SELECT member_id, status FROM deletion_requests WHERE id = $1 FOR UPDATE', [id])).rows[0]

/** The three administrator roles (sysAdmin, securityAdmin, auditor) the person holds. */
export const adminRolesOf = async (db: Queryable, member: number): Promise<string[]> =>
  (
    await db.query<{ value: string }>(
      `SELECT value FROM users_roles WHERE parent_id = $1 AND value IN ('sysAdmin', 'securityAdmin', 'auditor')`,
      [member],
    )
  ).rows.map((r) => r.value)

/** Marks the deletion request completed, with the decision's note and who decided. */
export const completeDeletionRequest = async (
  db: Queryable,
  id: number,
  decision: { note: string | null; decidedBy: number | string },
): Promise<void> => {
  await db.query(
    `UPDATE deletion_requests SET status = 'completed', decision_note = $2, decided_by_id = $3, decided_at = now(), updated_at = now() WHERE id = $1`,
    [id, decision.note, decision.decidedBy],
  )
}

export type AnonymiseAuditEntry = {
  documentId: string
  summary: string
  actorId: number | string
  actorName: string
  ip: string | null
  userAgent: string | null
}
/** The audit log's entry of an anonymisation (a success on users), in the caller's transaction. */
export const insertAnonymiseAudit = async (db: Queryable, entry: AnonymiseAuditEntry): Promise<void> => {
  await db.query(
    `INSERT INTO audit_logs (action, result, target_collection, document_id, summary, actor_id, actor_name, ip, user_agent, created_at, updated_at)
             VALUES ('anonymise', 'success', 'users', $1, $2, $3, $4, $5, $6, now(), now())`,
    [entry.documentId, entry.summary, entry.actorId, entry.actorName, entry.ip, entry.userAgent],
  )
}

// ---------------------------------------------------------------- anonymisation (src/privacy/anonymise.ts)

/** A statement on one person's rows, $1 their id. */
const onPerson =
  (text: string) =>
  async (db: Queryable, id: number): Promise<void> => {
    await db.query(text, [id])
  }

export type AnonymousAccount = { name: string; email: string; hash: string; salt: string }
/** Replaces the account's personal data with the anonymous name and e-mail and a random password; disables it. */
export const anonymiseAccount = async (db: Queryable, id: number, account: AnonymousAccount): Promise<void> => {
  await db.query(
    `UPDATE users SET name = $2, email = $3, phone = NULL, staff_number = NULL,
      active = false, must_set_password = false, totp_enabled = false, totp_secret = NULL, anonymised_at = now(),
      hash = $4, salt = $5, reset_password_token = NULL, reset_password_expiration = NULL,
      pending_email = NULL, pending_email_token_hash = NULL, pending_email_expires_at = NULL,
      login_attempts = 0, lock_until = NULL, updated_at = now()
     WHERE id = $1`,
    [id, account.name, account.email, account.hash, account.salt],
  )
}

/** Deletes the person's sessions. */
export const deleteSessionsOf = onPerson(`DELETE FROM users_sessions WHERE _parent_id = $1`)

/** Deletes the person's stage history. */
export const deleteStageHistoryOf = onPerson(`DELETE FROM users_stage_history WHERE _parent_id = $1`)

/** Deletes the person's interests. */
export const deleteInterestsOf = onPerson(`DELETE FROM users_rels WHERE parent_id = $1 AND path = 'interests'`)

/** Deletes the person's notifications. */
export const deleteNotificationsOf = onPerson(`DELETE FROM notifications WHERE recipient_id = $1`)

/** Deletes the person's recommendation events. */
export const deleteRecommendationEventsOf = onPerson(`DELETE FROM recommendation_events WHERE member_id = $1`)

/** Replaces the person's name in the review logs they wrote. */
export const renameReviewActor = async (db: Queryable, id: number, name: string): Promise<void> => {
  await db.query(`UPDATE review_logs SET actor_name = $2 WHERE actor_id = $1`, [id, name])
}

/** Replaces the person's name in their deletion requests. */
export const renameDeletionRequester = async (db: Queryable, id: number, name: string): Promise<void> => {
  await db.query(`UPDATE deletion_requests SET member_name = $2 WHERE member_id = $1`, [id, name])
}

/** Deletes the development documents about the person or uploaded by them. */
export const deleteDevelopmentDocumentsOf = onPerson(`DELETE FROM development_documents WHERE person_id = $1 OR uploaded_by_id = $1`)

/** Clears the notes of the person's development steps. */
export const clearDevelopmentStepNotes = onPerson(`UPDATE development_steps SET notes = NULL WHERE person_id = $1`)

/** Clears the text of the person's development notices. */
export const clearDevelopmentNoticeContent = onPerson(`UPDATE development_notices SET content = NULL WHERE person_id = $1`)

/** Replaces the text of the objections to the person's development notices. */
export const blankDevelopmentObjections = onPerson(
  `UPDATE development_notices_objections o SET text = '（已删除）' FROM development_notices n WHERE o._parent_id = n.id AND n.person_id = $1`,
)
