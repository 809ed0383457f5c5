import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_integrity_flags_kind" AS ENUM('regularBeats', 'lockstepPositions', 'aroundTheClock', 'minimumTimeCompletions');
  CREATE TYPE "public"."enum_integrity_flags_status" AS ENUM('pending', 'cleared', 'confirmed');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'studyIntegrity' BEFORE 'schedulePublish';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'studyIntegrity' BEFORE 'schedulePublish';
  CREATE TABLE "integrity_flags" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"organization_id" integer,
  	"kind" "enum_integrity_flags_kind" NOT NULL,
  	"day" varchar NOT NULL,
  	"flag_key" varchar NOT NULL,
  	"period_start" timestamp(3) with time zone NOT NULL,
  	"period_end" timestamp(3) with time zone NOT NULL,
  	"seconds_held" numeric DEFAULT 0 NOT NULL,
  	"summary" varchar NOT NULL,
  	"items" jsonb,
  	"evidence" jsonb,
  	"status" "enum_integrity_flags_status" DEFAULT 'pending' NOT NULL,
  	"reason" varchar,
  	"reviewer_id" integer,
  	"reviewed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "integrity_flags_id" integer;
  ALTER TABLE "integrity_flags" ADD CONSTRAINT "integrity_flags_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "integrity_flags" ADD CONSTRAINT "integrity_flags_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "integrity_flags" ADD CONSTRAINT "integrity_flags_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "integrity_flags_member_idx" ON "integrity_flags" USING btree ("member_id");
  CREATE INDEX "integrity_flags_organization_idx" ON "integrity_flags" USING btree ("organization_id");
  CREATE INDEX "integrity_flags_kind_idx" ON "integrity_flags" USING btree ("kind");
  CREATE INDEX "integrity_flags_day_idx" ON "integrity_flags" USING btree ("day");
  CREATE UNIQUE INDEX "integrity_flags_flag_key_idx" ON "integrity_flags" USING btree ("flag_key");
  CREATE INDEX "integrity_flags_status_idx" ON "integrity_flags" USING btree ("status");
  CREATE INDEX "integrity_flags_reviewer_idx" ON "integrity_flags" USING btree ("reviewer_id");
  CREATE INDEX "integrity_flags_updated_at_idx" ON "integrity_flags" USING btree ("updated_at");
  CREATE INDEX "integrity_flags_created_at_idx" ON "integrity_flags" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_integrity_flags_fk" FOREIGN KEY ("integrity_flags_id") REFERENCES "public"."integrity_flags"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_integrity_flags_id_idx" ON "payload_locked_documents_rels" USING btree ("integrity_flags_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "integrity_flags" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "integrity_flags" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_integrity_flags_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'syncSearch', 'reconcileSearch', 'studyPaceCheck', 'branchCheck', 'refreshCockpitStats', 'schedulePublish');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'syncSearch', 'reconcileSearch', 'studyPaceCheck', 'branchCheck', 'refreshCockpitStats', 'schedulePublish');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_integrity_flags_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "integrity_flags_id";
  DROP TYPE "public"."enum_integrity_flags_kind";
  DROP TYPE "public"."enum_integrity_flags_status";`)
}
