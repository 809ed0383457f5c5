import Link from 'next/link'
import type { Payload, PayloadRequest } from 'payload'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { hasRole } from '../../access/roles'
import { COCKPIT_VIEW_PATH, COCKPIT_VIEW_TITLE } from './paths'

type Props = { payload: Payload; user?: PayloadRequest['user']; params?: { [key: string]: string | string[] | undefined } }

/** In the admin's side nav: 数据驾驶舱, for Party committee staff and branch secretaries only. */
export const CockpitNavLink = ({ payload, user, params }: Props) => {
  if (!hasRole(user, 'partyCommittee', 'branchSecretary')) return null
  const href = formatAdminURL({ adminRoute: payload.config.routes.admin, path: COCKPIT_VIEW_PATH })
  const segments = params?.segments
  const active = Array.isArray(segments) && segments.length === 1 && `/${segments[0]}` === COCKPIT_VIEW_PATH
  return (
    <div style={{ marginTop: 'calc(var(--base) * 0.5)' }}>
      <Link className="nav__link" id="nav-admin-cockpit" href={href} prefetch={false} aria-current={active ? 'page' : undefined}>
        {active ? <div className="nav__link-indicator" /> : null}
        <span className="nav__link-label">{COCKPIT_VIEW_TITLE}</span>
      </Link>
    </div>
  )
}
