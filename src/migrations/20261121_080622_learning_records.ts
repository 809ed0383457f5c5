import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_study_progress_item_collection" AS ENUM('micro-lessons', 'red-resources', 'news', 'courses');
  CREATE TYPE "public"."enum_study_events_item_collection" AS ENUM('micro-lessons', 'red-resources', 'news', 'courses');
  CREATE TYPE "public"."enum_study_events_kind" AS ENUM('start', 'heartbeat', 'complete');
  CREATE TYPE "public"."enum_quiz_attempts_status" AS ENUM('open', 'submitted');
  CREATE TYPE "public"."enum_points_ledger_rule" AS ENUM('login', 'article', 'video', 'dailyQuiz', 'lessonComplete');
  CREATE TYPE "public"."enum_platform_settings_points_rules_rule" AS ENUM('login', 'article', 'video', 'dailyQuiz', 'lessonComplete');
  CREATE TABLE "study_progress" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"organization_id" integer,
  	"item_collection" "enum_study_progress_item_collection" NOT NULL,
  	"item_id" numeric NOT NULL,
  	"seconds_credited" numeric DEFAULT 0 NOT NULL,
  	"position" numeric DEFAULT 0 NOT NULL,
  	"percent" numeric DEFAULT 0 NOT NULL,
  	"completed_at" timestamp(3) with time zone,
  	"hours_credited" numeric DEFAULT 0 NOT NULL,
  	"quiz_passed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "study_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"organization_id" integer,
  	"item_collection" "enum_study_events_item_collection" NOT NULL,
  	"item_id" numeric NOT NULL,
  	"kind" "enum_study_events_kind" NOT NULL,
  	"client_position" numeric,
  	"credited_seconds" numeric DEFAULT 0 NOT NULL,
  	"beat_id" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "study_sessions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"item_collection" varchar NOT NULL,
  	"item_id" numeric NOT NULL,
  	"last_beat_at" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "quiz_attempts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"organization_id" integer,
  	"quiz_id" integer NOT NULL,
  	"mode" varchar NOT NULL,
  	"day" varchar NOT NULL,
  	"status" "enum_quiz_attempts_status" DEFAULT 'open' NOT NULL,
  	"started_at" timestamp(3) with time zone NOT NULL,
  	"deadline" timestamp(3) with time zone,
  	"submitted_at" timestamp(3) with time zone,
  	"score" numeric,
  	"correct_count" numeric,
  	"total" numeric,
  	"passed" boolean,
  	"paper" jsonb NOT NULL,
  	"answers" jsonb,
  	"results" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "points_ledger" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"organization_id" integer,
  	"rule" "enum_points_ledger_rule" NOT NULL,
  	"points" numeric NOT NULL,
  	"day" varchar NOT NULL,
  	"event_key" varchar NOT NULL,
  	"note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "platform_settings_points_rules" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"rule" "enum_platform_settings_points_rules_rule" NOT NULL,
  	"points" numeric NOT NULL,
  	"daily_cap" numeric NOT NULL
  );
  
  ALTER TABLE "quizzes" ADD COLUMN "required_to_complete" boolean DEFAULT false;
  ALTER TABLE "quizzes" ADD COLUMN "partial_credit" boolean DEFAULT false;
  ALTER TABLE "_quizzes_v" ADD COLUMN "version_required_to_complete" boolean DEFAULT false;
  ALTER TABLE "_quizzes_v" ADD COLUMN "version_partial_credit" boolean DEFAULT false;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "study_progress_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "study_events_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "study_sessions_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "quiz_attempts_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "points_ledger_id" integer;
  ALTER TABLE "study_progress" ADD CONSTRAINT "study_progress_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "study_progress" ADD CONSTRAINT "study_progress_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "study_events" ADD CONSTRAINT "study_events_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "study_events" ADD CONSTRAINT "study_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "study_sessions" ADD CONSTRAINT "study_sessions_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_quiz_id_quizzes_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "platform_settings_points_rules" ADD CONSTRAINT "platform_settings_points_rules_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."platform_settings"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "study_progress_member_idx" ON "study_progress" USING btree ("member_id");
  CREATE INDEX "study_progress_organization_idx" ON "study_progress" USING btree ("organization_id");
  CREATE INDEX "study_progress_completed_at_idx" ON "study_progress" USING btree ("completed_at");
  CREATE INDEX "study_progress_updated_at_idx" ON "study_progress" USING btree ("updated_at");
  CREATE INDEX "study_progress_created_at_idx" ON "study_progress" USING btree ("created_at");
  CREATE UNIQUE INDEX "member_itemCollection_itemId_idx" ON "study_progress" USING btree ("member_id","item_collection","item_id");
  CREATE INDEX "study_events_member_idx" ON "study_events" USING btree ("member_id");
  CREATE INDEX "study_events_organization_idx" ON "study_events" USING btree ("organization_id");
  CREATE INDEX "study_events_updated_at_idx" ON "study_events" USING btree ("updated_at");
  CREATE INDEX "study_events_created_at_idx" ON "study_events" USING btree ("created_at");
  CREATE UNIQUE INDEX "member_beatId_idx" ON "study_events" USING btree ("member_id","beat_id");
  CREATE UNIQUE INDEX "study_sessions_member_idx" ON "study_sessions" USING btree ("member_id");
  CREATE INDEX "study_sessions_updated_at_idx" ON "study_sessions" USING btree ("updated_at");
  CREATE INDEX "study_sessions_created_at_idx" ON "study_sessions" USING btree ("created_at");
  CREATE INDEX "quiz_attempts_member_idx" ON "quiz_attempts" USING btree ("member_id");
  CREATE INDEX "quiz_attempts_organization_idx" ON "quiz_attempts" USING btree ("organization_id");
  CREATE INDEX "quiz_attempts_quiz_idx" ON "quiz_attempts" USING btree ("quiz_id");
  CREATE INDEX "quiz_attempts_day_idx" ON "quiz_attempts" USING btree ("day");
  CREATE INDEX "quiz_attempts_updated_at_idx" ON "quiz_attempts" USING btree ("updated_at");
  CREATE INDEX "quiz_attempts_created_at_idx" ON "quiz_attempts" USING btree ("created_at");
  CREATE INDEX "points_ledger_member_idx" ON "points_ledger" USING btree ("member_id");
  CREATE INDEX "points_ledger_organization_idx" ON "points_ledger" USING btree ("organization_id");
  CREATE INDEX "points_ledger_updated_at_idx" ON "points_ledger" USING btree ("updated_at");
  CREATE INDEX "points_ledger_created_at_idx" ON "points_ledger" USING btree ("created_at");
  CREATE UNIQUE INDEX "member_rule_eventKey_idx" ON "points_ledger" USING btree ("member_id","rule","event_key");
  CREATE INDEX "member_day_idx" ON "points_ledger" USING btree ("member_id","day");
  CREATE INDEX "platform_settings_points_rules_order_idx" ON "platform_settings_points_rules" USING btree ("_order");
  CREATE INDEX "platform_settings_points_rules_parent_id_idx" ON "platform_settings_points_rules" USING btree ("_parent_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_study_progress_fk" FOREIGN KEY ("study_progress_id") REFERENCES "public"."study_progress"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_study_events_fk" FOREIGN KEY ("study_events_id") REFERENCES "public"."study_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_study_sessions_fk" FOREIGN KEY ("study_sessions_id") REFERENCES "public"."study_sessions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_quiz_attempts_fk" FOREIGN KEY ("quiz_attempts_id") REFERENCES "public"."quiz_attempts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_points_ledger_fk" FOREIGN KEY ("points_ledger_id") REFERENCES "public"."points_ledger"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_study_progress_id_idx" ON "payload_locked_documents_rels" USING btree ("study_progress_id");
  CREATE INDEX "payload_locked_documents_rels_study_events_id_idx" ON "payload_locked_documents_rels" USING btree ("study_events_id");
  CREATE INDEX "payload_locked_documents_rels_study_sessions_id_idx" ON "payload_locked_documents_rels" USING btree ("study_sessions_id");
  CREATE INDEX "payload_locked_documents_rels_quiz_attempts_id_idx" ON "payload_locked_documents_rels" USING btree ("quiz_attempts_id");
  CREATE INDEX "payload_locked_documents_rels_points_ledger_id_idx" ON "payload_locked_documents_rels" USING btree ("points_ledger_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "study_progress" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "study_events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "study_sessions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "quiz_attempts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "points_ledger" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "platform_settings_points_rules" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "study_progress" CASCADE;
  DROP TABLE "study_events" CASCADE;
  DROP TABLE "study_sessions" CASCADE;
  DROP TABLE "quiz_attempts" CASCADE;
  DROP TABLE "points_ledger" CASCADE;
  DROP TABLE "platform_settings_points_rules" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_study_progress_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_study_events_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_study_sessions_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_quiz_attempts_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_points_ledger_fk";
  
  DROP INDEX "payload_locked_documents_rels_study_progress_id_idx";
  DROP INDEX "payload_locked_documents_rels_study_events_id_idx";
  DROP INDEX "payload_locked_documents_rels_study_sessions_id_idx";
  DROP INDEX "payload_locked_documents_rels_quiz_attempts_id_idx";
  DROP INDEX "payload_locked_documents_rels_points_ledger_id_idx";
  ALTER TABLE "quizzes" DROP COLUMN "required_to_complete";
  ALTER TABLE "quizzes" DROP COLUMN "partial_credit";
  ALTER TABLE "_quizzes_v" DROP COLUMN "version_required_to_complete";
  ALTER TABLE "_quizzes_v" DROP COLUMN "version_partial_credit";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "study_progress_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "study_events_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "study_sessions_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "quiz_attempts_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "points_ledger_id";
  DROP TYPE "public"."enum_study_progress_item_collection";
  DROP TYPE "public"."enum_study_events_item_collection";
  DROP TYPE "public"."enum_study_events_kind";
  DROP TYPE "public"."enum_quiz_attempts_status";
  DROP TYPE "public"."enum_points_ledger_rule";
  DROP TYPE "public"."enum_platform_settings_points_rules_rule";`)
}
