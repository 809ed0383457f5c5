import type { Payload } from 'payload'

import { listening, onChange } from '../db/notify'

type ThemeItem = { id: number; name: string; slug: string }
// Public and rarely edited, but on every list page's filters: kept until a theme changes (the
// themes collection's hook here, a NOTIFY from any other process: src/db/notify.ts), and for at
// most THEMES_TTL_MS.
const THEMES_TTL_MS = 30_000
let themesCache: { at: number; themes: Promise<ThemeItem[]> } | null = null

/** Forget the cached theme list (the themes collection calls this after every change). */
export const forgetThemes = () => {
  themesCache = null
}
onChange('themes', forgetThemes)

/** The study themes (专题), in their editorial order; public. */
export const allThemes = async (payload: Payload): Promise<ThemeItem[]> => {
  if (themesCache && Date.now() - themesCache.at < THEMES_TTL_MS) return themesCache.themes
  // Listening before the read: a change committed after it is then heard (and drops this entry).
  const themes = listening(payload)
    .then(() =>
      payload.find({
        collection: 'themes',
        overrideAccess: false,
        depth: 0,
        limit: 200,
        pagination: false,
        sort: 'sortOrder',
        select: { name: true, slug: true },
      }),
    )
    .then(({ docs }) => docs as ThemeItem[])
  const entry = (themesCache = { at: Date.now(), themes })
  // A failed read is not remembered.
  themes.catch(() => {
    if (themesCache === entry) themesCache = null
  })
  return themes
}
