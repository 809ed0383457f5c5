import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'read';
  ALTER TABLE "security_settings" ADD COLUMN "max_sessions_per_account" numeric DEFAULT 5 NOT NULL;`)
  // Written by hand (outside Payload's schema): the last TOTP time step each account used, so a
  // code is accepted once (src/auth/totp.ts, RFC 6238 §5.2).
  await db.execute(sql`
  CREATE TABLE IF NOT EXISTS "totp_used_steps" (
    "user_id" integer PRIMARY KEY REFERENCES "public"."users"("id") ON DELETE CASCADE,
    "step" bigint NOT NULL,
    "used_at" timestamp(3) with time zone NOT NULL DEFAULT now()
  );`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS "totp_used_steps";`)
  await db.execute(sql`
   ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_audit_logs_action";
  CREATE TYPE "public"."enum_audit_logs_action" AS ENUM('login', 'loginFailed', 'lockout', 'logout', 'sessionRevoked', 'passwordChange', 'totp', 'roleChange', 'settingsChange', 'accessDenied', 'rateLimited', 'deletionRequest', 'anonymise', 'create', 'update', 'delete', 'publish', 'withdraw', 'export');
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE "public"."enum_audit_logs_action" USING "action"::"public"."enum_audit_logs_action";
  ALTER TABLE "security_settings" DROP COLUMN "max_sessions_per_account";`)
}
