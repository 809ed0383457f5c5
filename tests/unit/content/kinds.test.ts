import { describe, expect, it } from 'vitest'

import {
  CONTENT_KIND_SLUGS,
  CONTENT_KINDS,
  kindHref,
  kindLabel,
  STUDIED_KINDS,
  studiedTitleSql,
  TRACKED_KINDS,
} from '../../../src/content/kinds'
import { STUDY_ITEM_COLLECTIONS } from '../../../src/study/fields'
import { AUTHOR_ROLE, COLLECTION_LABELS, REVIEWED_COLLECTIONS, SITE_PATHS } from '../../../src/workflow/config'
import { Courses } from '../../../collections/Courses'
import { MicroLessons } from '../../../collections/MicroLessons'
import { News } from '../../../collections/News'
import { Quizzes } from '../../../collections/Quizzes'
import { RedResources } from '../../../collections/RedResources'

/** The content-kind registry is the one list: what other modules show and check follows it. */
const collections = [Courses, MicroLessons, News, Quizzes, RedResources]
const fieldNames = (fields: unknown[]): string[] =>
  fields.flatMap((f) => {
    const field = f as { name?: string; fields?: unknown[]; tabs?: Array<{ fields: unknown[] }> }
    return [
      ...(field.name ? [field.name] : []),
      ...(field.fields ? fieldNames(field.fields) : []),
      ...(field.tabs ? field.tabs.flatMap((t) => fieldNames(t.fields)) : []),
    ]
  })

describe('the content-kind registry', () => {
  it('has one entry per content collection, with the table Payload makes of its slug', () => {
    expect(new Set(CONTENT_KIND_SLUGS)).toEqual(new Set(collections.map((c) => c.slug)))
    for (const k of CONTENT_KIND_SLUGS) expect(CONTENT_KINDS[k].table).toBe(k.replace(/-/g, '_'))
  })

  it('says which kinds limit their audience exactly where the collection has audience fields', () => {
    for (const c of collections) {
      const names = fieldNames(c.fields)
      expect(names.includes('audienceStages'), c.slug).toBe(CONTENT_KINDS[c.slug as keyof typeof CONTENT_KINDS].audience)
    }
  })

  it('is what the review, the study record and the site derive their lists, labels and links from', () => {
    expect(REVIEWED_COLLECTIONS).toEqual(CONTENT_KIND_SLUGS)
    expect(new Set(STUDY_ITEM_COLLECTIONS)).toEqual(new Set(STUDIED_KINDS))
    expect(TRACKED_KINDS).toEqual(['micro-lessons', 'red-resources', 'news'])
    for (const k of CONTENT_KIND_SLUGS) {
      expect(COLLECTION_LABELS[k]).toBe(CONTENT_KINDS[k].label)
      expect(AUTHOR_ROLE[k]).toBe(CONTENT_KINDS[k].author)
      expect(SITE_PATHS[k]).toBe(CONTENT_KINDS[k].path)
    }
    expect(kindHref('micro-lessons', 7)).toBe('/lessons/7')
    expect(kindHref('users', 7)).toBe('/')
    expect(kindLabel('red-resources')).toBe('红色资源')
  })

  it('joins a title for every kind a learning record may name', () => {
    const { joins, title } = studiedTitleSql('sp')
    for (const k of STUDIED_KINDS)
      expect(joins).toContain(`LEFT JOIN ${CONTENT_KINDS[k].table} k_${CONTENT_KINDS[k].table} ON sp.item_collection = '${k}'`)
    expect(title).toBe(`coalesce(${STUDIED_KINDS.map((k) => `k_${CONTENT_KINDS[k].table}.title`).join(', ')}, '（已删除）')`)
  })
})
