import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * rate_limits: the shared counters of RATE_LIMIT_STORE=postgres (src/auth/rateLimit.ts), in the
 * layout rate-limiter-flexible's RateLimiterPostgres expects. Written by hand, outside Payload's
 * schema. UNLOGGED: counters that last a minute need no crash safety or WAL (and no replica).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(
    sql`CREATE UNLOGGED TABLE IF NOT EXISTS "rate_limits" ("key" varchar(255) PRIMARY KEY, "points" integer NOT NULL DEFAULT 0, "expire" bigint);`,
  )
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS "rate_limits";`)
}
