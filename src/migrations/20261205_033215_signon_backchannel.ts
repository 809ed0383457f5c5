import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// OIDC back-channel logout: each sign-on session keeps the provider's subject and session id (src/signon/session.ts).

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "signon_sessions" ADD COLUMN "subject" varchar;
  ALTER TABLE "signon_sessions" ADD COLUMN "provider_session" varchar;
  CREATE INDEX "signon_sessions_subject_idx" ON "signon_sessions" USING btree ("subject");
  CREATE INDEX "signon_sessions_provider_session_idx" ON "signon_sessions" USING btree ("provider_session");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "signon_sessions_subject_idx";
  DROP INDEX "signon_sessions_provider_session_idx";
  ALTER TABLE "signon_sessions" DROP COLUMN "subject";
  ALTER TABLE "signon_sessions" DROP COLUMN "provider_session";`)
}
