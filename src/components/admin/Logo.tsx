import React from 'react'

import { PRODUCT_NAME } from '../../brand'

/** The login-screen logo: the product's own name in place of Payload's wordmark. */
export const Logo = () => (
  <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
    <svg width="44" height="44" viewBox="0 0 44 44" aria-hidden="true">
      <rect width="44" height="44" rx="8" fill="#c8161d" />
      <path d="M22 9l3.4 7 7.6 1.1-5.5 5.3 1.3 7.6L22 26.4 15.2 30l1.3-7.6L11 17.1l7.6-1.1z" fill="#ffd700" />
    </svg>
    <span style={{ fontSize: 26, fontWeight: 700, color: 'var(--theme-text)', letterSpacing: 2 }}>{PRODUCT_NAME}</span>
  </div>
)
