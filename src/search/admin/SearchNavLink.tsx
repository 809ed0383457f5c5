import Link from 'next/link'
import type { Payload, PayloadRequest } from 'payload'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { CONTENT_STAFF } from '../../access/readPublishedContent'
import { hasRole } from '../../access/roles'
import { SEARCH_VIEW_PATH, SEARCH_VIEW_TITLE } from './paths'

type Props = { payload: Payload; user?: PayloadRequest['user']; params?: { [key: string]: string | string[] | undefined } }

/** In the admin's side nav, after the collections: 全文搜索, for content staff only. */
export const SearchNavLink = ({ payload, user, params }: Props) => {
  if (!hasRole(user, ...CONTENT_STAFF)) return null
  const href = formatAdminURL({ adminRoute: payload.config.routes.admin, path: SEARCH_VIEW_PATH })
  const segments = params?.segments
  const active = Array.isArray(segments) && segments.length === 1 && `/${segments[0]}` === SEARCH_VIEW_PATH
  return (
    <div style={{ marginTop: 'calc(var(--base) * 0.5)' }}>
      <Link className="nav__link" id="nav-admin-search" href={href} prefetch={false} aria-current={active ? 'page' : undefined}>
        {active ? <div className="nav__link-indicator" /> : null}
        <span className="nav__link-label">{SEARCH_VIEW_TITLE}</span>
      </Link>
    </div>
  )
}
