import type { Field, FieldAccess } from 'payload'

import { CONTENT_STAFF } from '../access/readPublishedContent'
import { hasRole } from '../access/roles'
import { REVIEW_STATE_LABELS, REVIEW_STATES } from './transitions'

/** Who wrote it, what reviewers said and who approved: for staff, not for members or visitors. */
const staffOnly: FieldAccess = ({ req: { user } }) => hasRole(user, ...CONTENT_STAFF)

/**
 * The fields every reviewed collection carries. They are written only by the review service
 * (src/workflow/review.ts); src/workflow/hooks.ts refuses any other write with a 403.
 */
export const reviewFields = (): Field[] => [
  {
    name: 'reviewState',
    type: 'select',
    required: true,
    defaultValue: 'draft',
    index: true,
    options: REVIEW_STATES.map((value) => ({ value, label: REVIEW_STATE_LABELS[value] })),
    label: { zh: '审核状态', en: 'Review state' },
    admin: { position: 'sidebar', readOnly: true },
  },
  {
    name: 'reviewNote',
    type: 'textarea',
    label: { zh: '审核意见', en: 'Reviewer’s note' },
    access: { read: staffOnly },
    admin: {
      position: 'sidebar',
      readOnly: true,
      condition: (data) => Boolean(data?.reviewNote),
      description: { zh: '最近一次退回或下线的理由', en: 'Reason of the latest return or withdrawal' },
    },
  },
  {
    name: 'reviewHistory',
    type: 'ui',
    label: { zh: '审核记录', en: 'Review history' },
    admin: { position: 'sidebar', components: { Field: '/src/workflow/admin/ReviewHistory#ReviewHistory' } },
  },
  {
    name: 'createdBy',
    type: 'relationship',
    relationTo: 'users',
    index: true,
    label: { zh: '撰稿人', en: 'Author' },
    access: { read: staffOnly },
    // By name: the default picker asks the users API, which content staff may not read ("无标题 - ID: 4").
    admin: { position: 'sidebar', readOnly: true, components: { Field: '/src/workflow/admin/AuthorField#AuthorField' } },
  },
  {
    name: 'publishedAt',
    type: 'date',
    index: true,
    label: { zh: '发布时间', en: 'Published at' },
    admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
  },
  {
    name: 'scheduledAt',
    type: 'date',
    label: { zh: '定时发布时间', en: 'Scheduled for' },
    admin: {
      position: 'sidebar',
      readOnly: true,
      date: { pickerAppearance: 'dayAndTime' },
      condition: (data) => data?.reviewState === 'scheduled',
    },
  },
  {
    // Who approved the revision now in review, per level: the four-eyes rule reads it.
    name: 'reviewApprovals',
    type: 'json',
    access: { read: staffOnly },
    admin: { hidden: true },
  },
]

/** Names of the workflow fields, which only the review service writes. */
export const WORKFLOW_FIELDS = ['reviewState', 'reviewNote', 'createdBy', 'publishedAt', 'scheduledAt', 'reviewApprovals'] as const
