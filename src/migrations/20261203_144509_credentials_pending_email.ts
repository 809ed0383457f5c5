import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Issue 13, F4: a person's own new e-mail waits as pending until the link sent to it is opened
 * (src/auth/credentials.ts). Only the token's SHA-256 is stored. (The study columns the generator
 * also listed here belong to 20261203_144338_study_real_length, made at the same time.)
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "users" ADD COLUMN "pending_email" varchar;
  ALTER TABLE "users" ADD COLUMN "pending_email_expires_at" timestamp(3) with time zone;
  ALTER TABLE "users" ADD COLUMN "pending_email_token_hash" varchar;
  CREATE INDEX "users_pending_email_token_hash_idx" ON "users" USING btree ("pending_email_token_hash");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX "users_pending_email_token_hash_idx";
  ALTER TABLE "users" DROP COLUMN "pending_email";
  ALTER TABLE "users" DROP COLUMN "pending_email_expires_at";
  ALTER TABLE "users" DROP COLUMN "pending_email_token_hash";`)
}
