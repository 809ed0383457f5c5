import pg from 'pg'

import { BackupError } from './errors'

/** Name, host and port of a connection URL, never its password: for messages and the manifest. */
export const describeDatabase = (url: string): { name: string; host: string } => {
  const u = new URL(url)
  return { name: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres', host: u.port ? `${u.hostname}:${u.port}` : u.hostname }
}

/**
 * Arguments and environment for libpq tools (pg_dump, pg_restore): the URL without its password
 * (command lines are visible to every user of the machine), the password in PGPASSWORD.
 */
export const libpqConnection = (url: string): { dbname: string; env: NodeJS.ProcessEnv } => {
  const u = new URL(url)
  const password = decodeURIComponent(u.password)
  u.password = ''
  const env: NodeJS.ProcessEnv = { ...process.env, PGCONNECT_TIMEOUT: process.env.PGCONNECT_TIMEOUT || '10' }
  if (password) env.PGPASSWORD = password
  else delete env.PGPASSWORD
  return { dbname: u.toString(), env }
}

/** The same server, another database (the maintenance database, or a fresh one). */
export const withDatabaseName = (url: string, name: string): string => {
  const u = new URL(url)
  u.pathname = `/${encodeURIComponent(name)}`
  return u.toString()
}

export const connect = async (url: string): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  try {
    await client.connect()
  } catch (error) {
    const { name, host } = describeDatabase(url)
    throw new BackupError(`无法连接数据库 ${name}（${host}）：${(error as Error).message}`)
  }
  return client
}

export const withClient = async <T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = await connect(url)
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

export const serverVersion = async (client: pg.Client): Promise<{ version: string; num: number; major: number }> => {
  const { rows } = await client.query<{ v: string; n: string }>(
    `SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n`,
  )
  const num = Number(rows[0].n)
  return { version: rows[0].v.split(' ')[0], num, major: Math.floor(num / 10000) }
}

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`
const NOT_EXTENSION_MEMBER = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`

/** Every table the application owns (all user schemas; tables that belong to an extension excluded), as schema.table. */
export const listTables = async (client: pg.Client): Promise<string[]> => {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND ${USER_SCHEMAS} AND ${NOT_EXTENSION_MEMBER}
      ORDER BY 1, 2`,
  )
  return rows.map((r) => `${r.schema}.${r.name}`)
}

const quoteTable = (client: pg.Client, table: string) => {
  const dot = table.indexOf('.')
  return `${client.escapeIdentifier(table.slice(0, dot))}.${client.escapeIdentifier(table.slice(dot + 1))}`
}

/** Exact row counts (count(*), not the planner's estimates), in the client's current transaction. */
export const countRows = async (client: pg.Client, tables: string[]): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteTable(client, table)}`)
    counts[table] = Number(rows[0].n)
  }
  return counts
}

/** How many tables, views and sequences the database holds outside the system schemas. */
export const relationCount = async (client: pg.Client): Promise<number> => {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_SCHEMAS} AND ${NOT_EXTENSION_MEMBER}`,
  )
  return Number(rows[0].n)
}

const maintenanceClient = async (url: string): Promise<pg.Client> => {
  let lastError: unknown
  for (const name of ['postgres', 'template1']) {
    const client = new pg.Client({ connectionString: withDatabaseName(url, name), connectionTimeoutMillis: 10_000 })
    try {
      await client.connect()
      return client
    } catch (error) {
      lastError = error
      await client.end().catch(() => {})
    }
  }
  const { host } = describeDatabase(url)
  throw new BackupError(
    `无法连接服务器 ${host} 的维护数据库（postgres 或 template1），无法替换目标数据库：${(lastError as Error)?.message}`,
  )
}

export type ReplacedDatabase = {
  /** The old database, renamed and kept. */
  aside: string
  /** Puts the old database back (after a failed restore). */
  undo: () => Promise<void>
  /** Database-level settings that were not carried over (to tell the user). */
  droppedSettings: string[]
}

/**
 * For `restore --force`: renames the target database aside (it is kept, not dropped) and creates an
 * empty one of the same name, owner, encoding, locale and access list. A fresh database rather than
 * dropping objects one by one: nothing from the old schema (tables added by later migrations,
 * extensions, the public schema's grants) can survive into the restored one. Refused while anyone
 * else is connected, so a running app is never cut off mid-request.
 */
export const replaceDatabase = async (url: string, stamp: string): Promise<ReplacedDatabase> => {
  const { name } = describeDatabase(url)
  const aside = `${name.slice(0, 63 - '_before_restore_'.length - stamp.length)}_before_restore_${stamp}`
  const client = await maintenanceClient(url)
  try {
    const { rows } = await client.query<{ oid: number; owner: string; encoding: string; d: Record<string, unknown> }>(
      `SELECT d.oid, pg_get_userbyid(d.datdba) AS owner, pg_encoding_to_char(d.encoding) AS encoding, to_jsonb(d) AS d
         FROM pg_database d WHERE d.datname = $1`,
      [name],
    )
    const db = rows[0]
    if (!db) throw new BackupError(`数据库 ${name} 不存在。`)
    // A connection just closed can linger for a moment while its backend exits: wait a little.
    let others = 0
    for (const deadline = Date.now() + 5000; ; await new Promise((r) => setTimeout(r, 200))) {
      const { rows: activity } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      )
      others = Number(activity[0].n)
      if (others === 0 || Date.now() > deadline) break
    }
    if (others > 0) {
      throw new BackupError(`目标数据库 ${name} 还有 ${others} 个其他连接（应用或 worker 是否仍在运行？）。请先停止它们，再恢复。`)
    }
    const acl = await client.query<{ grantee: string | null; privilege: string; grantable: boolean }>(
      `SELECT CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END AS grantee,
              a.privilege_type AS privilege, a.is_grantable AS grantable
         FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = $1 AND a.grantee <> d.datdba`,
      [name],
    )
    const settings = await client.query<{ role: string | null; config: string[] }>(
      `SELECT r.rolname AS role, s.setconfig AS config FROM pg_db_role_setting s
         LEFT JOIN pg_roles r ON r.oid = s.setrole WHERE s.setdatabase = $1`,
      [db.oid],
    )

    const lit = (v: unknown) => client.escapeLiteral(String(v))
    const id = (v: string) => client.escapeIdentifier(v)
    const d = db.d
    let locale = `LC_COLLATE ${lit(d.datcollate)} LC_CTYPE ${lit(d.datctype)}`
    const providerLocale = (d.datlocale ?? d.daticulocale) as string | null | undefined
    if (d.datlocprovider === 'i' && providerLocale) {
      locale += ` LOCALE_PROVIDER icu ICU_LOCALE ${lit(providerLocale)}${d.daticurules ? ` ICU_RULES ${lit(d.daticurules)}` : ''}`
    } else if (d.datlocprovider === 'b' && providerLocale) {
      locale += ` LOCALE_PROVIDER builtin BUILTIN_LOCALE ${lit(providerLocale)}`
    }

    try {
      await client.query(`ALTER DATABASE ${id(name)} RENAME TO ${id(aside)}`)
    } catch (error) {
      throw new BackupError(`无法把数据库 ${name} 改名保留（${(error as Error).message}）。恢复需要 CREATEDB 权限且没有其他连接。`)
    }
    const undo = async () => {
      const c = await maintenanceClient(url)
      try {
        await c.query(`DROP DATABASE IF EXISTS ${id(name)}`)
        await c.query(`ALTER DATABASE ${id(aside)} RENAME TO ${id(name)}`)
      } finally {
        await c.end().catch(() => {})
      }
    }
    try {
      await client.query(`CREATE DATABASE ${id(name)} OWNER ${id(db.owner)} TEMPLATE template0 ENCODING ${lit(db.encoding)} ${locale}`)
      if (d.datacl) {
        await client.query(`REVOKE ALL ON DATABASE ${id(name)} FROM PUBLIC`)
        for (const a of acl.rows) {
          await client.query(
            `GRANT ${a.privilege} ON DATABASE ${id(name)} TO ${a.grantee ? id(a.grantee) : 'PUBLIC'}${a.grantable ? ' WITH GRANT OPTION' : ''}`,
          )
        }
      }
    } catch (error) {
      await undo().catch(() => {})
      throw new BackupError(`无法新建空数据库 ${name}（${(error as Error).message}）；原数据库已恢复原名。`)
    }
    const droppedSettings = settings.rows.flatMap((s) => s.config.map((c) => (s.role ? `${s.role}: ${c}` : c)))
    return { aside, undo, droppedSettings }
  } finally {
    await client.end().catch(() => {})
  }
}
