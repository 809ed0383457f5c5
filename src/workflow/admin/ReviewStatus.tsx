'use client'

import { useDocumentInfo, useFormFields } from '@payloadcms/ui'

import { statusLine, type ReviewState } from '../transitions'

/**
 * The document header's 状态: the review state the sidebar shows, and whether members still read a
 * published version meanwhile (replaces Payload's draft/published status, which says 草稿 throughout
 * the review).
 */
export const ReviewStatus = () => {
  const { hasPublishedDoc, id } = useDocumentInfo()
  const state = (useFormFields(([fields]) => fields.reviewState?.value) as ReviewState | undefined) ?? 'draft'
  if (!id) return null
  const text = statusLine(state, Boolean(hasPublishedDoc))
  return (
    <div className="status review-status" title={`审核状态：${text}`} data-state={state}>
      <div className="status__value-wrap">
        <span className="status__label">审核状态：</span>
        <span className="status__value">{text}</span>
      </div>
    </div>
  )
}
