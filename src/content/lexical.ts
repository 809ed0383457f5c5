/**
 * Small readers of Lexical JSON used by the workflow (sensitive-word check), the link guard and
 * the seed. Lexical stores a tree of nodes: `root.children[]`, text in `text` nodes.
 */
import type { News } from '../payload-types'
import { isSafeHref } from '../security/safeUrl'

type LexicalNode = { type?: string; text?: string; children?: LexicalNode[]; fields?: { url?: unknown; linkType?: string }; url?: unknown }
type LexicalValue = { root?: LexicalNode } | null | undefined

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'listitem', 'list'])

const walk = (node: LexicalNode | undefined, visit: (n: LexicalNode) => void) => {
  if (!node) return
  visit(node)
  for (const child of node.children ?? []) walk(child, visit)
}

/** The plain text of a Lexical value, one line per block. */
export const lexicalToPlainText = (value: unknown): string => {
  const root = (value as LexicalValue)?.root
  if (!root) return typeof value === 'string' ? value : ''
  const out: string[] = []
  const visit = (node: LexicalNode) => {
    if (typeof node.text === 'string') out.push(node.text)
    for (const child of node.children ?? []) visit(child)
    if (node.type && BLOCK_TYPES.has(node.type) && node.type !== 'list') out.push('\n')
  }
  visit(root)
  return out
    .join('')
    .replace(/\n{2,}/g, '\n')
    .trim()
}

/** Link URLs in the value that are neither http(s), mailto, nor site-relative. */
export const unsafeLinks = (value: unknown): string[] => {
  const root = (value as LexicalValue)?.root
  const bad: string[] = []
  walk(root, (node) => {
    if (node.type !== 'link' && node.type !== 'autolink') return
    if (node.fields?.linkType === 'internal') return
    const raw = node.fields?.url ?? node.url
    if (raw === undefined || raw === null || raw === '') return
    if (!isSafeHref(String(raw))) bad.push(String(raw).slice(0, 40))
  })
  return bad
}

export type Block = { h: string } | { p: string } | { ul: string[] } | { ol: string[] } | { quote: string; source: string }

/** A rich-text field's stored value, as Payload generates it for every such field. */
export type RichTextValue = News['body']
type Node = RichTextValue['root']['children'][number]

const text = (t: string): Node => ({ type: 'text', text: t, format: 0, detail: 0, mode: 'normal', style: '', version: 1 })
const element = (type: string, children: Node[], extra: Record<string, unknown> = {}) => ({
  ...extra,
  type,
  children,
  direction: 'ltr' as const,
  format: '' as const,
  indent: 0,
  version: 1,
})

/** Builds Lexical JSON from simple blocks (the seed writes content this way). */
export const blocksToLexical = (blocks: Block[]): RichTextValue => ({
  root: element(
    'root',
    blocks.flatMap((b) => {
      if ('h' in b) return [element('heading', [text(b.h)], { tag: 'h2' })]
      if ('p' in b) return [element('paragraph', [text(b.p)], { textFormat: 0, textStyle: '' })]
      if ('quote' in b)
        return [element('quote', [text(b.quote)]), element('paragraph', [text(`——${b.source}`)], { textFormat: 0, textStyle: '' })]
      const ordered = 'ol' in b
      const items = ordered ? b.ol : b.ul
      return [
        element(
          'list',
          items.map((item, i) => element('listitem', [text(item)], { value: i + 1 })),
          { listType: ordered ? 'number' : 'bullet', start: 1, tag: ordered ? 'ol' : 'ul' },
        ),
      ]
    }),
  ),
})
