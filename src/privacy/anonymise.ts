import { randomBytes } from 'crypto'

import type { Queryable } from '../db/transaction'
import {
  anonymiseAccount,
  blankDevelopmentObjections,
  clearDevelopmentNoticeContent,
  clearDevelopmentStepNotes,
  deleteDevelopmentDocumentsOf,
  deleteInterestsOf,
  deleteNotificationsOf,
  deleteRecommendationEventsOf,
  deleteSessionsOf,
  deleteStageHistoryOf,
  renameDeletionRequester,
  renameReviewActor,
} from './queries'

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
  await anonymiseAccount(client, id, {
    name,
    email: `deleted-${id}@invalid.local`,
    hash: randomBytes(32).toString('hex'),
    salt: randomBytes(16).toString('hex'),
  })
  await deleteSessionsOf(client, id)
  await deleteStageHistoryOf(client, id)
  await deleteInterestsOf(client, id)
  await deleteNotificationsOf(client, id)
  await deleteRecommendationEventsOf(client, id)
  await renameReviewActor(client, id, name)
  await renameDeletionRequester(client, id, name)
  // 发展党员: the steps and votes stay (the branch's counts), their free text and the person's documents go.
  await deleteDevelopmentDocumentsOf(client, id)
  await clearDevelopmentStepNotes(client, id)
  await clearDevelopmentNoticeContent(client, id)
  await blankDevelopmentObjections(client, id)
  return name
}
