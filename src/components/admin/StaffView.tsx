import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter, SetStepNav } from '@payloadcms/ui'
import { redirect } from 'next/navigation'
import type { AdminViewServerProps } from 'payload'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

/**
 * The frame of a custom admin view for some staff roles. Payload does not guard custom views:
 * signed-out visitors go to the login, people without admin access are refused, and staff without
 * the view's role read `refusal` instead of the content.
 */
export async function StaffView({
  initPageResult,
  searchParams,
  params,
  path,
  title,
  className,
  allowed,
  refusal,
  children,
}: Pick<AdminViewServerProps, 'initPageResult' | 'searchParams' | 'params'> & {
  path: `/${string}`
  title: string
  className: string
  allowed: boolean
  refusal: string
  children: React.ReactNode
}) {
  const { req, permissions, locale, visibleEntities } = initPageResult
  const { payload, user } = req
  const adminRoute = payload.config.routes.admin
  const here = formatAdminURL({ adminRoute, path })
  if (!user) redirect(`${formatAdminURL({ adminRoute, path: '/login' })}?redirect=${encodeURIComponent(here)}`)
  if (!permissions?.canAccessAdmin) redirect(formatAdminURL({ adminRoute, path: '/unauthorized' }))
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={payload}
      permissions={permissions}
      req={req}
      searchParams={searchParams}
      user={user ?? undefined}
      visibleEntities={visibleEntities}
    >
      <SetStepNav nav={[{ label: title }]} />
      <Gutter className={className}>
        <h1 style={{ margin: '24px 0 8px' }}>{title}</h1>
        {allowed ? children : <p role="alert">{refusal}</p>}
      </Gutter>
    </DefaultTemplate>
  )
}
