import pg from 'pg'
import type { Payload } from 'payload'

import { poolOf } from './pool'

/**
 * Change notices: per-process caches (the organisation tree, platform settings, themes, item
 * metadata, the cockpit's per-member figures and whole answers) are dropped in every process of every instance when
 * what they hold changes. Triggers on the tables send NOTIFY on a channel (src/db/sql/
 * change_notices.sql, organization_tree.sql, cockpit_changes.sql, cockpit_figures.sql); each
 * process LISTENs on one connection of its own and calls what was registered for the channel. A
 * cache also expires after its own time, in case that connection is down.
 */
export const CHANNELS = ['organization_tree', 'platform_settings', 'themes', 'content_items', 'cockpit_members', 'cockpit_figures'] as const
export type Channel = (typeof CHANNELS)[number]

const handlers = new Map<Channel, Set<(notice?: string) => void>>()
const counts = new Map<Channel, number>()

/**
 * How many notices this channel has had. A cache reads it before loading and keeps what it loaded
 * only if it has not moved meanwhile: a change committed during the read must not be cached over.
 */
export const changeCount = (channel: Channel) => counts.get(channel) ?? 0
const bump = (channel: Channel) => counts.set(channel, changeCount(channel) + 1)
const state: { client: pg.Client | null; ready: Promise<boolean> | null } = { client: null, ready: null }

/**
 * Call `forget` whenever `channel` is notified, with the notice's text (a trigger may name what moved,
 * cockpit_changes.sql), and without one when the listening connection is lost (forget everything).
 */
export const onChange = (channel: Channel, forget: (notice?: string) => void) => {
  if (!handlers.has(channel)) handlers.set(channel, new Set())
  handlers.get(channel)!.add(forget)
}

const forgetAll = () => {
  for (const channel of CHANNELS) bump(channel)
  for (const set of handlers.values()) for (const forget of set) forget()
}

/**
 * Whether this process is listening; starts listening on first call. A cache awaits this before its
 * first read, so that no change made after the read can go unheard.
 */
export const listening = (payload: Payload): Promise<boolean> => {
  if (state.ready) return state.ready
  const client = new pg.Client(poolOf(payload).options)
  const drop = () => {
    if (state.client !== client) return
    state.client = null
    state.ready = null
    forgetAll()
    client.end().catch(() => {})
  }
  client.on('notification', (n) => {
    bump(n.channel as Channel)
    for (const forget of handlers.get(n.channel as Channel) ?? []) forget(n.payload)
  })
  client.on('error', drop)
  client.on('end', drop)
  state.client = client
  state.ready = client
    .connect()
    .then(() => client.query(CHANNELS.map((c) => `LISTEN ${c};`).join(' ')))
    .then(() => true)
    .catch(() => {
      drop()
      return false
    })
  return state.ready
}

/**
 * Waits until every notice committed before this call has been handled here: PostgreSQL sends a
 * listening connection its notices before the answer to any later query on it, so one round trip
 * (about 0.3 ms) is enough. A cache that must show every change made before a request began (the
 * cockpit's) calls this before serving what it holds. False when not listening.
 */
export const caughtUp = async (payload: Payload): Promise<boolean> => {
  if (!(await listening(payload))) return false
  const client = state.client
  if (!client) return false
  return client.query('SELECT 1').then(
    () => state.client === client,
    () => false,
  )
}

/** Stop listening (closing Payload, tests): an open connection would keep the process alive. */
export const stopListening = async () => {
  const client = state.client
  state.client = null
  state.ready = null
  forgetAll()
  await client?.end().catch(() => {})
}
