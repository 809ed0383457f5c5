import { defaultJSXConverters, type JSXConverter, type JSXConverters, type JSXConvertersFunction } from '@payloadcms/richtext-lexical/react'
import React from 'react'

import { safeHref } from './safeUrl'

/**
 * How stored rich text (Lexical JSON) becomes HTML on the member site: by allow-list. Only the node
 * types below render as their elements, text is always React text (escaped), link and image URLs
 * must pass `safeHref`, and anything else (an unknown or `html` node, a block, a crafted type such
 * as `constructor`) renders only the text of its children. The JSON may have been written by any
 * API client, so nothing in it is trusted, even though saving already refuses unsafe links.
 */

type Node = Record<string, unknown> & { type?: string; children?: unknown; fields?: Record<string, unknown> }
type Convert = (args: { node: Node; nodesToJSX: (a: { nodes: never[] }) => React.ReactNode[]; [k: string]: unknown }) => React.ReactNode

/** Node types rendered with Payload's own converters, which write fixed tags and escaped text. */
const PLAIN_TYPES = [
  'paragraph',
  'linebreak',
  'quote',
  'heading',
  'horizontalrule',
  'list',
  'listitem',
  'tab',
  'table',
  'tablerow',
] as const

const childrenOf = (node: Node, nodesToJSX: (a: { nodes: never[] }) => React.ReactNode[]) =>
  Array.isArray(node.children) ? nodesToJSX({ nodes: node.children as never[] }) : null

const CSS_COLOUR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|rgba?\(\s*[\d.%\s,/]+\))$/i

const MAX_NESTING = 64

/**
 * The stored value as a tree the renderer can walk without throwing: nodes are objects, `children`
 * arrays of nodes, nesting bounded. Null when there is no Lexical root.
 */
export const cleanEditorState = (data: unknown): { root: Node } | null => {
  const root = (data as { root?: unknown } | null)?.root
  if (!root || typeof root !== 'object') return null
  const clean = (node: Node, depth: number): Node => {
    if (!('children' in node)) return node
    if (!Array.isArray(node.children)) return { ...node, children: [] }
    const children =
      depth >= MAX_NESTING
        ? []
        : (node.children as unknown[]).filter((c): c is Node => Boolean(c) && typeof c === 'object' && !Array.isArray(c))
    return { ...node, children: children.map((c) => clean(c, depth + 1)) }
  }
  const cleaned = clean(root as Node, 0)
  return { root: { ...cleaned, children: Array.isArray(cleaned.children) ? cleaned.children : [] } }
}

export type InternalDocToHref = (args: { linkNode: { fields: { doc?: { relationTo?: string; value?: unknown } | null } } }) => string

/** The converters `RichText` should use; `internalDocToHref` maps an internal link to a site path. */
export const safeConverters = (internalDocToHref: InternalDocToHref): JSXConvertersFunction => {
  const defaults = defaultJSXConverters as Record<string, JSXConverter<never>>

  const link: Convert = ({ node, nodesToJSX }) => {
    const fields = (node.fields ?? {}) as { linkType?: string; url?: unknown; newTab?: unknown; doc?: never }
    const href = safeHref(fields.linkType === 'internal' ? internalDocToHref({ linkNode: { fields: { doc: fields.doc } } }) : fields.url)
    const children = childrenOf(node, nodesToJSX)
    if (!href) return <span>{children}</span>
    return fields.newTab === true ? (
      <a href={href} rel="noopener noreferrer" target="_blank">
        {children}
      </a>
    ) : (
      <a href={href}>{children}</a>
    )
  }

  const text: Convert = (args) => {
    const node = args.node
    return (defaults.text as Convert)({
      ...args,
      node: { ...node, text: typeof node.text === 'string' ? node.text : '', format: Number(node.format) || 0 },
    })
  }

  const upload: Convert = ({ node }) => {
    const doc = node.value as Record<string, unknown> | null | undefined
    if (!doc || typeof doc !== 'object') return null
    const url = safeHref(doc.url)
    if (!url) return null
    const alt =
      typeof (node.fields as { alt?: unknown } | undefined)?.alt === 'string'
        ? (node.fields as { alt: string }).alt
        : typeof doc.alt === 'string'
          ? doc.alt
          : ''
    const mime = typeof doc.mimeType === 'string' ? doc.mimeType : ''
    if (!mime.startsWith('image/')) {
      return (
        <a href={url} rel="noopener noreferrer">
          {typeof doc.filename === 'string' ? doc.filename : '附件'}
        </a>
      )
    }
    // The uncropped web size when there is one (the original may be a 10 MB photo).
    const hero = (doc.sizes as Record<string, { url?: unknown } | null> | undefined)?.hero
    const src = safeHref(hero?.url) ?? url
    const size = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : undefined)
    // The stored picture as it is: next/image is for the site layout's own images.
    // eslint-disable-next-line @next/next/no-img-element
    return <img alt={alt} src={src} width={size(doc.width)} height={size(doc.height)} loading="lazy" />
  }

  // Table cells take a background colour from the JSON: only a plain colour, never a CSS fragment.
  const tablecell: Convert = (args) => {
    const colour = args.node.backgroundColor
    return (defaults.tablecell as Convert)({
      ...args,
      node: { ...args.node, backgroundColor: typeof colour === 'string' && CSS_COLOUR.test(colour) ? colour : undefined },
    })
  }

  const unknown: Convert = ({ node, nodesToJSX }) => <>{childrenOf(node, nodesToJSX)}</>

  return () => {
    // No prototype: a node typed "constructor" or "toString" must not find a function here.
    const converters = Object.create(null) as Record<string, unknown>
    for (const type of PLAIN_TYPES) converters[type] = defaults[type]
    Object.assign(converters, { text, link, autolink: link, upload, tablecell, unknown })
    return converters as JSXConverters
  }
}
