import Link from 'next/link'
import type { Payload, PayloadRequest } from 'payload'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { importKindsFor } from './access'
import { IMPORT_VIEW_PATH, IMPORT_VIEW_TITLE } from './paths'

type Props = { payload: Payload; user?: PayloadRequest['user']; params?: { [key: string]: string | string[] | undefined } }

/** In the admin's side nav: 批量导入, for those who may import something. */
export const ImportNavLink = ({ payload, user, params }: Props) => {
  if (importKindsFor(user).length === 0) return null
  const href = formatAdminURL({ adminRoute: payload.config.routes.admin, path: IMPORT_VIEW_PATH })
  const segments = params?.segments
  const active = Array.isArray(segments) && segments.length === 1 && `/${segments[0]}` === IMPORT_VIEW_PATH
  return (
    <div style={{ marginTop: 'calc(var(--base) * 0.5)' }}>
      <Link className="nav__link" id="nav-admin-import" href={href} prefetch={false} aria-current={active ? 'page' : undefined}>
        {active ? <div className="nav__link-indicator" /> : null}
        <span className="nav__link-label">{IMPORT_VIEW_TITLE}</span>
      </Link>
    </div>
  )
}
