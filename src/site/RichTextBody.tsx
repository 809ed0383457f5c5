import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import { RichText } from '@payloadcms/richtext-lexical/react'
import React from 'react'

import { cleanEditorState, safeConverters } from '../security/richText'
import { hrefFor } from './content'

/** Internal links point at the member site's page for the linked item. */
const internalDocToHref = ({ linkNode }: { linkNode: { fields: { doc?: { relationTo?: string; value?: unknown } | null } } }) => {
  const doc = linkNode.fields.doc
  if (!doc?.relationTo) return '#'
  const value = doc.value
  const id = value && typeof value === 'object' ? (value as { id?: number | string }).id : (value as number | string | undefined)
  return id === undefined ? '#' : hrefFor(doc.relationTo, id)
}

// Allow-list rendering: see src/security/richText.tsx.
const converters = safeConverters(internalDocToHref)

/** A Lexical body rendered as readable HTML (server component). */
export function RichTextBody({ data, className = 'prose' }: { data: unknown; className?: string }) {
  const state = cleanEditorState(data)
  if (!state) return null
  return <RichText className={className} converters={converters} data={state as unknown as SerializedEditorState} />
}
