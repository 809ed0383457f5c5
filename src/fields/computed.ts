import type { Field } from 'payload'

import { nobodyField } from '../access/nobody'

/**
 * A value the server derives (counts, states): read-only in the admin and never writable through
 * the API. Server code writes it with overrideAccess.
 */
export const computed = <F extends Field & { admin?: Record<string, unknown> }>(field: F): F => ({
  ...field,
  access: { ...(('access' in field && field.access) || {}), create: nobodyField, update: nobodyField },
  admin: { ...(field.admin ?? {}), readOnly: true },
})
