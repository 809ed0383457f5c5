import React from 'react'

import { signOnSettings } from '../settings'

/** Under the admin's password form: 统一身份认证登录, when the campus provider is configured. */
export const SignOnLink: React.FC = () => {
  const settings = signOnSettings()
  const method = settings.oidc ? 'oidc' : settings.cas ? 'cas' : null
  if (!method) return null
  return (
    <div style={{ marginTop: 'var(--base)', textAlign: 'center' }}>
      <a
        className="btn btn--style-secondary btn--size-medium"
        data-testid="admin-signon"
        href={`/api/users/signon/${method}?next=${encodeURIComponent('/admin')}`}
        style={{ width: '100%' }}
      >
        统一身份认证登录
      </a>
    </div>
  )
}
