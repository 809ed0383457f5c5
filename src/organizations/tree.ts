import type { Payload } from 'payload'

import { listening, onChange } from '../db/notify'
import { poolOf } from '../db/pool'
import { organizationLinks } from './queries'

/**
 * The organisation tree (学校党委 → 院(系)党委 → 党支部), held whole in each process: a university has
 * a few hundred to a few thousand organisations, and every access check, scope and audience rule
 * asks for a chain or a subtree. One cache, dropped in every process of every instance when the
 * tree changes: a trigger on `organizations` sends NOTIFY organization_tree (src/db/sql/
 * organization_tree.sql), heard through src/db/notify.ts. Without a listening connection the
 * snapshot is not trusted beyond TREE_TTL_MS.
 */
const TREE_TTL_MS = 60_000
/** No chain is deeper than this; a cycle (refused by validateParent, but never trusted) stops here. */
const MAX_DEPTH = 8

type Snapshot = { parent: Map<number, number | null>; children: Map<number, number[]>; at: number }

const state: { snapshot: Snapshot | null; loading: Promise<Snapshot> | null; generation: number; live: boolean } = {
  snapshot: null,
  loading: null,
  generation: 0,
  live: false,
}

/** Forget the snapshot (the changing process calls this at once; the others hear the NOTIFY). */
export const forgetOrganizationTree = () => {
  state.snapshot = null
  state.generation++
}
onChange('organization_tree', forgetOrganizationTree)

const load = async (payload: Payload): Promise<Snapshot> => {
  state.live = await listening(payload)
  const generation = state.generation
  const rows = await organizationLinks(poolOf(payload))
  const parent = new Map<number, number | null>()
  const children = new Map<number, number[]>()
  for (const r of rows) {
    parent.set(r.id, r.parent_id)
    if (r.parent_id !== null) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r.id])
  }
  const snapshot = { parent, children, at: Date.now() }
  // A change heard while reading: this snapshot may predate it, so serve it once but do not keep it.
  if (generation === state.generation) state.snapshot = snapshot
  return snapshot
}

const current = async (payload: Payload): Promise<Snapshot> => {
  const s = state.snapshot
  if (s && (state.live || Date.now() - s.at < TREE_TTL_MS)) return s
  if (!state.loading) state.loading = load(payload).finally(() => (state.loading = null))
  return state.loading
}

/** The organisation, then its parent, … up to the root. Empty for an unknown id. */
export const ancestors = async (payload: Payload, id: number | null | undefined): Promise<number[]> => {
  if (id == null) return []
  const { parent } = await current(payload)
  const chain: number[] = []
  let at: number | null | undefined = Number(id)
  while (at != null && parent.has(at) && chain.length < MAX_DEPTH && !chain.includes(at)) {
    chain.push(at)
    at = parent.get(at)
  }
  return chain
}

/** The organisation and everything under it (a committee's scope). Empty for an unknown id. */
export const descendants = async (payload: Payload, id: number | null | undefined): Promise<number[]> => {
  if (id == null) return []
  const { parent, children } = await current(payload)
  if (!parent.has(Number(id))) return []
  const out = new Set<number>()
  let level = [Number(id)]
  for (let depth = 0; level.length && depth < MAX_DEPTH; depth++) {
    const next: number[] = []
    for (const o of level) {
      if (out.has(o)) continue
      out.add(o)
      next.push(...(children.get(o) ?? []))
    }
    level = next
  }
  return [...out]
}
