import type { Payload } from 'payload'
import React from 'react'

import type { Media } from '../payload-types'
import { idOfRel } from './content'
import { keptWhileContentUnchanged } from './kept'

/** What a list needs to show an item's cover: the WebP sizes the media library made, and the alt text. */
export type CoverImage = { thumbnail: string; card: string; alt: string }

/**
 * The covers of a page of items in one query. Lists read items at depth 0 (a cover is an id);
 * the items themselves were read as the reader, so their covers are theirs to see, and the image
 * files are checked again when fetched (media are readable when published content uses them).
 */
export const coverImages = async (payload: Payload, covers: unknown[]): Promise<Map<number, CoverImage>> => {
  const ids = [...new Set(covers.map(idOfRel).filter((v): v is number => v !== null))].sort((a, b) => a - b)
  if (!ids.length) return new Map()
  return keptCovers(payload, ids.join(','), () => readCovers(payload, ids))
}

/**
 * The same for every reader (the media are read whole, without access: see above), so kept by the
 * ids asked for: a cover's own file replaced in the media library shows its old thumbnail for at
 * most COVERS_TTL_MS (media send no change notice; content changes drop them all).
 */
const COVERS_TTL_MS = 30_000
const keptCovers = keptWhileContentUnchanged<Map<number, CoverImage>>({ ttlMs: COVERS_TTL_MS })

const readCovers = async (payload: Payload, ids: number[]): Promise<Map<number, CoverImage>> => {
  const { docs } = await payload.find({
    collection: 'media',
    depth: 0,
    limit: ids.length,
    pagination: false,
    overrideAccess: true,
    where: { id: { in: ids } },
    // No `select`: Payload computes each `url` from the stored file name in an afterRead hook, so a
    // select without the file names returns no URLs (the first e2e run showed no thumbnails).
  })
  return new Map(
    docs
      .filter((m) => m.url && String(m.mimeType ?? '').startsWith('image/'))
      .map((m) => [m.id as number, { thumbnail: m.sizes?.thumbnail?.url || m.url!, card: m.sizes?.card?.url || m.url!, alt: m.alt ?? '' }]),
  )
}

/** The cover of one item from a page's covers, if it has one. */
export const coverOf = (covers: Map<number, CoverImage>, cover: unknown): CoverImage | undefined => {
  const id = idOfRel(cover)
  return id === null ? undefined : covers.get(id)
}

/**
 * A list thumbnail (320×240 WebP; `card`: the 768×432 one for card grids). Decorative: the title
 * beside it says what the item is, so screen readers skip it.
 */
export function Thumb({ cover, size = 'thumbnail' }: { cover?: CoverImage; size?: 'thumbnail' | 'card' }) {
  if (!cover) return null
  const [width, height] = size === 'card' ? [768, 432] : [320, 240]
  return (
    // eslint-disable-next-line @next/next/no-img-element
    <img className={`thumb thumb--${size}`} src={cover[size]} alt="" width={width} height={height} loading="lazy" decoding="async" />
  )
}

/** An item page's cover (the 1920-wide hero size, or the file itself when smaller). */
export function CoverFigure({ media }: { media: Media | null | undefined }) {
  if (!media?.url || !String(media.mimeType ?? '').startsWith('image/')) return null
  return (
    <figure className="figure cover">
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={media.sizes?.hero?.url || media.sizes?.card?.url || media.url}
        alt={media.alt ?? ''}
        width={media.width ?? undefined}
        height={media.height ?? undefined}
      />
      {media.caption ? <figcaption>{media.caption}</figcaption> : null}
    </figure>
  )
}
