import path from 'path'
import type { CollectionConfig } from 'payload'
import { fileURLToPath } from 'url'

import { nobody } from '../src/access/nobody'
import { caseReadersOr } from '../src/development/access'
import { refuseDisallowedUpload } from '../src/media/hooks'
import { noUploadFromUrl } from '../src/security/uploads'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * 发展材料: the documents of a development case (入党申请书, 思想汇报, 政治审查材料…), PDF or images,
 * checked by their bytes like the media library's uploads, but kept apart from it: they are personal
 * records, read only by those who read the case, never by the public content's readers.
 */
export const DevelopmentDocuments: CollectionConfig = {
  slug: 'development-documents',
  labels: { singular: { zh: '发展材料', en: 'Development document' }, plural: { zh: '发展材料', en: 'Development documents' } },
  admin: {
    group: { zh: '发展党员', en: 'Member development' },
    useAsTitle: 'title',
    defaultColumns: ['title', 'person', 'filename', 'createdAt'],
  },
  access: {
    // The uploader reads their own file until it is attached to a step; then the case's readers.
    read: ({ req }) => caseReadersOr(req, (user) => ({ uploadedBy: { equals: user.id } })),
    create: ({ req }) => !!req.user && req.user.active !== false,
    update: nobody,
    delete: nobody,
  },
  hooks: {
    beforeOperation: [refuseDisallowedUpload],
    beforeChange: [
      ({ data, operation, req }) =>
        operation === 'create' ? { ...data, uploadedBy: req.user?.id, person: null, organization: null } : data,
    ],
  },
  upload: {
    staticDir: path.join(process.env.MEDIA_DIR || path.join(root, 'media'), 'development'),
    ...noUploadFromUrl,
    mimeTypes: ['application/pdf', 'image/jpeg', 'image/png'],
  },
  fields: [
    { name: 'title', type: 'text', required: true, label: { zh: '材料名称', en: 'Title' } },
    {
      name: 'uploadedBy',
      type: 'relationship',
      relationTo: 'users',
      label: { zh: '上传人', en: 'Uploaded by' },
      admin: { readOnly: true },
    },
    {
      name: 'person',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      label: { zh: '本人', en: 'Person' },
      admin: { readOnly: true },
    },
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      index: true,
      label: { zh: '支部', en: 'Branch' },
      admin: { readOnly: true },
    },
  ],
}
