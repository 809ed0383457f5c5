import React from 'react'

/**
 * Meilisearch's formatted text (`_formatted`) wraps matches in `<mark>…</mark>` but leaves the rest
 * of the text as stored, unescaped. This splits on exactly those two tags and renders every piece
 * as React text, so nothing else in a title or snippet can ever become markup.
 */
export const highlightParts = (text: string): Array<{ text: string; marked: boolean }> => {
  const parts: Array<{ text: string; marked: boolean }> = []
  let marked = false
  for (const piece of (typeof text === 'string' ? text : '').split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') marked = true
    else if (piece === '</mark>') marked = false
    else if (piece) parts.push({ text: piece, marked })
  }
  return parts
}

export function Highlighted({ text }: { text: string }) {
  return (
    <>
      {highlightParts(text).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <React.Fragment key={i}>{p.text}</React.Fragment>))}
    </>
  )
}
