import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_deletion_requests_status" AS ENUM('pending', 'rejected', 'completed');
  CREATE TYPE "public"."enum_audit_logs_result" AS ENUM('success', 'failure', 'denied');
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'loginFailed' BEFORE 'create';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'lockout' BEFORE 'create';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'logout' BEFORE 'create';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'sessionRevoked' BEFORE 'create';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'passwordChange' BEFORE 'create';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'totp' BEFORE 'create';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'roleChange' BEFORE 'create';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'settingsChange' BEFORE 'create';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'accessDenied' BEFORE 'create';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'rateLimited' BEFORE 'create';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'deletionRequest' BEFORE 'create';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'anonymise' BEFORE 'create';
  CREATE TABLE "deletion_requests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"member_name" varchar,
  	"status" "enum_deletion_requests_status" DEFAULT 'pending' NOT NULL,
  	"reason" varchar,
  	"decision_note" varchar,
  	"decided_by_id" integer,
  	"decided_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "security_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"require_admin_totp" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "quiz_attempts" ADD COLUMN "start_key" varchar;
  ALTER TABLE "quiz_attempts" ADD COLUMN "submit_key" varchar;
  ALTER TABLE "users" ADD COLUMN "must_set_password" boolean DEFAULT false;
  ALTER TABLE "users" ADD COLUMN "totp_enabled" boolean DEFAULT false;
  ALTER TABLE "users" ADD COLUMN "totp_secret" varchar;
  ALTER TABLE "users" ADD COLUMN "anonymised_at" timestamp(3) with time zone;
  ALTER TABLE "audit_logs" ADD COLUMN "result" "enum_audit_logs_result" DEFAULT 'success' NOT NULL;
  ALTER TABLE "audit_logs" ADD COLUMN "user_agent" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "deletion_requests_id" integer;
  ALTER TABLE "deletion_requests" ADD CONSTRAINT "deletion_requests_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "deletion_requests" ADD CONSTRAINT "deletion_requests_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "deletion_requests_member_idx" ON "deletion_requests" USING btree ("member_id");
  CREATE INDEX "deletion_requests_status_idx" ON "deletion_requests" USING btree ("status");
  CREATE INDEX "deletion_requests_decided_by_idx" ON "deletion_requests" USING btree ("decided_by_id");
  CREATE INDEX "deletion_requests_updated_at_idx" ON "deletion_requests" USING btree ("updated_at");
  CREATE INDEX "deletion_requests_created_at_idx" ON "deletion_requests" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_deletion_requests_fk" FOREIGN KEY ("deletion_requests_id") REFERENCES "public"."deletion_requests"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "member_startKey_idx" ON "quiz_attempts" USING btree ("member_id","start_key");
  CREATE INDEX "audit_logs_result_idx" ON "audit_logs" USING btree ("result");
  CREATE INDEX "payload_locked_documents_rels_deletion_requests_id_idx" ON "payload_locked_documents_rels" USING btree ("deletion_requests_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "deletion_requests" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "security_settings" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "deletion_requests" CASCADE;
  DROP TABLE "security_settings" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_deletion_requests_fk";
  
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_audit_logs_action";
  CREATE TYPE "public"."enum_audit_logs_action" AS ENUM('login', 'create', 'update', 'delete', 'publish', 'withdraw', 'export');
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE "public"."enum_audit_logs_action" USING "action"::"public"."enum_audit_logs_action";
  DROP INDEX "member_startKey_idx";
  DROP INDEX "audit_logs_result_idx";
  DROP INDEX "payload_locked_documents_rels_deletion_requests_id_idx";
  ALTER TABLE "quiz_attempts" DROP COLUMN "start_key";
  ALTER TABLE "quiz_attempts" DROP COLUMN "submit_key";
  ALTER TABLE "users" DROP COLUMN "must_set_password";
  ALTER TABLE "users" DROP COLUMN "totp_enabled";
  ALTER TABLE "users" DROP COLUMN "totp_secret";
  ALTER TABLE "users" DROP COLUMN "anonymised_at";
  ALTER TABLE "audit_logs" DROP COLUMN "result";
  ALTER TABLE "audit_logs" DROP COLUMN "user_agent";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "deletion_requests_id";
  DROP TYPE "public"."enum_deletion_requests_status";
  DROP TYPE "public"."enum_audit_logs_result";`)
}
