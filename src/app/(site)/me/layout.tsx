import React from 'react'

import { MeNav } from '../../../site/islands'
import './me.css'

/** 我的: the section tabs above each of its pages. */
export default function MeLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <div className="container me-nav-wrap no-print">
        <MeNav />
      </div>
      {children}
    </>
  )
}
