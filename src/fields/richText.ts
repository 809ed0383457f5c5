import { LinkFeature, lexicalEditor } from '@payloadcms/richtext-lexical'
import type { Field, FieldHook } from 'payload'
import { ValidationError } from 'payload'

import { unsafeLinks } from '../content/lexical'

const SAFE_URL_MESSAGE = '链接只能使用 http(s):// 或 mailto: 开头的地址，或以 / 开头的站内地址'

/** The link drawer's URL field refuses `javascript:`, `data:` and other schemes as you type. */
const validateLinkUrl = (value: unknown, options: { siblingData?: { linkType?: string } }) => {
  if (options?.siblingData?.linkType === 'internal') return true
  return unsafeLinks({ root: { children: [{ type: 'link', fields: { url: value } }] } }).length === 0 ? true : SAFE_URL_MESSAGE
}

/**
 * Lexical with the default features (headings, lists, links, quotes, uploads, relationships);
 * links are checked in the drawer and again on the server before anything is saved.
 */
export const contentEditor = lexicalEditor({
  features: ({ defaultFeatures }) => [
    ...defaultFeatures.filter((f) => f.key !== 'link'),
    LinkFeature({
      fields: ({ defaultFields }) =>
        defaultFields.map((field) =>
          'name' in field && field.name === 'url' ? ({ ...field, validate: validateLinkUrl } as typeof field) : field,
        ),
    }),
  ],
})

/** Server-side guard for every path in (REST, GraphQL, Local API, imports): no unsafe link is stored. */
const refuseUnsafeLinks: FieldHook = ({ value, path, req, collection }) => {
  const bad = unsafeLinks(value)
  if (bad.length) {
    throw new ValidationError(
      {
        collection: collection?.slug,
        errors: [{ path: path.join('.'), message: `${SAFE_URL_MESSAGE}（不允许：${bad.slice(0, 3).join('，')}）` }],
      },
      req.t,
    )
  }
  return value
}

export const richTextField = (overrides: Partial<Field> & { name: string }): Field =>
  ({
    type: 'richText',
    editor: contentEditor,
    hooks: { beforeValidate: [refuseUnsafeLinks] },
    ...overrides,
  }) as Field
