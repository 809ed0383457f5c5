import type { CollectionConfig } from 'payload'

import { nobody } from '../src/access/nobody'

/**
 * 统一身份认证会话: which platform session a campus sign-on opened, so that the campus can end it (CAS
 * single logout names the service ticket it issued, an OIDC back-channel logout the provider's
 * session or subject). Written and read only by src/signon.
 */
export const SignOnSessions: CollectionConfig = {
  slug: 'signon-sessions',
  labels: { singular: { zh: '统一身份认证会话', en: 'Sign-on session' }, plural: { zh: '统一身份认证会话', en: 'Sign-on sessions' } },
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  fields: [
    // Not required: removing a person sets it null (the row then ends nothing and is pruned).
    { name: 'user', type: 'relationship', relationTo: 'users', index: true },
    { name: 'sid', type: 'text', required: true, index: true },
    {
      name: 'method',
      type: 'select',
      required: true,
      options: [
        { value: 'oidc', label: 'OIDC' },
        { value: 'cas', label: 'CAS' },
      ],
    },
    // The CAS service ticket (ST-…) the session was opened with; a logoutRequest names it.
    { name: 'ticket', type: 'text', unique: true },
    // OIDC: the provider's subject and its session id (`sid` in the ID token); a back-channel logout
    // token names one or both.
    { name: 'subject', type: 'text', index: true },
    { name: 'providerSession', type: 'text', index: true },
  ],
}
