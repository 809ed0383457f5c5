import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_news_column" AS ENUM('headlines', 'notices', 'grassroots', 'theory');
  CREATE TYPE "public"."enum_news_review_state" AS ENUM('draft', 'pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled', 'published', 'returned', 'withdrawn');
  CREATE TYPE "public"."enum_news_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__news_v_version_column" AS ENUM('headlines', 'notices', 'grassroots', 'theory');
  CREATE TYPE "public"."enum__news_v_version_review_state" AS ENUM('draft', 'pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled', 'published', 'returned', 'withdrawn');
  CREATE TYPE "public"."enum__news_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_red_resources_kind" AS ENUM('document', 'image', 'video', 'educationBase', 'meetingDocument', 'person', 'site');
  CREATE TYPE "public"."enum_red_resources_period" AS ENUM('newDemocratic', 'socialistConstruction', 'reformOpening', 'newEra');
  CREATE TYPE "public"."enum_red_resources_review_state" AS ENUM('draft', 'pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled', 'published', 'returned', 'withdrawn');
  CREATE TYPE "public"."enum_red_resources_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__red_resources_v_version_kind" AS ENUM('document', 'image', 'video', 'educationBase', 'meetingDocument', 'person', 'site');
  CREATE TYPE "public"."enum__red_resources_v_version_period" AS ENUM('newDemocratic', 'socialistConstruction', 'reformOpening', 'newEra');
  CREATE TYPE "public"."enum__red_resources_v_version_review_state" AS ENUM('draft', 'pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled', 'published', 'returned', 'withdrawn');
  CREATE TYPE "public"."enum__red_resources_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_courses_audience_stages" AS ENUM('masses', 'applicant', 'activist', 'developmentTarget', 'probationary', 'full');
  CREATE TYPE "public"."enum_courses_requirement" AS ENUM('required', 'elective');
  CREATE TYPE "public"."enum_courses_review_state" AS ENUM('draft', 'pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled', 'published', 'returned', 'withdrawn');
  CREATE TYPE "public"."enum_courses_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__courses_v_version_audience_stages" AS ENUM('masses', 'applicant', 'activist', 'developmentTarget', 'probationary', 'full');
  CREATE TYPE "public"."enum__courses_v_version_requirement" AS ENUM('required', 'elective');
  CREATE TYPE "public"."enum__courses_v_version_review_state" AS ENUM('draft', 'pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled', 'published', 'returned', 'withdrawn');
  CREATE TYPE "public"."enum__courses_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_micro_lessons_audience_stages" AS ENUM('masses', 'applicant', 'activist', 'developmentTarget', 'probationary', 'full');
  CREATE TYPE "public"."enum_micro_lessons_kind" AS ENUM('video', 'audio', 'article');
  CREATE TYPE "public"."enum_micro_lessons_review_state" AS ENUM('draft', 'pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled', 'published', 'returned', 'withdrawn');
  CREATE TYPE "public"."enum_micro_lessons_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__micro_lessons_v_version_audience_stages" AS ENUM('masses', 'applicant', 'activist', 'developmentTarget', 'probationary', 'full');
  CREATE TYPE "public"."enum__micro_lessons_v_version_kind" AS ENUM('video', 'audio', 'article');
  CREATE TYPE "public"."enum__micro_lessons_v_version_review_state" AS ENUM('draft', 'pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled', 'published', 'returned', 'withdrawn');
  CREATE TYPE "public"."enum__micro_lessons_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_quizzes_audience_stages" AS ENUM('masses', 'applicant', 'activist', 'developmentTarget', 'probationary', 'full');
  CREATE TYPE "public"."enum_quizzes_mode" AS ENUM('lesson', 'daily', 'topic', 'competition');
  CREATE TYPE "public"."enum_quizzes_question_source" AS ENUM('fixed', 'random');
  CREATE TYPE "public"."enum_quizzes_draw_difficulty" AS ENUM('any', 'easy', 'medium', 'hard');
  CREATE TYPE "public"."enum_quizzes_review_state" AS ENUM('draft', 'pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled', 'published', 'returned', 'withdrawn');
  CREATE TYPE "public"."enum_quizzes_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__quizzes_v_version_audience_stages" AS ENUM('masses', 'applicant', 'activist', 'developmentTarget', 'probationary', 'full');
  CREATE TYPE "public"."enum__quizzes_v_version_mode" AS ENUM('lesson', 'daily', 'topic', 'competition');
  CREATE TYPE "public"."enum__quizzes_v_version_question_source" AS ENUM('fixed', 'random');
  CREATE TYPE "public"."enum__quizzes_v_version_draw_difficulty" AS ENUM('any', 'easy', 'medium', 'hard');
  CREATE TYPE "public"."enum__quizzes_v_version_review_state" AS ENUM('draft', 'pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled', 'published', 'returned', 'withdrawn');
  CREATE TYPE "public"."enum__quizzes_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_review_logs_item_collection" AS ENUM('courses', 'micro-lessons', 'red-resources', 'news', 'quizzes');
  CREATE TYPE "public"."enum_review_logs_action" AS ENUM('submit', 'approve', 'return', 'withdraw', 'publish');
  CREATE TYPE "public"."enum_review_logs_from_state" AS ENUM('draft', 'pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled', 'published', 'returned', 'withdrawn');
  CREATE TYPE "public"."enum_review_logs_to_state" AS ENUM('draft', 'pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled', 'published', 'returned', 'withdrawn');
  CREATE TYPE "public"."enum_review_logs_level" AS ENUM('1', '2', '3');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'schedulePublish');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'schedulePublish');
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'publish';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'withdraw';
  CREATE TABLE "news" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"column" "enum_news_column",
  	"summary" varchar,
  	"cover_id" integer,
  	"body" jsonb,
  	"source" varchar,
  	"author" varchar,
  	"pinned_until" timestamp(3) with time zone,
  	"review_state" "enum_news_review_state" DEFAULT 'draft',
  	"review_note" varchar,
  	"created_by_id" integer,
  	"published_at" timestamp(3) with time zone,
  	"scheduled_at" timestamp(3) with time zone,
  	"review_approvals" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_news_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "news_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"themes_id" integer
  );
  
  CREATE TABLE "_news_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_column" "enum__news_v_version_column",
  	"version_summary" varchar,
  	"version_cover_id" integer,
  	"version_body" jsonb,
  	"version_source" varchar,
  	"version_author" varchar,
  	"version_pinned_until" timestamp(3) with time zone,
  	"version_review_state" "enum__news_v_version_review_state" DEFAULT 'draft',
  	"version_review_note" varchar,
  	"version_created_by_id" integer,
  	"version_published_at" timestamp(3) with time zone,
  	"version_scheduled_at" timestamp(3) with time zone,
  	"version_review_approvals" jsonb,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__news_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_news_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"themes_id" integer
  );
  
  CREATE TABLE "red_resources" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"kind" "enum_red_resources_kind",
  	"period" "enum_red_resources_period",
  	"summary" varchar,
  	"cover_id" integer,
  	"body" jsonb,
  	"address" varchar,
  	"latitude" numeric,
  	"longitude" numeric,
  	"source" varchar,
  	"provenance" varchar,
  	"review_state" "enum_red_resources_review_state" DEFAULT 'draft',
  	"review_note" varchar,
  	"created_by_id" integer,
  	"published_at" timestamp(3) with time zone,
  	"scheduled_at" timestamp(3) with time zone,
  	"review_approvals" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_red_resources_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "red_resources_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"media_id" integer,
  	"themes_id" integer
  );
  
  CREATE TABLE "_red_resources_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_kind" "enum__red_resources_v_version_kind",
  	"version_period" "enum__red_resources_v_version_period",
  	"version_summary" varchar,
  	"version_cover_id" integer,
  	"version_body" jsonb,
  	"version_address" varchar,
  	"version_latitude" numeric,
  	"version_longitude" numeric,
  	"version_source" varchar,
  	"version_provenance" varchar,
  	"version_review_state" "enum__red_resources_v_version_review_state" DEFAULT 'draft',
  	"version_review_note" varchar,
  	"version_created_by_id" integer,
  	"version_published_at" timestamp(3) with time zone,
  	"version_scheduled_at" timestamp(3) with time zone,
  	"version_review_approvals" jsonb,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__red_resources_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_red_resources_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"media_id" integer,
  	"themes_id" integer
  );
  
  CREATE TABLE "courses_audience_stages" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_courses_audience_stages",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "courses" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"summary" varchar,
  	"cover_id" integer,
  	"requirement" "enum_courses_requirement" DEFAULT 'elective',
  	"body" jsonb,
  	"final_quiz_id" integer,
  	"curator_id" integer,
  	"audience_all_stages" boolean DEFAULT true,
  	"audience_all_organizations" boolean DEFAULT true,
  	"review_state" "enum_courses_review_state" DEFAULT 'draft',
  	"review_note" varchar,
  	"created_by_id" integer,
  	"published_at" timestamp(3) with time zone,
  	"scheduled_at" timestamp(3) with time zone,
  	"review_approvals" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_courses_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "courses_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"micro_lessons_id" integer,
  	"themes_id" integer,
  	"organizations_id" integer
  );
  
  CREATE TABLE "_courses_v_version_audience_stages" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum__courses_v_version_audience_stages",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "_courses_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_summary" varchar,
  	"version_cover_id" integer,
  	"version_requirement" "enum__courses_v_version_requirement" DEFAULT 'elective',
  	"version_body" jsonb,
  	"version_final_quiz_id" integer,
  	"version_curator_id" integer,
  	"version_audience_all_stages" boolean DEFAULT true,
  	"version_audience_all_organizations" boolean DEFAULT true,
  	"version_review_state" "enum__courses_v_version_review_state" DEFAULT 'draft',
  	"version_review_note" varchar,
  	"version_created_by_id" integer,
  	"version_published_at" timestamp(3) with time zone,
  	"version_scheduled_at" timestamp(3) with time zone,
  	"version_review_approvals" jsonb,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__courses_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_courses_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"micro_lessons_id" integer,
  	"themes_id" integer,
  	"organizations_id" integer
  );
  
  CREATE TABLE "micro_lessons_audience_stages" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_micro_lessons_audience_stages",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "micro_lessons" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"kind" "enum_micro_lessons_kind" DEFAULT 'article',
  	"duration_minutes" numeric,
  	"credit_hours" numeric,
  	"summary" varchar,
  	"media_id" integer,
  	"body" jsonb,
  	"cover_id" integer,
  	"speaker" varchar,
  	"source" varchar,
  	"quiz_id" integer,
  	"audience_all_stages" boolean DEFAULT true,
  	"audience_all_organizations" boolean DEFAULT true,
  	"review_state" "enum_micro_lessons_review_state" DEFAULT 'draft',
  	"review_note" varchar,
  	"created_by_id" integer,
  	"published_at" timestamp(3) with time zone,
  	"scheduled_at" timestamp(3) with time zone,
  	"review_approvals" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_micro_lessons_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "micro_lessons_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"themes_id" integer,
  	"organizations_id" integer
  );
  
  CREATE TABLE "_micro_lessons_v_version_audience_stages" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum__micro_lessons_v_version_audience_stages",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "_micro_lessons_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_kind" "enum__micro_lessons_v_version_kind" DEFAULT 'article',
  	"version_duration_minutes" numeric,
  	"version_credit_hours" numeric,
  	"version_summary" varchar,
  	"version_media_id" integer,
  	"version_body" jsonb,
  	"version_cover_id" integer,
  	"version_speaker" varchar,
  	"version_source" varchar,
  	"version_quiz_id" integer,
  	"version_audience_all_stages" boolean DEFAULT true,
  	"version_audience_all_organizations" boolean DEFAULT true,
  	"version_review_state" "enum__micro_lessons_v_version_review_state" DEFAULT 'draft',
  	"version_review_note" varchar,
  	"version_created_by_id" integer,
  	"version_published_at" timestamp(3) with time zone,
  	"version_scheduled_at" timestamp(3) with time zone,
  	"version_review_approvals" jsonb,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__micro_lessons_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_micro_lessons_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"themes_id" integer,
  	"organizations_id" integer
  );
  
  CREATE TABLE "quizzes_audience_stages" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_quizzes_audience_stages",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "quizzes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"summary" varchar,
  	"mode" "enum_quizzes_mode",
  	"question_source" "enum_quizzes_question_source" DEFAULT 'fixed',
  	"draw_count" numeric,
  	"draw_difficulty" "enum_quizzes_draw_difficulty" DEFAULT 'any',
  	"pass_score" numeric DEFAULT 60,
  	"time_limit_minutes" numeric,
  	"attempts_allowed" numeric DEFAULT 0,
  	"opens_at" timestamp(3) with time zone,
  	"closes_at" timestamp(3) with time zone,
  	"shuffle_questions" boolean DEFAULT true,
  	"shuffle_options" boolean DEFAULT true,
  	"audience_all_stages" boolean DEFAULT true,
  	"audience_all_organizations" boolean DEFAULT true,
  	"review_state" "enum_quizzes_review_state" DEFAULT 'draft',
  	"review_note" varchar,
  	"created_by_id" integer,
  	"published_at" timestamp(3) with time zone,
  	"scheduled_at" timestamp(3) with time zone,
  	"review_approvals" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_quizzes_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "quizzes_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"questions_id" integer,
  	"themes_id" integer,
  	"organizations_id" integer
  );
  
  CREATE TABLE "_quizzes_v_version_audience_stages" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum__quizzes_v_version_audience_stages",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "_quizzes_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_summary" varchar,
  	"version_mode" "enum__quizzes_v_version_mode",
  	"version_question_source" "enum__quizzes_v_version_question_source" DEFAULT 'fixed',
  	"version_draw_count" numeric,
  	"version_draw_difficulty" "enum__quizzes_v_version_draw_difficulty" DEFAULT 'any',
  	"version_pass_score" numeric DEFAULT 60,
  	"version_time_limit_minutes" numeric,
  	"version_attempts_allowed" numeric DEFAULT 0,
  	"version_opens_at" timestamp(3) with time zone,
  	"version_closes_at" timestamp(3) with time zone,
  	"version_shuffle_questions" boolean DEFAULT true,
  	"version_shuffle_options" boolean DEFAULT true,
  	"version_audience_all_stages" boolean DEFAULT true,
  	"version_audience_all_organizations" boolean DEFAULT true,
  	"version_review_state" "enum__quizzes_v_version_review_state" DEFAULT 'draft',
  	"version_review_note" varchar,
  	"version_created_by_id" integer,
  	"version_published_at" timestamp(3) with time zone,
  	"version_scheduled_at" timestamp(3) with time zone,
  	"version_review_approvals" jsonb,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__quizzes_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_quizzes_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"questions_id" integer,
  	"themes_id" integer,
  	"organizations_id" integer
  );
  
  CREATE TABLE "review_logs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"item_collection" "enum_review_logs_item_collection" NOT NULL,
  	"item_id" varchar NOT NULL,
  	"item_title" varchar NOT NULL,
  	"action" "enum_review_logs_action" NOT NULL,
  	"from_state" "enum_review_logs_from_state" NOT NULL,
  	"to_state" "enum_review_logs_to_state" NOT NULL,
  	"level" "enum_review_logs_level",
  	"reason" varchar,
  	"sensitive_hits" jsonb,
  	"actor_id" integer,
  	"actor_name" varchar NOT NULL,
  	"author_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "news_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "red_resources_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "courses_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "micro_lessons_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "quizzes_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "review_logs_id" integer;
  ALTER TABLE "news" ADD CONSTRAINT "news_cover_id_media_id_fk" FOREIGN KEY ("cover_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "news" ADD CONSTRAINT "news_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "news_rels" ADD CONSTRAINT "news_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."news"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "news_rels" ADD CONSTRAINT "news_rels_themes_fk" FOREIGN KEY ("themes_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_news_v" ADD CONSTRAINT "_news_v_parent_id_news_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."news"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_news_v" ADD CONSTRAINT "_news_v_version_cover_id_media_id_fk" FOREIGN KEY ("version_cover_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_news_v" ADD CONSTRAINT "_news_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_news_v_rels" ADD CONSTRAINT "_news_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_news_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_news_v_rels" ADD CONSTRAINT "_news_v_rels_themes_fk" FOREIGN KEY ("themes_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "red_resources" ADD CONSTRAINT "red_resources_cover_id_media_id_fk" FOREIGN KEY ("cover_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "red_resources" ADD CONSTRAINT "red_resources_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "red_resources_rels" ADD CONSTRAINT "red_resources_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."red_resources"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "red_resources_rels" ADD CONSTRAINT "red_resources_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "red_resources_rels" ADD CONSTRAINT "red_resources_rels_themes_fk" FOREIGN KEY ("themes_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_red_resources_v" ADD CONSTRAINT "_red_resources_v_parent_id_red_resources_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."red_resources"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_red_resources_v" ADD CONSTRAINT "_red_resources_v_version_cover_id_media_id_fk" FOREIGN KEY ("version_cover_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_red_resources_v" ADD CONSTRAINT "_red_resources_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_red_resources_v_rels" ADD CONSTRAINT "_red_resources_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_red_resources_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_red_resources_v_rels" ADD CONSTRAINT "_red_resources_v_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_red_resources_v_rels" ADD CONSTRAINT "_red_resources_v_rels_themes_fk" FOREIGN KEY ("themes_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "courses_audience_stages" ADD CONSTRAINT "courses_audience_stages_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "courses" ADD CONSTRAINT "courses_cover_id_media_id_fk" FOREIGN KEY ("cover_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "courses" ADD CONSTRAINT "courses_final_quiz_id_quizzes_id_fk" FOREIGN KEY ("final_quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "courses" ADD CONSTRAINT "courses_curator_id_users_id_fk" FOREIGN KEY ("curator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "courses" ADD CONSTRAINT "courses_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "courses_rels" ADD CONSTRAINT "courses_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "courses_rels" ADD CONSTRAINT "courses_rels_micro_lessons_fk" FOREIGN KEY ("micro_lessons_id") REFERENCES "public"."micro_lessons"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "courses_rels" ADD CONSTRAINT "courses_rels_themes_fk" FOREIGN KEY ("themes_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "courses_rels" ADD CONSTRAINT "courses_rels_organizations_fk" FOREIGN KEY ("organizations_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_courses_v_version_audience_stages" ADD CONSTRAINT "_courses_v_version_audience_stages_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_courses_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_courses_v" ADD CONSTRAINT "_courses_v_parent_id_courses_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_courses_v" ADD CONSTRAINT "_courses_v_version_cover_id_media_id_fk" FOREIGN KEY ("version_cover_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_courses_v" ADD CONSTRAINT "_courses_v_version_final_quiz_id_quizzes_id_fk" FOREIGN KEY ("version_final_quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_courses_v" ADD CONSTRAINT "_courses_v_version_curator_id_users_id_fk" FOREIGN KEY ("version_curator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_courses_v" ADD CONSTRAINT "_courses_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_courses_v_rels" ADD CONSTRAINT "_courses_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_courses_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_courses_v_rels" ADD CONSTRAINT "_courses_v_rels_micro_lessons_fk" FOREIGN KEY ("micro_lessons_id") REFERENCES "public"."micro_lessons"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_courses_v_rels" ADD CONSTRAINT "_courses_v_rels_themes_fk" FOREIGN KEY ("themes_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_courses_v_rels" ADD CONSTRAINT "_courses_v_rels_organizations_fk" FOREIGN KEY ("organizations_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "micro_lessons_audience_stages" ADD CONSTRAINT "micro_lessons_audience_stages_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."micro_lessons"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "micro_lessons" ADD CONSTRAINT "micro_lessons_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "micro_lessons" ADD CONSTRAINT "micro_lessons_cover_id_media_id_fk" FOREIGN KEY ("cover_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "micro_lessons" ADD CONSTRAINT "micro_lessons_quiz_id_quizzes_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "micro_lessons" ADD CONSTRAINT "micro_lessons_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "micro_lessons_rels" ADD CONSTRAINT "micro_lessons_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."micro_lessons"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "micro_lessons_rels" ADD CONSTRAINT "micro_lessons_rels_themes_fk" FOREIGN KEY ("themes_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "micro_lessons_rels" ADD CONSTRAINT "micro_lessons_rels_organizations_fk" FOREIGN KEY ("organizations_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_micro_lessons_v_version_audience_stages" ADD CONSTRAINT "_micro_lessons_v_version_audience_stages_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_micro_lessons_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_micro_lessons_v" ADD CONSTRAINT "_micro_lessons_v_parent_id_micro_lessons_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."micro_lessons"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_micro_lessons_v" ADD CONSTRAINT "_micro_lessons_v_version_media_id_media_id_fk" FOREIGN KEY ("version_media_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_micro_lessons_v" ADD CONSTRAINT "_micro_lessons_v_version_cover_id_media_id_fk" FOREIGN KEY ("version_cover_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_micro_lessons_v" ADD CONSTRAINT "_micro_lessons_v_version_quiz_id_quizzes_id_fk" FOREIGN KEY ("version_quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_micro_lessons_v" ADD CONSTRAINT "_micro_lessons_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_micro_lessons_v_rels" ADD CONSTRAINT "_micro_lessons_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_micro_lessons_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_micro_lessons_v_rels" ADD CONSTRAINT "_micro_lessons_v_rels_themes_fk" FOREIGN KEY ("themes_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_micro_lessons_v_rels" ADD CONSTRAINT "_micro_lessons_v_rels_organizations_fk" FOREIGN KEY ("organizations_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "quizzes_audience_stages" ADD CONSTRAINT "quizzes_audience_stages_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "quizzes" ADD CONSTRAINT "quizzes_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quizzes_rels" ADD CONSTRAINT "quizzes_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "quizzes_rels" ADD CONSTRAINT "quizzes_rels_questions_fk" FOREIGN KEY ("questions_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "quizzes_rels" ADD CONSTRAINT "quizzes_rels_themes_fk" FOREIGN KEY ("themes_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "quizzes_rels" ADD CONSTRAINT "quizzes_rels_organizations_fk" FOREIGN KEY ("organizations_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_quizzes_v_version_audience_stages" ADD CONSTRAINT "_quizzes_v_version_audience_stages_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_quizzes_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_quizzes_v" ADD CONSTRAINT "_quizzes_v_parent_id_quizzes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."quizzes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_quizzes_v" ADD CONSTRAINT "_quizzes_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_quizzes_v_rels" ADD CONSTRAINT "_quizzes_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_quizzes_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_quizzes_v_rels" ADD CONSTRAINT "_quizzes_v_rels_questions_fk" FOREIGN KEY ("questions_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_quizzes_v_rels" ADD CONSTRAINT "_quizzes_v_rels_themes_fk" FOREIGN KEY ("themes_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_quizzes_v_rels" ADD CONSTRAINT "_quizzes_v_rels_organizations_fk" FOREIGN KEY ("organizations_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "review_logs" ADD CONSTRAINT "review_logs_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "review_logs" ADD CONSTRAINT "review_logs_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "news_title_idx" ON "news" USING btree ("title");
  CREATE INDEX "news_column_idx" ON "news" USING btree ("column");
  CREATE INDEX "news_cover_idx" ON "news" USING btree ("cover_id");
  CREATE INDEX "news_pinned_until_idx" ON "news" USING btree ("pinned_until");
  CREATE INDEX "news_review_state_idx" ON "news" USING btree ("review_state");
  CREATE INDEX "news_created_by_idx" ON "news" USING btree ("created_by_id");
  CREATE INDEX "news_published_at_idx" ON "news" USING btree ("published_at");
  CREATE INDEX "news_updated_at_idx" ON "news" USING btree ("updated_at");
  CREATE INDEX "news_created_at_idx" ON "news" USING btree ("created_at");
  CREATE INDEX "news__status_idx" ON "news" USING btree ("_status");
  CREATE INDEX "news_rels_order_idx" ON "news_rels" USING btree ("order");
  CREATE INDEX "news_rels_parent_idx" ON "news_rels" USING btree ("parent_id");
  CREATE INDEX "news_rels_path_idx" ON "news_rels" USING btree ("path");
  CREATE INDEX "news_rels_themes_id_idx" ON "news_rels" USING btree ("themes_id");
  CREATE INDEX "_news_v_parent_idx" ON "_news_v" USING btree ("parent_id");
  CREATE INDEX "_news_v_version_version_title_idx" ON "_news_v" USING btree ("version_title");
  CREATE INDEX "_news_v_version_version_column_idx" ON "_news_v" USING btree ("version_column");
  CREATE INDEX "_news_v_version_version_cover_idx" ON "_news_v" USING btree ("version_cover_id");
  CREATE INDEX "_news_v_version_version_pinned_until_idx" ON "_news_v" USING btree ("version_pinned_until");
  CREATE INDEX "_news_v_version_version_review_state_idx" ON "_news_v" USING btree ("version_review_state");
  CREATE INDEX "_news_v_version_version_created_by_idx" ON "_news_v" USING btree ("version_created_by_id");
  CREATE INDEX "_news_v_version_version_published_at_idx" ON "_news_v" USING btree ("version_published_at");
  CREATE INDEX "_news_v_version_version_updated_at_idx" ON "_news_v" USING btree ("version_updated_at");
  CREATE INDEX "_news_v_version_version_created_at_idx" ON "_news_v" USING btree ("version_created_at");
  CREATE INDEX "_news_v_version_version__status_idx" ON "_news_v" USING btree ("version__status");
  CREATE INDEX "_news_v_created_at_idx" ON "_news_v" USING btree ("created_at");
  CREATE INDEX "_news_v_updated_at_idx" ON "_news_v" USING btree ("updated_at");
  CREATE INDEX "_news_v_latest_idx" ON "_news_v" USING btree ("latest");
  CREATE INDEX "_news_v_rels_order_idx" ON "_news_v_rels" USING btree ("order");
  CREATE INDEX "_news_v_rels_parent_idx" ON "_news_v_rels" USING btree ("parent_id");
  CREATE INDEX "_news_v_rels_path_idx" ON "_news_v_rels" USING btree ("path");
  CREATE INDEX "_news_v_rels_themes_id_idx" ON "_news_v_rels" USING btree ("themes_id");
  CREATE INDEX "red_resources_title_idx" ON "red_resources" USING btree ("title");
  CREATE INDEX "red_resources_kind_idx" ON "red_resources" USING btree ("kind");
  CREATE INDEX "red_resources_period_idx" ON "red_resources" USING btree ("period");
  CREATE INDEX "red_resources_cover_idx" ON "red_resources" USING btree ("cover_id");
  CREATE INDEX "red_resources_review_state_idx" ON "red_resources" USING btree ("review_state");
  CREATE INDEX "red_resources_created_by_idx" ON "red_resources" USING btree ("created_by_id");
  CREATE INDEX "red_resources_published_at_idx" ON "red_resources" USING btree ("published_at");
  CREATE INDEX "red_resources_updated_at_idx" ON "red_resources" USING btree ("updated_at");
  CREATE INDEX "red_resources_created_at_idx" ON "red_resources" USING btree ("created_at");
  CREATE INDEX "red_resources__status_idx" ON "red_resources" USING btree ("_status");
  CREATE INDEX "red_resources_rels_order_idx" ON "red_resources_rels" USING btree ("order");
  CREATE INDEX "red_resources_rels_parent_idx" ON "red_resources_rels" USING btree ("parent_id");
  CREATE INDEX "red_resources_rels_path_idx" ON "red_resources_rels" USING btree ("path");
  CREATE INDEX "red_resources_rels_media_id_idx" ON "red_resources_rels" USING btree ("media_id");
  CREATE INDEX "red_resources_rels_themes_id_idx" ON "red_resources_rels" USING btree ("themes_id");
  CREATE INDEX "_red_resources_v_parent_idx" ON "_red_resources_v" USING btree ("parent_id");
  CREATE INDEX "_red_resources_v_version_version_title_idx" ON "_red_resources_v" USING btree ("version_title");
  CREATE INDEX "_red_resources_v_version_version_kind_idx" ON "_red_resources_v" USING btree ("version_kind");
  CREATE INDEX "_red_resources_v_version_version_period_idx" ON "_red_resources_v" USING btree ("version_period");
  CREATE INDEX "_red_resources_v_version_version_cover_idx" ON "_red_resources_v" USING btree ("version_cover_id");
  CREATE INDEX "_red_resources_v_version_version_review_state_idx" ON "_red_resources_v" USING btree ("version_review_state");
  CREATE INDEX "_red_resources_v_version_version_created_by_idx" ON "_red_resources_v" USING btree ("version_created_by_id");
  CREATE INDEX "_red_resources_v_version_version_published_at_idx" ON "_red_resources_v" USING btree ("version_published_at");
  CREATE INDEX "_red_resources_v_version_version_updated_at_idx" ON "_red_resources_v" USING btree ("version_updated_at");
  CREATE INDEX "_red_resources_v_version_version_created_at_idx" ON "_red_resources_v" USING btree ("version_created_at");
  CREATE INDEX "_red_resources_v_version_version__status_idx" ON "_red_resources_v" USING btree ("version__status");
  CREATE INDEX "_red_resources_v_created_at_idx" ON "_red_resources_v" USING btree ("created_at");
  CREATE INDEX "_red_resources_v_updated_at_idx" ON "_red_resources_v" USING btree ("updated_at");
  CREATE INDEX "_red_resources_v_latest_idx" ON "_red_resources_v" USING btree ("latest");
  CREATE INDEX "_red_resources_v_rels_order_idx" ON "_red_resources_v_rels" USING btree ("order");
  CREATE INDEX "_red_resources_v_rels_parent_idx" ON "_red_resources_v_rels" USING btree ("parent_id");
  CREATE INDEX "_red_resources_v_rels_path_idx" ON "_red_resources_v_rels" USING btree ("path");
  CREATE INDEX "_red_resources_v_rels_media_id_idx" ON "_red_resources_v_rels" USING btree ("media_id");
  CREATE INDEX "_red_resources_v_rels_themes_id_idx" ON "_red_resources_v_rels" USING btree ("themes_id");
  CREATE INDEX "courses_audience_stages_order_idx" ON "courses_audience_stages" USING btree ("order");
  CREATE INDEX "courses_audience_stages_parent_idx" ON "courses_audience_stages" USING btree ("parent_id");
  CREATE INDEX "courses_title_idx" ON "courses" USING btree ("title");
  CREATE INDEX "courses_cover_idx" ON "courses" USING btree ("cover_id");
  CREATE INDEX "courses_requirement_idx" ON "courses" USING btree ("requirement");
  CREATE INDEX "courses_final_quiz_idx" ON "courses" USING btree ("final_quiz_id");
  CREATE INDEX "courses_curator_idx" ON "courses" USING btree ("curator_id");
  CREATE INDEX "courses_audience_all_stages_idx" ON "courses" USING btree ("audience_all_stages");
  CREATE INDEX "courses_audience_all_organizations_idx" ON "courses" USING btree ("audience_all_organizations");
  CREATE INDEX "courses_review_state_idx" ON "courses" USING btree ("review_state");
  CREATE INDEX "courses_created_by_idx" ON "courses" USING btree ("created_by_id");
  CREATE INDEX "courses_published_at_idx" ON "courses" USING btree ("published_at");
  CREATE INDEX "courses_updated_at_idx" ON "courses" USING btree ("updated_at");
  CREATE INDEX "courses_created_at_idx" ON "courses" USING btree ("created_at");
  CREATE INDEX "courses__status_idx" ON "courses" USING btree ("_status");
  CREATE INDEX "courses_rels_order_idx" ON "courses_rels" USING btree ("order");
  CREATE INDEX "courses_rels_parent_idx" ON "courses_rels" USING btree ("parent_id");
  CREATE INDEX "courses_rels_path_idx" ON "courses_rels" USING btree ("path");
  CREATE INDEX "courses_rels_micro_lessons_id_idx" ON "courses_rels" USING btree ("micro_lessons_id");
  CREATE INDEX "courses_rels_themes_id_idx" ON "courses_rels" USING btree ("themes_id");
  CREATE INDEX "courses_rels_organizations_id_idx" ON "courses_rels" USING btree ("organizations_id");
  CREATE INDEX "_courses_v_version_audience_stages_order_idx" ON "_courses_v_version_audience_stages" USING btree ("order");
  CREATE INDEX "_courses_v_version_audience_stages_parent_idx" ON "_courses_v_version_audience_stages" USING btree ("parent_id");
  CREATE INDEX "_courses_v_parent_idx" ON "_courses_v" USING btree ("parent_id");
  CREATE INDEX "_courses_v_version_version_title_idx" ON "_courses_v" USING btree ("version_title");
  CREATE INDEX "_courses_v_version_version_cover_idx" ON "_courses_v" USING btree ("version_cover_id");
  CREATE INDEX "_courses_v_version_version_requirement_idx" ON "_courses_v" USING btree ("version_requirement");
  CREATE INDEX "_courses_v_version_version_final_quiz_idx" ON "_courses_v" USING btree ("version_final_quiz_id");
  CREATE INDEX "_courses_v_version_version_curator_idx" ON "_courses_v" USING btree ("version_curator_id");
  CREATE INDEX "_courses_v_version_version_audience_all_stages_idx" ON "_courses_v" USING btree ("version_audience_all_stages");
  CREATE INDEX "_courses_v_version_version_audience_all_organizations_idx" ON "_courses_v" USING btree ("version_audience_all_organizations");
  CREATE INDEX "_courses_v_version_version_review_state_idx" ON "_courses_v" USING btree ("version_review_state");
  CREATE INDEX "_courses_v_version_version_created_by_idx" ON "_courses_v" USING btree ("version_created_by_id");
  CREATE INDEX "_courses_v_version_version_published_at_idx" ON "_courses_v" USING btree ("version_published_at");
  CREATE INDEX "_courses_v_version_version_updated_at_idx" ON "_courses_v" USING btree ("version_updated_at");
  CREATE INDEX "_courses_v_version_version_created_at_idx" ON "_courses_v" USING btree ("version_created_at");
  CREATE INDEX "_courses_v_version_version__status_idx" ON "_courses_v" USING btree ("version__status");
  CREATE INDEX "_courses_v_created_at_idx" ON "_courses_v" USING btree ("created_at");
  CREATE INDEX "_courses_v_updated_at_idx" ON "_courses_v" USING btree ("updated_at");
  CREATE INDEX "_courses_v_latest_idx" ON "_courses_v" USING btree ("latest");
  CREATE INDEX "_courses_v_rels_order_idx" ON "_courses_v_rels" USING btree ("order");
  CREATE INDEX "_courses_v_rels_parent_idx" ON "_courses_v_rels" USING btree ("parent_id");
  CREATE INDEX "_courses_v_rels_path_idx" ON "_courses_v_rels" USING btree ("path");
  CREATE INDEX "_courses_v_rels_micro_lessons_id_idx" ON "_courses_v_rels" USING btree ("micro_lessons_id");
  CREATE INDEX "_courses_v_rels_themes_id_idx" ON "_courses_v_rels" USING btree ("themes_id");
  CREATE INDEX "_courses_v_rels_organizations_id_idx" ON "_courses_v_rels" USING btree ("organizations_id");
  CREATE INDEX "micro_lessons_audience_stages_order_idx" ON "micro_lessons_audience_stages" USING btree ("order");
  CREATE INDEX "micro_lessons_audience_stages_parent_idx" ON "micro_lessons_audience_stages" USING btree ("parent_id");
  CREATE INDEX "micro_lessons_title_idx" ON "micro_lessons" USING btree ("title");
  CREATE INDEX "micro_lessons_kind_idx" ON "micro_lessons" USING btree ("kind");
  CREATE INDEX "micro_lessons_media_idx" ON "micro_lessons" USING btree ("media_id");
  CREATE INDEX "micro_lessons_cover_idx" ON "micro_lessons" USING btree ("cover_id");
  CREATE INDEX "micro_lessons_quiz_idx" ON "micro_lessons" USING btree ("quiz_id");
  CREATE INDEX "micro_lessons_audience_all_stages_idx" ON "micro_lessons" USING btree ("audience_all_stages");
  CREATE INDEX "micro_lessons_audience_all_organizations_idx" ON "micro_lessons" USING btree ("audience_all_organizations");
  CREATE INDEX "micro_lessons_review_state_idx" ON "micro_lessons" USING btree ("review_state");
  CREATE INDEX "micro_lessons_created_by_idx" ON "micro_lessons" USING btree ("created_by_id");
  CREATE INDEX "micro_lessons_published_at_idx" ON "micro_lessons" USING btree ("published_at");
  CREATE INDEX "micro_lessons_updated_at_idx" ON "micro_lessons" USING btree ("updated_at");
  CREATE INDEX "micro_lessons_created_at_idx" ON "micro_lessons" USING btree ("created_at");
  CREATE INDEX "micro_lessons__status_idx" ON "micro_lessons" USING btree ("_status");
  CREATE INDEX "micro_lessons_rels_order_idx" ON "micro_lessons_rels" USING btree ("order");
  CREATE INDEX "micro_lessons_rels_parent_idx" ON "micro_lessons_rels" USING btree ("parent_id");
  CREATE INDEX "micro_lessons_rels_path_idx" ON "micro_lessons_rels" USING btree ("path");
  CREATE INDEX "micro_lessons_rels_themes_id_idx" ON "micro_lessons_rels" USING btree ("themes_id");
  CREATE INDEX "micro_lessons_rels_organizations_id_idx" ON "micro_lessons_rels" USING btree ("organizations_id");
  CREATE INDEX "_micro_lessons_v_version_audience_stages_order_idx" ON "_micro_lessons_v_version_audience_stages" USING btree ("order");
  CREATE INDEX "_micro_lessons_v_version_audience_stages_parent_idx" ON "_micro_lessons_v_version_audience_stages" USING btree ("parent_id");
  CREATE INDEX "_micro_lessons_v_parent_idx" ON "_micro_lessons_v" USING btree ("parent_id");
  CREATE INDEX "_micro_lessons_v_version_version_title_idx" ON "_micro_lessons_v" USING btree ("version_title");
  CREATE INDEX "_micro_lessons_v_version_version_kind_idx" ON "_micro_lessons_v" USING btree ("version_kind");
  CREATE INDEX "_micro_lessons_v_version_version_media_idx" ON "_micro_lessons_v" USING btree ("version_media_id");
  CREATE INDEX "_micro_lessons_v_version_version_cover_idx" ON "_micro_lessons_v" USING btree ("version_cover_id");
  CREATE INDEX "_micro_lessons_v_version_version_quiz_idx" ON "_micro_lessons_v" USING btree ("version_quiz_id");
  CREATE INDEX "_micro_lessons_v_version_version_audience_all_stages_idx" ON "_micro_lessons_v" USING btree ("version_audience_all_stages");
  CREATE INDEX "_micro_lessons_v_version_version_audience_all_organizati_idx" ON "_micro_lessons_v" USING btree ("version_audience_all_organizations");
  CREATE INDEX "_micro_lessons_v_version_version_review_state_idx" ON "_micro_lessons_v" USING btree ("version_review_state");
  CREATE INDEX "_micro_lessons_v_version_version_created_by_idx" ON "_micro_lessons_v" USING btree ("version_created_by_id");
  CREATE INDEX "_micro_lessons_v_version_version_published_at_idx" ON "_micro_lessons_v" USING btree ("version_published_at");
  CREATE INDEX "_micro_lessons_v_version_version_updated_at_idx" ON "_micro_lessons_v" USING btree ("version_updated_at");
  CREATE INDEX "_micro_lessons_v_version_version_created_at_idx" ON "_micro_lessons_v" USING btree ("version_created_at");
  CREATE INDEX "_micro_lessons_v_version_version__status_idx" ON "_micro_lessons_v" USING btree ("version__status");
  CREATE INDEX "_micro_lessons_v_created_at_idx" ON "_micro_lessons_v" USING btree ("created_at");
  CREATE INDEX "_micro_lessons_v_updated_at_idx" ON "_micro_lessons_v" USING btree ("updated_at");
  CREATE INDEX "_micro_lessons_v_latest_idx" ON "_micro_lessons_v" USING btree ("latest");
  CREATE INDEX "_micro_lessons_v_rels_order_idx" ON "_micro_lessons_v_rels" USING btree ("order");
  CREATE INDEX "_micro_lessons_v_rels_parent_idx" ON "_micro_lessons_v_rels" USING btree ("parent_id");
  CREATE INDEX "_micro_lessons_v_rels_path_idx" ON "_micro_lessons_v_rels" USING btree ("path");
  CREATE INDEX "_micro_lessons_v_rels_themes_id_idx" ON "_micro_lessons_v_rels" USING btree ("themes_id");
  CREATE INDEX "_micro_lessons_v_rels_organizations_id_idx" ON "_micro_lessons_v_rels" USING btree ("organizations_id");
  CREATE INDEX "quizzes_audience_stages_order_idx" ON "quizzes_audience_stages" USING btree ("order");
  CREATE INDEX "quizzes_audience_stages_parent_idx" ON "quizzes_audience_stages" USING btree ("parent_id");
  CREATE INDEX "quizzes_title_idx" ON "quizzes" USING btree ("title");
  CREATE INDEX "quizzes_mode_idx" ON "quizzes" USING btree ("mode");
  CREATE INDEX "quizzes_audience_all_stages_idx" ON "quizzes" USING btree ("audience_all_stages");
  CREATE INDEX "quizzes_audience_all_organizations_idx" ON "quizzes" USING btree ("audience_all_organizations");
  CREATE INDEX "quizzes_review_state_idx" ON "quizzes" USING btree ("review_state");
  CREATE INDEX "quizzes_created_by_idx" ON "quizzes" USING btree ("created_by_id");
  CREATE INDEX "quizzes_published_at_idx" ON "quizzes" USING btree ("published_at");
  CREATE INDEX "quizzes_updated_at_idx" ON "quizzes" USING btree ("updated_at");
  CREATE INDEX "quizzes_created_at_idx" ON "quizzes" USING btree ("created_at");
  CREATE INDEX "quizzes__status_idx" ON "quizzes" USING btree ("_status");
  CREATE INDEX "quizzes_rels_order_idx" ON "quizzes_rels" USING btree ("order");
  CREATE INDEX "quizzes_rels_parent_idx" ON "quizzes_rels" USING btree ("parent_id");
  CREATE INDEX "quizzes_rels_path_idx" ON "quizzes_rels" USING btree ("path");
  CREATE INDEX "quizzes_rels_questions_id_idx" ON "quizzes_rels" USING btree ("questions_id");
  CREATE INDEX "quizzes_rels_themes_id_idx" ON "quizzes_rels" USING btree ("themes_id");
  CREATE INDEX "quizzes_rels_organizations_id_idx" ON "quizzes_rels" USING btree ("organizations_id");
  CREATE INDEX "_quizzes_v_version_audience_stages_order_idx" ON "_quizzes_v_version_audience_stages" USING btree ("order");
  CREATE INDEX "_quizzes_v_version_audience_stages_parent_idx" ON "_quizzes_v_version_audience_stages" USING btree ("parent_id");
  CREATE INDEX "_quizzes_v_parent_idx" ON "_quizzes_v" USING btree ("parent_id");
  CREATE INDEX "_quizzes_v_version_version_title_idx" ON "_quizzes_v" USING btree ("version_title");
  CREATE INDEX "_quizzes_v_version_version_mode_idx" ON "_quizzes_v" USING btree ("version_mode");
  CREATE INDEX "_quizzes_v_version_version_audience_all_stages_idx" ON "_quizzes_v" USING btree ("version_audience_all_stages");
  CREATE INDEX "_quizzes_v_version_version_audience_all_organizations_idx" ON "_quizzes_v" USING btree ("version_audience_all_organizations");
  CREATE INDEX "_quizzes_v_version_version_review_state_idx" ON "_quizzes_v" USING btree ("version_review_state");
  CREATE INDEX "_quizzes_v_version_version_created_by_idx" ON "_quizzes_v" USING btree ("version_created_by_id");
  CREATE INDEX "_quizzes_v_version_version_published_at_idx" ON "_quizzes_v" USING btree ("version_published_at");
  CREATE INDEX "_quizzes_v_version_version_updated_at_idx" ON "_quizzes_v" USING btree ("version_updated_at");
  CREATE INDEX "_quizzes_v_version_version_created_at_idx" ON "_quizzes_v" USING btree ("version_created_at");
  CREATE INDEX "_quizzes_v_version_version__status_idx" ON "_quizzes_v" USING btree ("version__status");
  CREATE INDEX "_quizzes_v_created_at_idx" ON "_quizzes_v" USING btree ("created_at");
  CREATE INDEX "_quizzes_v_updated_at_idx" ON "_quizzes_v" USING btree ("updated_at");
  CREATE INDEX "_quizzes_v_latest_idx" ON "_quizzes_v" USING btree ("latest");
  CREATE INDEX "_quizzes_v_rels_order_idx" ON "_quizzes_v_rels" USING btree ("order");
  CREATE INDEX "_quizzes_v_rels_parent_idx" ON "_quizzes_v_rels" USING btree ("parent_id");
  CREATE INDEX "_quizzes_v_rels_path_idx" ON "_quizzes_v_rels" USING btree ("path");
  CREATE INDEX "_quizzes_v_rels_questions_id_idx" ON "_quizzes_v_rels" USING btree ("questions_id");
  CREATE INDEX "_quizzes_v_rels_themes_id_idx" ON "_quizzes_v_rels" USING btree ("themes_id");
  CREATE INDEX "_quizzes_v_rels_organizations_id_idx" ON "_quizzes_v_rels" USING btree ("organizations_id");
  CREATE INDEX "review_logs_item_collection_idx" ON "review_logs" USING btree ("item_collection");
  CREATE INDEX "review_logs_item_id_idx" ON "review_logs" USING btree ("item_id");
  CREATE INDEX "review_logs_action_idx" ON "review_logs" USING btree ("action");
  CREATE INDEX "review_logs_to_state_idx" ON "review_logs" USING btree ("to_state");
  CREATE INDEX "review_logs_actor_idx" ON "review_logs" USING btree ("actor_id");
  CREATE INDEX "review_logs_author_idx" ON "review_logs" USING btree ("author_id");
  CREATE INDEX "review_logs_updated_at_idx" ON "review_logs" USING btree ("updated_at");
  CREATE INDEX "review_logs_created_at_idx" ON "review_logs" USING btree ("created_at");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_news_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_red_resources_fk" FOREIGN KEY ("red_resources_id") REFERENCES "public"."red_resources"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_courses_fk" FOREIGN KEY ("courses_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_micro_lessons_fk" FOREIGN KEY ("micro_lessons_id") REFERENCES "public"."micro_lessons"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_quizzes_fk" FOREIGN KEY ("quizzes_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_review_logs_fk" FOREIGN KEY ("review_logs_id") REFERENCES "public"."review_logs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_news_id_idx" ON "payload_locked_documents_rels" USING btree ("news_id");
  CREATE INDEX "payload_locked_documents_rels_red_resources_id_idx" ON "payload_locked_documents_rels" USING btree ("red_resources_id");
  CREATE INDEX "payload_locked_documents_rels_courses_id_idx" ON "payload_locked_documents_rels" USING btree ("courses_id");
  CREATE INDEX "payload_locked_documents_rels_micro_lessons_id_idx" ON "payload_locked_documents_rels" USING btree ("micro_lessons_id");
  CREATE INDEX "payload_locked_documents_rels_quizzes_id_idx" ON "payload_locked_documents_rels" USING btree ("quizzes_id");
  CREATE INDEX "payload_locked_documents_rels_review_logs_id_idx" ON "payload_locked_documents_rels" USING btree ("review_logs_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "news" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "news_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_news_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_news_v_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "red_resources" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "red_resources_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_red_resources_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_red_resources_v_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "courses_audience_stages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "courses" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "courses_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_courses_v_version_audience_stages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_courses_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_courses_v_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "micro_lessons_audience_stages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "micro_lessons" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "micro_lessons_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_micro_lessons_v_version_audience_stages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_micro_lessons_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_micro_lessons_v_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "quizzes_audience_stages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "quizzes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "quizzes_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_quizzes_v_version_audience_stages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_quizzes_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_quizzes_v_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "review_logs" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_log" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "news" CASCADE;
  DROP TABLE "news_rels" CASCADE;
  DROP TABLE "_news_v" CASCADE;
  DROP TABLE "_news_v_rels" CASCADE;
  DROP TABLE "red_resources" CASCADE;
  DROP TABLE "red_resources_rels" CASCADE;
  DROP TABLE "_red_resources_v" CASCADE;
  DROP TABLE "_red_resources_v_rels" CASCADE;
  DROP TABLE "courses_audience_stages" CASCADE;
  DROP TABLE "courses" CASCADE;
  DROP TABLE "courses_rels" CASCADE;
  DROP TABLE "_courses_v_version_audience_stages" CASCADE;
  DROP TABLE "_courses_v" CASCADE;
  DROP TABLE "_courses_v_rels" CASCADE;
  DROP TABLE "micro_lessons_audience_stages" CASCADE;
  DROP TABLE "micro_lessons" CASCADE;
  DROP TABLE "micro_lessons_rels" CASCADE;
  DROP TABLE "_micro_lessons_v_version_audience_stages" CASCADE;
  DROP TABLE "_micro_lessons_v" CASCADE;
  DROP TABLE "_micro_lessons_v_rels" CASCADE;
  DROP TABLE "quizzes_audience_stages" CASCADE;
  DROP TABLE "quizzes" CASCADE;
  DROP TABLE "quizzes_rels" CASCADE;
  DROP TABLE "_quizzes_v_version_audience_stages" CASCADE;
  DROP TABLE "_quizzes_v" CASCADE;
  DROP TABLE "_quizzes_v_rels" CASCADE;
  DROP TABLE "review_logs" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_news_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_red_resources_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_courses_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_micro_lessons_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_quizzes_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_review_logs_fk";
  
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_audit_logs_action";
  CREATE TYPE "public"."enum_audit_logs_action" AS ENUM('login', 'create', 'update', 'delete');
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE "public"."enum_audit_logs_action" USING "action"::"public"."enum_audit_logs_action";
  DROP INDEX "payload_locked_documents_rels_news_id_idx";
  DROP INDEX "payload_locked_documents_rels_red_resources_id_idx";
  DROP INDEX "payload_locked_documents_rels_courses_id_idx";
  DROP INDEX "payload_locked_documents_rels_micro_lessons_id_idx";
  DROP INDEX "payload_locked_documents_rels_quizzes_id_idx";
  DROP INDEX "payload_locked_documents_rels_review_logs_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "news_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "red_resources_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "courses_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "micro_lessons_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "quizzes_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "review_logs_id";
  DROP TYPE "public"."enum_news_column";
  DROP TYPE "public"."enum_news_review_state";
  DROP TYPE "public"."enum_news_status";
  DROP TYPE "public"."enum__news_v_version_column";
  DROP TYPE "public"."enum__news_v_version_review_state";
  DROP TYPE "public"."enum__news_v_version_status";
  DROP TYPE "public"."enum_red_resources_kind";
  DROP TYPE "public"."enum_red_resources_period";
  DROP TYPE "public"."enum_red_resources_review_state";
  DROP TYPE "public"."enum_red_resources_status";
  DROP TYPE "public"."enum__red_resources_v_version_kind";
  DROP TYPE "public"."enum__red_resources_v_version_period";
  DROP TYPE "public"."enum__red_resources_v_version_review_state";
  DROP TYPE "public"."enum__red_resources_v_version_status";
  DROP TYPE "public"."enum_courses_audience_stages";
  DROP TYPE "public"."enum_courses_requirement";
  DROP TYPE "public"."enum_courses_review_state";
  DROP TYPE "public"."enum_courses_status";
  DROP TYPE "public"."enum__courses_v_version_audience_stages";
  DROP TYPE "public"."enum__courses_v_version_requirement";
  DROP TYPE "public"."enum__courses_v_version_review_state";
  DROP TYPE "public"."enum__courses_v_version_status";
  DROP TYPE "public"."enum_micro_lessons_audience_stages";
  DROP TYPE "public"."enum_micro_lessons_kind";
  DROP TYPE "public"."enum_micro_lessons_review_state";
  DROP TYPE "public"."enum_micro_lessons_status";
  DROP TYPE "public"."enum__micro_lessons_v_version_audience_stages";
  DROP TYPE "public"."enum__micro_lessons_v_version_kind";
  DROP TYPE "public"."enum__micro_lessons_v_version_review_state";
  DROP TYPE "public"."enum__micro_lessons_v_version_status";
  DROP TYPE "public"."enum_quizzes_audience_stages";
  DROP TYPE "public"."enum_quizzes_mode";
  DROP TYPE "public"."enum_quizzes_question_source";
  DROP TYPE "public"."enum_quizzes_draw_difficulty";
  DROP TYPE "public"."enum_quizzes_review_state";
  DROP TYPE "public"."enum_quizzes_status";
  DROP TYPE "public"."enum__quizzes_v_version_audience_stages";
  DROP TYPE "public"."enum__quizzes_v_version_mode";
  DROP TYPE "public"."enum__quizzes_v_version_question_source";
  DROP TYPE "public"."enum__quizzes_v_version_draw_difficulty";
  DROP TYPE "public"."enum__quizzes_v_version_review_state";
  DROP TYPE "public"."enum__quizzes_v_version_status";
  DROP TYPE "public"."enum_review_logs_item_collection";
  DROP TYPE "public"."enum_review_logs_action";
  DROP TYPE "public"."enum_review_logs_from_state";
  DROP TYPE "public"."enum_review_logs_to_state";
  DROP TYPE "public"."enum_review_logs_level";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
