import React from 'react'

import { getSiteUser } from './auth'
import { previewingDrafts } from './preview'

/** Above the page while content staff preview drafts: what they see is not what members see yet. */
export async function PreviewBanner() {
  if (!(await previewingDrafts(await getSiteUser()))) return null
  return (
    <div className="preview-banner" role="status" data-testid="preview-banner">
      <strong>预览模式</strong>：正在以学员的页面查看最新草稿（含审核中的修订），学员在发布前看不到这些内容。{' '}
      <a href="/preview/exit">退出预览</a>
    </div>
  )
}
