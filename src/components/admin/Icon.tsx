import React from 'react'

import { PRODUCT_SHORT_NAME } from '../../brand'

/**
 * The small mark in the admin header. It fills whatever box Payload gives it (18 px, 16 px on
 * narrow screens, overflow hidden), like Payload's own icon: a fixed 28 px showed only its top-left half.
 */
export const Icon = () => (
  <svg className="graphic-icon" width="100%" height="100%" viewBox="0 0 44 44" role="img" aria-label={PRODUCT_SHORT_NAME}>
    <title>{PRODUCT_SHORT_NAME}</title>
    <rect width="44" height="44" rx="8" fill="#c8161d" />
    <path d="M22 9l3.4 7 7.6 1.1-5.5 5.3 1.3 7.6L22 26.4 15.2 30l1.3-7.6L11 17.1l7.6-1.1z" fill="#ffd700" />
  </svg>
)
