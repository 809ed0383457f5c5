import type { CollectionConfig } from 'payload'
import { APIError } from 'payload'

import { hasRole, nobody } from '../src/access'
import { COLLECTION_LABELS, REVIEWED_COLLECTIONS } from '../src/workflow/config'
import { REVIEW_STATE_LABELS, REVIEW_STATES } from '../src/workflow/transitions'

const stateOptions = REVIEW_STATES.map((value) => ({ value, label: REVIEW_STATE_LABELS[value] }))

/**
 * 审核记录: one row per review transition (item, from, to, actor, reason, time). Written only by
 * the review service; nobody edits or deletes a row, through any API.
 */
export const ReviewLogs: CollectionConfig = {
  slug: 'review-logs',
  labels: { singular: { zh: '审核记录', en: 'Review log entry' }, plural: { zh: '审核记录', en: 'Review log' } },
  admin: {
    useAsTitle: 'itemTitle',
    defaultColumns: ['createdAt', 'itemTitle', 'itemCollection', 'action', 'fromState', 'toState', 'actorName', 'reason'],
    group: { zh: '审核', en: 'Review' },
    hidden: ({ user }) => !hasRole(user, 'reviewer', 'propagandaEditor', 'courseCurator'),
  },
  defaultSort: '-createdAt',
  access: {
    // Reviewers see the whole log; authors see the log of their own items (why it came back).
    read: ({ req: { user } }) => {
      if (hasRole(user, 'reviewer')) return true
      if (hasRole(user, 'propagandaEditor', 'courseCurator')) return { author: { equals: user!.id } }
      return false
    },
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  hooks: {
    // Even server code with overrideAccess cannot rewrite history.
    beforeChange: [
      ({ operation }) => {
        if (operation !== 'create') throw new APIError('审核记录不能修改', 403, null, true)
      },
    ],
    beforeDelete: [
      () => {
        throw new APIError('审核记录不能删除', 403, null, true)
      },
    ],
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'itemCollection',
          type: 'select',
          required: true,
          index: true,
          options: REVIEWED_COLLECTIONS.map((value) => ({ value, label: COLLECTION_LABELS[value] })),
          label: { zh: '内容类型', en: 'Collection' },
        },
        { name: 'itemId', type: 'text', required: true, index: true, label: { zh: '内容 ID', en: 'Item id' } },
      ],
    },
    { name: 'itemTitle', type: 'text', required: true, label: { zh: '标题', en: 'Title' } },
    {
      type: 'row',
      fields: [
        {
          name: 'action',
          type: 'select',
          required: true,
          index: true,
          options: [
            { value: 'submit', label: { zh: '提交审核', en: 'Submit' } },
            { value: 'approve', label: { zh: '审核通过', en: 'Approve' } },
            { value: 'return', label: { zh: '退回修改', en: 'Return' } },
            { value: 'withdraw', label: { zh: '下线', en: 'Withdraw' } },
            { value: 'publish', label: { zh: '定时发布', en: 'Scheduled publish' } },
          ],
          label: { zh: '操作', en: 'Action' },
        },
        { name: 'fromState', type: 'select', options: stateOptions, required: true, label: { zh: '原状态', en: 'From' } },
        { name: 'toState', type: 'select', options: stateOptions, required: true, index: true, label: { zh: '新状态', en: 'To' } },
        {
          name: 'level',
          type: 'select',
          options: [
            { value: '1', label: { zh: '初审', en: 'First' } },
            { value: '2', label: { zh: '复审', en: 'Second' } },
            { value: '3', label: { zh: '终审', en: 'Final' } },
          ],
          label: { zh: '审核级别', en: 'Level' },
        },
      ],
    },
    { name: 'reason', type: 'textarea', label: { zh: '理由', en: 'Reason' } },
    { name: 'sensitiveHits', type: 'json', label: { zh: '敏感词命中', en: 'Sensitive-word hits' } },
    {
      type: 'row',
      fields: [
        { name: 'actor', type: 'relationship', relationTo: 'users', label: { zh: '操作人', en: 'Actor' } },
        { name: 'actorName', type: 'text', required: true, label: { zh: '操作人姓名', en: 'Actor name' } },
        { name: 'author', type: 'relationship', relationTo: 'users', index: true, label: { zh: '撰稿人', en: 'Author' } },
      ],
    },
  ],
}
