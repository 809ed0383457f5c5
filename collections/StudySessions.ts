import type { CollectionConfig } from 'payload'

import { nobody } from '../src/access'

/**
 * One row per member: the item being studied now and the server time of its last heartbeat.
 * The heartbeat transaction locks it, which is what keeps one member to one item at a time.
 */
export const StudySessions: CollectionConfig = {
  slug: 'study-sessions',
  labels: { singular: { zh: '学习会话', en: 'Study session' }, plural: { zh: '学习会话', en: 'Study sessions' } },
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, unique: true },
    { name: 'itemCollection', type: 'text', required: true },
    { name: 'itemId', type: 'number', required: true },
    { name: 'lastBeatAt', type: 'date', required: true },
    // Where the member opened the current item (media seconds, never beyond the furthest accepted
    // position) and the study time credited on it since: a reported position may not run further ahead.
    { name: 'openPosition', type: 'number', required: true, defaultValue: 0 },
    { name: 'openCredited', type: 'number', required: true, defaultValue: 0 },
  ],
}
