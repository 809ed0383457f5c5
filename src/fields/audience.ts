import type { Field, FieldHook } from 'payload'

import { stageOptions } from '../people/stages'

const isEmpty = (v: unknown) => !Array.isArray(v) || v.length === 0

/** Keeps the stored "everyone" flag in step with the list it summarises (a fast, indexable filter). */
const everyoneWhenEmpty =
  (listField: string): FieldHook =>
  ({ data, originalDoc }) => {
    const list = data && listField in data ? data[listField] : originalDoc?.[listField]
    return isEmpty(list)
  }

/**
 * 面向对象: political stages and/or organisations (an organisation includes everything under it);
 * an empty list means everyone. Members' read access filters on these fields.
 */
export const audienceFields = (): Field[] => [
  {
    type: 'collapsible',
    label: { zh: '面向对象', en: 'Audience' },
    admin: {
      description: { zh: '不选表示面向全体；两项都选时需同时满足', en: 'Empty means everyone; both lists must match when both are set' },
    },
    fields: [
      {
        name: 'audienceStages',
        type: 'select',
        hasMany: true,
        options: stageOptions,
        label: { zh: '政治面貌', en: 'Political stages' },
      },
      {
        name: 'audienceOrganizations',
        type: 'relationship',
        relationTo: 'organizations',
        hasMany: true,
        label: { zh: '党组织', en: 'Organisations' },
      },
      {
        name: 'audienceAllStages',
        type: 'checkbox',
        defaultValue: true,
        index: true,
        admin: { hidden: true },
        hooks: { beforeChange: [everyoneWhenEmpty('audienceStages')] },
      },
      {
        name: 'audienceAllOrganizations',
        type: 'checkbox',
        defaultValue: true,
        index: true,
        admin: { hidden: true },
        hooks: { beforeChange: [everyoneWhenEmpty('audienceOrganizations')] },
      },
    ],
  },
]
