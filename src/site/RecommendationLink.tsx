import Link from 'next/link'
import React from 'react'

/**
 * A recommended item's card link: it goes straight to the item's page, and the click is recorded on
 * the side with a beacon to POST /r (src/site/LinkBeacons.tsx), which survives the navigation.
 * Linking to /r itself, a route handler, made each click a redirect of its own.
 */
export function RecommendationLink({
  href,
  collection,
  itemId,
  position,
  children,
}: {
  href: string
  collection: string
  itemId: number
  position: number
  children: React.ReactNode
}) {
  return (
    <Link href={href} data-rec-collection={collection} data-rec-item={String(itemId)} data-rec-position={String(position)}>
      {children}
    </Link>
  )
}
