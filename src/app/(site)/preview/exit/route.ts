import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'

import { safeNextPath } from '../../../../site/auth'

/** GET /preview/exit?next=/news/12 — back to what members see (the published versions). */
export async function GET(request: Request) {
  ;(await draftMode()).disable()
  redirect(safeNextPath(new URL(request.url).searchParams.get('next') ?? '/'))
}
