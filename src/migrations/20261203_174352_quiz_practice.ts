import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_notifications_kind" ADD VALUE IF NOT EXISTS 'branchReminder';
  CREATE TABLE "quiz_practice" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"organization_id" integer,
  	"question_id" integer NOT NULL,
  	"answer" jsonb,
  	"correct" boolean DEFAULT false NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "quiz_practice_id" integer;
  ALTER TABLE "quiz_practice" ADD CONSTRAINT "quiz_practice_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quiz_practice" ADD CONSTRAINT "quiz_practice_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quiz_practice" ADD CONSTRAINT "quiz_practice_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "quiz_practice_member_idx" ON "quiz_practice" USING btree ("member_id");
  CREATE INDEX "quiz_practice_organization_idx" ON "quiz_practice" USING btree ("organization_id");
  CREATE INDEX "quiz_practice_question_idx" ON "quiz_practice" USING btree ("question_id");
  CREATE INDEX "quiz_practice_updated_at_idx" ON "quiz_practice" USING btree ("updated_at");
  CREATE INDEX "quiz_practice_created_at_idx" ON "quiz_practice" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_quiz_practice_fk" FOREIGN KEY ("quiz_practice_id") REFERENCES "public"."quiz_practice"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_quiz_practice_id_idx" ON "payload_locked_documents_rels" USING btree ("quiz_practice_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "quiz_practice" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "quiz_practice" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_quiz_practice_fk";
  
  ALTER TABLE "notifications" ALTER COLUMN "kind" SET DATA TYPE text;
  DROP TYPE "public"."enum_notifications_kind";
  CREATE TYPE "public"."enum_notifications_kind" AS ENUM('studyBehind', 'branchRule', 'termEnding', 'reviewQueue', 'reviewReturned', 'reviewPublished', 'feedbackReceived', 'feedbackAnswered');
  ALTER TABLE "notifications" ALTER COLUMN "kind" SET DATA TYPE "public"."enum_notifications_kind" USING "kind"::"public"."enum_notifications_kind";
  DROP INDEX "payload_locked_documents_rels_quiz_practice_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "quiz_practice_id";`)
}
