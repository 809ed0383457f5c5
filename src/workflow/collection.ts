import type { CollectionConfig, Field } from 'payload'

import { canCreateContent, canEditOwnContent, CONTENT_STAFF, hasRole, readPublishedContent } from '../access'
import { auditAfterChange, auditAfterDelete } from '../audit/hooks'
import { AUTHOR_ROLE, type ReviewedCollection } from './config'
import { reviewFields } from './fields'
import { queueSearchRemoval, queueSearchSync } from '../search/sync'
import { guardReviewWorkflow, logScheduledPublish, refuseDeleteInReview, refuseLiveWrites } from './hooks'

type Options = Omit<CollectionConfig, 'slug' | 'access' | 'versions' | 'fields'> & {
  slug: ReviewedCollection
  fields: Field[]
  /** Anonymous visitors may read published items (news, red resources). */
  anonymous: boolean
  /** Members read only items whose audience includes them. */
  audience: boolean
}

/**
 * A collection that goes through the three-level review: drafts and versions (the live version
 * stays while a revision is reviewed; every published version is kept and can be compared),
 * access by role and audience and the workflow guard. Its review routes come from the route table
 * (src/workflow/endpoint.ts, src/http/routes.ts).
 */
export const reviewedCollection = ({ slug, fields, anonymous, audience, hooks = {}, admin = {}, ...rest }: Options): CollectionConfig => {
  const authorRole = AUTHOR_ROLE[slug]
  return {
    ...rest,
    slug,
    admin: {
      ...admin,
      group: admin.group ?? { zh: '学习内容', en: 'Learning content' },
      // The list's search box looks in titles and summaries (the site's search is Meilisearch).
      listSearchableFields: admin.listSearchableFields ?? ['title', 'summary'],
      hidden: ({ user }) => !hasRole(user, ...CONTENT_STAFF, 'sysAdmin'),
      components: {
        ...admin.components,
        edit: {
          ...admin.components?.edit,
          // Publishing happens only by final approval; the review actions replace the button.
          PublishButton: '/src/workflow/admin/NoPublishButton#NoPublishButton',
          beforeDocumentControls: ['/src/workflow/admin/ReviewActions#ReviewActions'],
          // The review state, not Payload's draft/published (always 草稿 while in review).
          Status: '/src/workflow/admin/ReviewStatus#ReviewStatus',
        },
        beforeList: ['/src/workflow/admin/StateFilter#StateFilter'],
      },
    },
    access: {
      read: readPublishedContent({ anonymous, audience }),
      readVersions: ({ req: { user } }) => hasRole(user, ...CONTENT_STAFF),
      create: canCreateContent(authorRole),
      update: canEditOwnContent(authorRole),
      delete: canEditOwnContent(authorRole),
    },
    versions: {
      // 0 keeps every version: each published version stays comparable in the admin.
      maxPerDoc: 0,
      // Drafts are validated too: what reaches a reviewer is always complete.
      drafts: { schedulePublish: true, validate: true },
    },
    hooks: {
      ...hooks,
      beforeOperation: [refuseLiveWrites, ...(hooks.beforeOperation ?? [])],
      beforeChange: [guardReviewWorkflow, ...(hooks.beforeChange ?? [])],
      afterChange: [...(hooks.afterChange ?? []), logScheduledPublish, auditAfterChange, queueSearchSync],
      beforeDelete: [refuseDeleteInReview, ...(hooks.beforeDelete ?? [])],
      afterDelete: [...(hooks.afterDelete ?? []), auditAfterDelete, queueSearchRemoval],
    },
    fields: [...fields, ...reviewFields()],
  }
}
