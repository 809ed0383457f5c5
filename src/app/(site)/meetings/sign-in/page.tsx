import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { SignInButton } from '../../../../site/islands'
import { requireUser } from '../../../../site/auth'
import { param } from '../../../../site/content'
import { PageTitle } from '../../../../site/ui'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export const metadata: Metadata = { title: '会议签到' }

/** Where a scanned sign-in code leads: after login (the code kept in the return address), one tap signs in. */
export default async function SignInPage({ searchParams }: Props) {
  const code = (param(await searchParams, 'c') ?? '').slice(0, 100)
  await requireUser(`/meetings/sign-in?c=${encodeURIComponent(code)}`)
  return (
    <div className="container">
      <PageTitle title="会议签到" lead="确认是本人参加会议后签到。签到只记录时间，不需要拍照或定位。" />
      {code ? (
        <SignInButton code={code} />
      ) : (
        <p className="empty" role="alert">
          没有读到签到码，请重新扫描会场屏幕上的二维码。
        </p>
      )}
      <p className="meta-row">
        <Link href="/meetings">组织生活</Link>
      </p>
    </div>
  )
}
