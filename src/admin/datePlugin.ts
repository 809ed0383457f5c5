import type { Config, Field } from 'payload'

import { DATE_PATTERN, DATE_TIME_PATTERN, TIME_PATTERN } from '../dates'

/** A date field's picker and list cell in the Chinese pattern for its appearance (unless it sets its own). */
const withChineseDate = (field: Field): Field => {
  if (field.type === 'date') {
    const date = field.admin?.date ?? {}
    const appearance = date.pickerAppearance ?? 'dayOnly'
    const displayFormat =
      date.displayFormat ??
      (appearance === 'dayAndTime'
        ? DATE_TIME_PATTERN
        : appearance === 'timeOnly'
          ? TIME_PATTERN
          : appearance === 'monthOnly'
            ? 'yyyy年M月'
            : DATE_PATTERN)
    // Payload's default appearance is a mm/dd/yyyy text box; 'dayOnly' is the same calendar with our pattern.
    // 24-hour times in the picker's time list too (Payload's default is h:mm aa).
    const withTime =
      appearance === 'dayAndTime' || appearance === 'timeOnly'
        ? { timeFormat: ('timeFormat' in date && date.timeFormat) || TIME_PATTERN }
        : {}
    return { ...field, admin: { ...field.admin, date: { ...date, pickerAppearance: appearance, displayFormat, ...withTime } } } as Field
  }
  if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: tab.fields.map(withChineseDate) })) }
  if (field.type === 'blocks')
    return { ...field, blocks: field.blocks.map((block) => ({ ...block, fields: block.fields.map(withChineseDate) })) }
  if ('fields' in field && Array.isArray(field.fields)) return { ...field, fields: field.fields.map(withChineseDate) } as Field
  return field
}

/**
 * Every date field of every collection and global shown as 2026年12月3日 (21:25): one pass over
 * the config instead of a displayFormat repeated on each field, so a new date field cannot forget it.
 * createdAt and updatedAt are added later by Payload and follow admin.dateFormat.
 */
export const chineseDates = (config: Config): Config => ({
  ...config,
  admin: { ...config.admin, dateFormat: config.admin?.dateFormat ?? DATE_TIME_PATTERN },
  collections: config.collections?.map((collection) => ({ ...collection, fields: collection.fields.map(withChineseDate) })),
  globals: config.globals?.map((global) => ({ ...global, fields: global.fields.map(withChineseDate) })),
})
