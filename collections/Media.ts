import path from 'path'
import type { CollectionConfig } from 'payload'
import { fileURLToPath } from 'url'

import { canManageContent } from '../src/access'
import { readMedia } from '../src/access/readMedia'
import { auditAfterChange, auditAfterDelete } from '../src/audit/hooks'
import { MEDIA_KINDS } from '../src/media/allowList'
import { refuseDisallowedUpload, validateAlt } from '../src/media/hooks'
import { noUploadFromUrl } from '../src/security/uploads'
import { computed } from '../src/fields/computed'
import { mediaDurationOnUpload, rederiveAfterFileChange } from '../src/media/duration'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const webp = { format: 'webp' as const, options: { quality: 80 } }

/** 媒体库: images, video, audio and PDF for content, with WebP sizes made by sharp. */
export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: { zh: '媒体文件', en: 'Media' }, plural: { zh: '媒体库', en: 'Media' } },
  admin: {
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'alt', 'mimeType', 'filesize', 'updatedAt'],
    group: { zh: '学习内容', en: 'Learning content' },
  },
  access: {
    // Content staff see every file; others only files used by published content they may read
    // (the list, each document and /api/media/file/… alike): src/access/readMedia.ts.
    read: readMedia,
    create: canManageContent,
    update: canManageContent,
    delete: canManageContent,
  },
  hooks: {
    beforeOperation: [refuseDisallowedUpload],
    beforeChange: [mediaDurationOnUpload],
    afterChange: [auditAfterChange, rederiveAfterFileChange],
    afterDelete: [auditAfterDelete],
  },
  upload: {
    staticDir: process.env.MEDIA_DIR || path.join(root, 'media'),
    // No upload from a URL (paste URL, or an API create with a remote url): src/security/uploads.ts.
    ...noUploadFromUrl,
    mimeTypes: Object.keys(MEDIA_KINDS),
    focalPoint: true,
    crop: true,
    adminThumbnail: 'thumbnail',
    imageSizes: [
      { name: 'thumbnail', width: 320, height: 240, position: 'centre', formatOptions: webp },
      { name: 'card', width: 768, height: 432, position: 'centre', formatOptions: webp },
      { name: 'hero', width: 1920, withoutEnlargement: true, formatOptions: webp },
    ],
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      label: { zh: '替代文字', en: 'Alt text' },
      validate: validateAlt,
      admin: { description: { zh: '描述图片内容，图片必填', en: 'Describe the image; required for images' } },
    },
    { name: 'caption', type: 'text', label: { zh: '说明', en: 'Caption' } },
    { name: 'source', type: 'text', label: { zh: '来源', en: 'Source' } },
    computed({
      name: 'durationSeconds',
      type: 'number',
      label: { zh: '时长（秒）', en: 'Duration (seconds)' },
      admin: {
        description: {
          zh: '音视频的实际时长，上传时从文件读取；微党课的时长和学时由此得出',
          en: 'Read from the file on upload; lessons’ length and hours follow from it',
        },
      },
    }),
  ],
}
