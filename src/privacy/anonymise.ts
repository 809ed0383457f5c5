import { randomBytes } from 'crypto'

import type { Queryable } from '../db/transaction'

/** The name a removed person is shown under, everywhere their records remain for statistics. */
export const anonymisedName = (id: number | string) => `已注销用户${id}`

/**
 * Removes a person's personal data (PIPL art. 47) inside the caller's transaction, keeping the
 * records the statistics are made of:
 *  - the account: name, e-mail, phone, staff number, interests, stage history, sessions, second
 *    factor and password are removed or replaced; the account is disabled. The organisation and
 *    political stage stay (they are what branch and cockpit statistics count), but no longer
 *    belong to anyone identifiable;
 *  - study progress and events, quiz attempts and points stay, linked to the anonymous account, so
 *    hours per branch, pass rates and rollups do not change;
 *  - notifications and recommendation events (behaviour kept only for this person) are deleted;
 *  - name snapshots in review logs and deletion requests are replaced; a development case keeps its
 *    steps and votes, without its documents, notes and the text of objections;
 *  - content versions hold only the account's id, which now names nobody; nothing about people is
 *    in the search index (src/search/documents.ts indexes no authors or reviewers).
 * The audit log keeps its entries: 等保 and 网络安全法 art. 21 require them for at least 180
 * days, and PIPL art. 47 allows keeping what the law requires (SECURITY.md).
 */
export const anonymisePerson = async (client: Queryable, id: number) => {
  const name = anonymisedName(id)
  const run = (text: string, values: unknown[] = [id]) => client.query(text, values)
  await run(
    `UPDATE users SET name = $2, email = $3, phone = NULL, staff_number = NULL,
      active = false, must_set_password = false, totp_enabled = false, totp_secret = NULL, anonymised_at = now(),
      hash = $4, salt = $5, reset_password_token = NULL, reset_password_expiration = NULL,
      pending_email = NULL, pending_email_token_hash = NULL, pending_email_expires_at = NULL,
      login_attempts = 0, lock_until = NULL, updated_at = now()
     WHERE id = $1`,
    [id, name, `deleted-${id}@invalid.local`, randomBytes(32).toString('hex'), randomBytes(16).toString('hex')],
  )
  await run(`DELETE FROM users_sessions WHERE _parent_id = $1`)
  await run(`DELETE FROM users_stage_history WHERE _parent_id = $1`)
  await run(`DELETE FROM users_rels WHERE parent_id = $1 AND path = 'interests'`)
  await run(`DELETE FROM notifications WHERE recipient_id = $1`)
  await run(`DELETE FROM recommendation_events WHERE member_id = $1`)
  await run(`UPDATE review_logs SET actor_name = $2 WHERE actor_id = $1`, [id, name])
  await run(`UPDATE deletion_requests SET member_name = $2 WHERE member_id = $1`, [id, name])
  // 发展党员: the steps and votes stay (the branch's counts), their free text and the person's documents go.
  await run(`DELETE FROM development_documents WHERE person_id = $1 OR uploaded_by_id = $1`)
  await run(`UPDATE development_steps SET notes = NULL WHERE person_id = $1`)
  await run(`UPDATE development_notices SET content = NULL WHERE person_id = $1`)
  await run(
    `UPDATE development_notices_objections o SET text = '（已删除）' FROM development_notices n WHERE o._parent_id = n.id AND n.person_id = $1`,
  )
  return name
}
