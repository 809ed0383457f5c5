import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_feedback_kind" AS ENUM('suggestion', 'complaint');
  CREATE TYPE "public"."enum_feedback_area" AS ENUM('content', 'learning', 'organisation', 'other');
  CREATE TYPE "public"."enum_feedback_status" AS ENUM('open', 'answered');
  ALTER TYPE "public"."enum_notifications_kind" ADD VALUE IF NOT EXISTS 'reviewQueue';
  ALTER TYPE "public"."enum_notifications_kind" ADD VALUE IF NOT EXISTS 'reviewReturned';
  ALTER TYPE "public"."enum_notifications_kind" ADD VALUE IF NOT EXISTS 'reviewPublished';
  ALTER TYPE "public"."enum_notifications_kind" ADD VALUE IF NOT EXISTS 'feedbackReceived';
  ALTER TYPE "public"."enum_notifications_kind" ADD VALUE IF NOT EXISTS 'feedbackAnswered';
  CREATE TABLE "feedback" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"kind" "enum_feedback_kind" DEFAULT 'suggestion' NOT NULL,
  	"area" "enum_feedback_area",
  	"status" "enum_feedback_status" DEFAULT 'open' NOT NULL,
  	"message" varchar NOT NULL,
  	"page_link" varchar,
  	"author_id" integer,
  	"author_name" varchar,
  	"organization_id" integer,
  	"reply" varchar,
  	"replied_by_id" integer,
  	"replied_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "feedback_id" integer;
  ALTER TABLE "feedback" ADD CONSTRAINT "feedback_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "feedback" ADD CONSTRAINT "feedback_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "feedback" ADD CONSTRAINT "feedback_replied_by_id_users_id_fk" FOREIGN KEY ("replied_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "feedback_area_idx" ON "feedback" USING btree ("area");
  CREATE INDEX "feedback_status_idx" ON "feedback" USING btree ("status");
  CREATE INDEX "feedback_author_idx" ON "feedback" USING btree ("author_id");
  CREATE INDEX "feedback_organization_idx" ON "feedback" USING btree ("organization_id");
  CREATE INDEX "feedback_replied_by_idx" ON "feedback" USING btree ("replied_by_id");
  CREATE INDEX "feedback_updated_at_idx" ON "feedback" USING btree ("updated_at");
  CREATE INDEX "feedback_created_at_idx" ON "feedback" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_feedback_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_feedback_id_idx" ON "payload_locked_documents_rels" USING btree ("feedback_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "feedback" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "feedback" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_feedback_fk";
  
  ALTER TABLE "notifications" ALTER COLUMN "kind" SET DATA TYPE text;
  DROP TYPE "public"."enum_notifications_kind";
  CREATE TYPE "public"."enum_notifications_kind" AS ENUM('studyBehind', 'branchRule', 'termEnding');
  ALTER TABLE "notifications" ALTER COLUMN "kind" SET DATA TYPE "public"."enum_notifications_kind" USING "kind"::"public"."enum_notifications_kind";
  DROP INDEX "payload_locked_documents_rels_feedback_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "feedback_id";
  DROP TYPE "public"."enum_feedback_kind";
  DROP TYPE "public"."enum_feedback_area";
  DROP TYPE "public"."enum_feedback_status";`)
}
