'use client'
import { PasswordField } from '@payloadcms/ui'
import type { TextFieldClientComponent } from 'payload'

/**
 * 当前密码, on one's own account page: a masked input with the browser's current-password autofill.
 * Optional in the form (only a password or e-mail change needs it; the server says so then).
 */
export const CurrentPasswordField: TextFieldClientComponent = ({ field, path }) => (
  <PasswordField autoComplete="current-password" field={field} path={path ?? field.name} validate={() => true} />
)
