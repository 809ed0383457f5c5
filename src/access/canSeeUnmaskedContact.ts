import type { PayloadRequest } from 'payload'

import { hasRole, idOf } from './roles'

/**
 * Phone and staff numbers are shown in full only to the person, their branch secretary and
 * sysAdmin (PIPL: minimum necessary); everyone else sees them masked.
 */
export const canSeeUnmaskedContact = (
  user: PayloadRequest['user'] | null | undefined,
  person: { id?: unknown; organization?: unknown } | undefined,
): boolean => {
  if (!user || !person) return false
  if (String(person.id) === String(user.id)) return true
  if (hasRole(user, 'sysAdmin')) return true
  if (hasRole(user, 'branchSecretary')) {
    const mine = idOf((user as { organization?: unknown }).organization)
    const theirs = idOf(person.organization)
    return mine !== null && theirs !== null && String(mine) === String(theirs)
  }
  return false
}
