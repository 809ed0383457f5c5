import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/** 批量导入 (issue 18): the audit action `import` (one entry per import with its counts and file hash). From `payload migrate:create`. */

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'import';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_audit_logs_action";
  CREATE TYPE "public"."enum_audit_logs_action" AS ENUM('login', 'loginFailed', 'lockout', 'logout', 'sessionRevoked', 'passwordChange', 'totp', 'roleChange', 'settingsChange', 'accessDenied', 'rateLimited', 'deletionRequest', 'anonymise', 'create', 'update', 'delete', 'publish', 'withdraw', 'export', 'read', 'developmentStep', 'stageCorrection');
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE "public"."enum_audit_logs_action" USING "action"::"public"."enum_audit_logs_action";`)
}
