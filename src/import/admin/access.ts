import type { PayloadRequest } from 'payload'

import { IMPORTERS } from '../service'
import { IMPORT_KINDS, type ImportKind } from '../columns'

/** The kinds this user may import (none: the view and its link are not theirs). */
export const importKindsFor = (user: PayloadRequest['user'] | undefined): ImportKind[] =>
  IMPORT_KINDS.filter((k) => IMPORTERS[k].allowed(user ?? null))
