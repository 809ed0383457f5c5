'use client'

import React from 'react'

/** Opens the browser's print dialog (print CSS hides the site chrome). */
export function PrintButton({ label = '打印证书' }: { label?: string }) {
  return (
    <button type="button" className="button no-print" onClick={() => window.print()}>
      {label}
    </button>
  )
}
