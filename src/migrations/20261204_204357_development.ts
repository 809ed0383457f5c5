import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * 发展党员 (issue 17): development_cases, _steps, _documents (uploads apart from the media library),
 * _notices (公示 with objections), _votes, _vote_turnout (who voted, unique per vote) and _ballots (what,
 * with a random id and no voter or time); courses.training_for and trainings.training_for; the stage
 * history's source; notification kinds and audit actions. From `payload migrate:create`.
 */

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_courses_training_for" AS ENUM('activist', 'target', 'probationary');
  CREATE TYPE "public"."enum__courses_v_version_training_for" AS ENUM('activist', 'target', 'probationary');
  CREATE TYPE "public"."enum_trainings_training_for" AS ENUM('activist', 'target', 'probationary');
  CREATE TYPE "public"."enum_development_cases_stage" AS ENUM('masses', 'applicant', 'activist', 'developmentTarget', 'probationary', 'full');
  CREATE TYPE "public"."enum_development_cases_status" AS ENUM('active', 'completed', 'cancelled');
  CREATE TYPE "public"."enum_development_votes_motion" AS ENUM('accept', 'confirm', 'extend', 'cancel');
  CREATE TYPE "public"."enum_development_votes_status" AS ENUM('open', 'closed');
  CREATE TYPE "public"."enum_development_vote_turnout_mode" AS ENUM('present', 'written');
  CREATE TYPE "public"."enum_development_ballots_choice" AS ENUM('for', 'against', 'abstain');
  CREATE TYPE "public"."enum_development_ballots_mode" AS ENUM('present', 'written');
  CREATE TYPE "public"."enum_users_stage_history_source" AS ENUM('initial', 'case', 'correction');
  ALTER TYPE "public"."enum_notifications_kind" ADD VALUE 'developmentDue';
  ALTER TYPE "public"."enum_notifications_kind" ADD VALUE 'developmentVote';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'developmentStep';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'stageCorrection';
  CREATE TABLE "development_cases" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"person_id" integer NOT NULL,
  	"organization_id" integer NOT NULL,
  	"rule_version" varchar NOT NULL,
  	"stage" "enum_development_cases_stage" NOT NULL,
  	"stage_since" timestamp(3) with time zone,
  	"next_step" numeric,
  	"status" "enum_development_cases_status" DEFAULT 'active' NOT NULL,
  	"extended" boolean,
  	"extension_months" numeric,
  	"opened_on" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "development_steps" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"case_id" integer NOT NULL,
  	"person_id" integer NOT NULL,
  	"organization_id" integer NOT NULL,
  	"no" numeric NOT NULL,
  	"title" varchar NOT NULL,
  	"date" timestamp(3) with time zone NOT NULL,
  	"done_by_id" integer,
  	"notes" varchar,
  	"vote_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "development_steps_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"development_documents_id" integer
  );
  
  CREATE TABLE "development_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"uploaded_by_id" integer,
  	"person_id" integer,
  	"organization_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric
  );
  
  CREATE TABLE "development_notices_objections" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"text" varchar NOT NULL,
  	"received_on" timestamp(3) with time zone NOT NULL,
  	"raised_by_id" integer,
  	"handled" boolean,
  	"handling" varchar,
  	"handled_by_id" integer
  );
  
  CREATE TABLE "development_notices" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"case_id" integer NOT NULL,
  	"person_id" integer NOT NULL,
  	"organization_id" integer NOT NULL,
  	"before_step" numeric NOT NULL,
  	"posted_on" timestamp(3) with time zone NOT NULL,
  	"ends_on" timestamp(3) with time zone NOT NULL,
  	"content" varchar,
  	"open_objections" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "development_votes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"case_id" integer NOT NULL,
  	"person_id" integer NOT NULL,
  	"organization_id" integer NOT NULL,
  	"step" numeric NOT NULL,
  	"motion" "enum_development_votes_motion" NOT NULL,
  	"extension_months" numeric,
  	"meeting_id" integer,
  	"status" "enum_development_votes_status" DEFAULT 'open' NOT NULL,
  	"opened_at" timestamp(3) with time zone,
  	"closed_at" timestamp(3) with time zone,
  	"expected" numeric NOT NULL,
  	"present" numeric,
  	"in_favour" numeric,
  	"against" numeric,
  	"abstain" numeric,
  	"written" numeric,
  	"passed" boolean,
  	"reason" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "development_votes_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "development_vote_turnout" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"vote_id" integer NOT NULL,
  	"voter_id" integer NOT NULL,
  	"organization_id" integer NOT NULL,
  	"mode" "enum_development_vote_turnout_mode" NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "development_ballots" (
  	"id" varchar PRIMARY KEY NOT NULL,
  	"vote_id" integer NOT NULL,
  	"choice" "enum_development_ballots_choice" NOT NULL,
  	"mode" "enum_development_ballots_mode" NOT NULL
  );
  
  ALTER TABLE "courses" ADD COLUMN "training_for" "enum_courses_training_for";
  ALTER TABLE "_courses_v" ADD COLUMN "version_training_for" "enum__courses_v_version_training_for";
  ALTER TABLE "trainings" ADD COLUMN "training_for" "enum_trainings_training_for";
  ALTER TABLE "users_stage_history" ADD COLUMN "source" "enum_users_stage_history_source";
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "development_cases_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "development_steps_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "development_documents_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "development_notices_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "development_votes_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "development_vote_turnout_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "development_ballots_id" varchar;
  ALTER TABLE "development_cases" ADD CONSTRAINT "development_cases_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_cases" ADD CONSTRAINT "development_cases_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_steps" ADD CONSTRAINT "development_steps_case_id_development_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."development_cases"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_steps" ADD CONSTRAINT "development_steps_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_steps" ADD CONSTRAINT "development_steps_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_steps" ADD CONSTRAINT "development_steps_done_by_id_users_id_fk" FOREIGN KEY ("done_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_steps" ADD CONSTRAINT "development_steps_vote_id_development_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."development_votes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_steps_rels" ADD CONSTRAINT "development_steps_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."development_steps"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "development_steps_rels" ADD CONSTRAINT "development_steps_rels_development_documents_fk" FOREIGN KEY ("development_documents_id") REFERENCES "public"."development_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "development_documents" ADD CONSTRAINT "development_documents_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_documents" ADD CONSTRAINT "development_documents_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_documents" ADD CONSTRAINT "development_documents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_notices_objections" ADD CONSTRAINT "development_notices_objections_raised_by_id_users_id_fk" FOREIGN KEY ("raised_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_notices_objections" ADD CONSTRAINT "development_notices_objections_handled_by_id_users_id_fk" FOREIGN KEY ("handled_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_notices_objections" ADD CONSTRAINT "development_notices_objections_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."development_notices"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "development_notices" ADD CONSTRAINT "development_notices_case_id_development_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."development_cases"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_notices" ADD CONSTRAINT "development_notices_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_notices" ADD CONSTRAINT "development_notices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_votes" ADD CONSTRAINT "development_votes_case_id_development_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."development_cases"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_votes" ADD CONSTRAINT "development_votes_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_votes" ADD CONSTRAINT "development_votes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_votes" ADD CONSTRAINT "development_votes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_votes_rels" ADD CONSTRAINT "development_votes_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."development_votes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "development_votes_rels" ADD CONSTRAINT "development_votes_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "development_vote_turnout" ADD CONSTRAINT "development_vote_turnout_vote_id_development_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."development_votes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_vote_turnout" ADD CONSTRAINT "development_vote_turnout_voter_id_users_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_vote_turnout" ADD CONSTRAINT "development_vote_turnout_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "development_ballots" ADD CONSTRAINT "development_ballots_vote_id_development_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."development_votes"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "development_cases_person_idx" ON "development_cases" USING btree ("person_id");
  CREATE INDEX "development_cases_organization_idx" ON "development_cases" USING btree ("organization_id");
  CREATE INDEX "development_cases_stage_idx" ON "development_cases" USING btree ("stage");
  CREATE INDEX "development_cases_next_step_idx" ON "development_cases" USING btree ("next_step");
  CREATE INDEX "development_cases_status_idx" ON "development_cases" USING btree ("status");
  CREATE INDEX "development_cases_updated_at_idx" ON "development_cases" USING btree ("updated_at");
  CREATE INDEX "development_cases_created_at_idx" ON "development_cases" USING btree ("created_at");
  CREATE INDEX "development_steps_case_idx" ON "development_steps" USING btree ("case_id");
  CREATE INDEX "development_steps_person_idx" ON "development_steps" USING btree ("person_id");
  CREATE INDEX "development_steps_organization_idx" ON "development_steps" USING btree ("organization_id");
  CREATE INDEX "development_steps_done_by_idx" ON "development_steps" USING btree ("done_by_id");
  CREATE INDEX "development_steps_vote_idx" ON "development_steps" USING btree ("vote_id");
  CREATE INDEX "development_steps_updated_at_idx" ON "development_steps" USING btree ("updated_at");
  CREATE INDEX "development_steps_created_at_idx" ON "development_steps" USING btree ("created_at");
  CREATE UNIQUE INDEX "case_no_idx" ON "development_steps" USING btree ("case_id","no");
  CREATE INDEX "development_steps_rels_order_idx" ON "development_steps_rels" USING btree ("order");
  CREATE INDEX "development_steps_rels_parent_idx" ON "development_steps_rels" USING btree ("parent_id");
  CREATE INDEX "development_steps_rels_path_idx" ON "development_steps_rels" USING btree ("path");
  CREATE INDEX "development_steps_rels_development_documents_id_idx" ON "development_steps_rels" USING btree ("development_documents_id");
  CREATE INDEX "development_documents_uploaded_by_idx" ON "development_documents" USING btree ("uploaded_by_id");
  CREATE INDEX "development_documents_person_idx" ON "development_documents" USING btree ("person_id");
  CREATE INDEX "development_documents_organization_idx" ON "development_documents" USING btree ("organization_id");
  CREATE INDEX "development_documents_updated_at_idx" ON "development_documents" USING btree ("updated_at");
  CREATE INDEX "development_documents_created_at_idx" ON "development_documents" USING btree ("created_at");
  CREATE UNIQUE INDEX "development_documents_filename_idx" ON "development_documents" USING btree ("filename");
  CREATE INDEX "development_notices_objections_order_idx" ON "development_notices_objections" USING btree ("_order");
  CREATE INDEX "development_notices_objections_parent_id_idx" ON "development_notices_objections" USING btree ("_parent_id");
  CREATE INDEX "development_notices_objections_raised_by_idx" ON "development_notices_objections" USING btree ("raised_by_id");
  CREATE INDEX "development_notices_objections_handled_by_idx" ON "development_notices_objections" USING btree ("handled_by_id");
  CREATE INDEX "development_notices_case_idx" ON "development_notices" USING btree ("case_id");
  CREATE INDEX "development_notices_person_idx" ON "development_notices" USING btree ("person_id");
  CREATE INDEX "development_notices_organization_idx" ON "development_notices" USING btree ("organization_id");
  CREATE INDEX "development_notices_updated_at_idx" ON "development_notices" USING btree ("updated_at");
  CREATE INDEX "development_notices_created_at_idx" ON "development_notices" USING btree ("created_at");
  CREATE INDEX "development_votes_case_idx" ON "development_votes" USING btree ("case_id");
  CREATE INDEX "development_votes_person_idx" ON "development_votes" USING btree ("person_id");
  CREATE INDEX "development_votes_organization_idx" ON "development_votes" USING btree ("organization_id");
  CREATE INDEX "development_votes_meeting_idx" ON "development_votes" USING btree ("meeting_id");
  CREATE INDEX "development_votes_status_idx" ON "development_votes" USING btree ("status");
  CREATE INDEX "development_votes_updated_at_idx" ON "development_votes" USING btree ("updated_at");
  CREATE INDEX "development_votes_created_at_idx" ON "development_votes" USING btree ("created_at");
  CREATE INDEX "development_votes_rels_order_idx" ON "development_votes_rels" USING btree ("order");
  CREATE INDEX "development_votes_rels_parent_idx" ON "development_votes_rels" USING btree ("parent_id");
  CREATE INDEX "development_votes_rels_path_idx" ON "development_votes_rels" USING btree ("path");
  CREATE INDEX "development_votes_rels_users_id_idx" ON "development_votes_rels" USING btree ("users_id");
  CREATE INDEX "development_vote_turnout_vote_idx" ON "development_vote_turnout" USING btree ("vote_id");
  CREATE INDEX "development_vote_turnout_voter_idx" ON "development_vote_turnout" USING btree ("voter_id");
  CREATE INDEX "development_vote_turnout_organization_idx" ON "development_vote_turnout" USING btree ("organization_id");
  CREATE INDEX "development_vote_turnout_updated_at_idx" ON "development_vote_turnout" USING btree ("updated_at");
  CREATE INDEX "development_vote_turnout_created_at_idx" ON "development_vote_turnout" USING btree ("created_at");
  CREATE UNIQUE INDEX "vote_voter_idx" ON "development_vote_turnout" USING btree ("vote_id","voter_id");
  CREATE INDEX "development_ballots_vote_idx" ON "development_ballots" USING btree ("vote_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_development_cases_fk" FOREIGN KEY ("development_cases_id") REFERENCES "public"."development_cases"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_development_steps_fk" FOREIGN KEY ("development_steps_id") REFERENCES "public"."development_steps"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_development_documents_fk" FOREIGN KEY ("development_documents_id") REFERENCES "public"."development_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_development_notices_fk" FOREIGN KEY ("development_notices_id") REFERENCES "public"."development_notices"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_development_votes_fk" FOREIGN KEY ("development_votes_id") REFERENCES "public"."development_votes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_development_vote_turnout_fk" FOREIGN KEY ("development_vote_turnout_id") REFERENCES "public"."development_vote_turnout"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_development_ballots_fk" FOREIGN KEY ("development_ballots_id") REFERENCES "public"."development_ballots"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "courses_training_for_idx" ON "courses" USING btree ("training_for");
  CREATE INDEX "_courses_v_version_version_training_for_idx" ON "_courses_v" USING btree ("version_training_for");
  CREATE INDEX "payload_locked_documents_rels_development_cases_id_idx" ON "payload_locked_documents_rels" USING btree ("development_cases_id");
  CREATE INDEX "payload_locked_documents_rels_development_steps_id_idx" ON "payload_locked_documents_rels" USING btree ("development_steps_id");
  CREATE INDEX "payload_locked_documents_rels_development_documents_id_idx" ON "payload_locked_documents_rels" USING btree ("development_documents_id");
  CREATE INDEX "payload_locked_documents_rels_development_notices_id_idx" ON "payload_locked_documents_rels" USING btree ("development_notices_id");
  CREATE INDEX "payload_locked_documents_rels_development_votes_id_idx" ON "payload_locked_documents_rels" USING btree ("development_votes_id");
  CREATE INDEX "payload_locked_documents_rels_development_vote_turnout_i_idx" ON "payload_locked_documents_rels" USING btree ("development_vote_turnout_id");
  CREATE INDEX "payload_locked_documents_rels_development_ballots_id_idx" ON "payload_locked_documents_rels" USING btree ("development_ballots_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "development_cases" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "development_steps" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "development_steps_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "development_documents" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "development_notices_objections" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "development_notices" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "development_votes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "development_votes_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "development_vote_turnout" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "development_ballots" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "development_cases" CASCADE;
  DROP TABLE "development_steps" CASCADE;
  DROP TABLE "development_steps_rels" CASCADE;
  DROP TABLE "development_documents" CASCADE;
  DROP TABLE "development_notices_objections" CASCADE;
  DROP TABLE "development_notices" CASCADE;
  DROP TABLE "development_votes" CASCADE;
  DROP TABLE "development_votes_rels" CASCADE;
  DROP TABLE "development_vote_turnout" CASCADE;
  DROP TABLE "development_ballots" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_development_cases_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_development_steps_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_development_documents_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_development_notices_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_development_votes_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_development_vote_turnout_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_development_ballots_fk";
  
  ALTER TABLE "notifications" ALTER COLUMN "kind" SET DATA TYPE text;
  DROP TYPE "public"."enum_notifications_kind";
  CREATE TYPE "public"."enum_notifications_kind" AS ENUM('studyBehind', 'branchRule', 'termEnding', 'reviewQueue', 'reviewReturned', 'reviewPublished', 'feedbackReceived', 'feedbackAnswered', 'branchReminder', 'trainingSubmitted', 'trainingDecided', 'meetingPlan', 'meetingLeave', 'meetingGap');
  ALTER TABLE "notifications" ALTER COLUMN "kind" SET DATA TYPE "public"."enum_notifications_kind" USING "kind"::"public"."enum_notifications_kind";
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_audit_logs_action";
  CREATE TYPE "public"."enum_audit_logs_action" AS ENUM('login', 'loginFailed', 'lockout', 'logout', 'sessionRevoked', 'passwordChange', 'totp', 'roleChange', 'settingsChange', 'accessDenied', 'rateLimited', 'deletionRequest', 'anonymise', 'create', 'update', 'delete', 'publish', 'withdraw', 'export', 'read');
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE "public"."enum_audit_logs_action" USING "action"::"public"."enum_audit_logs_action";
  DROP INDEX "courses_training_for_idx";
  DROP INDEX "_courses_v_version_version_training_for_idx";
  DROP INDEX "payload_locked_documents_rels_development_cases_id_idx";
  DROP INDEX "payload_locked_documents_rels_development_steps_id_idx";
  DROP INDEX "payload_locked_documents_rels_development_documents_id_idx";
  DROP INDEX "payload_locked_documents_rels_development_notices_id_idx";
  DROP INDEX "payload_locked_documents_rels_development_votes_id_idx";
  DROP INDEX "payload_locked_documents_rels_development_vote_turnout_i_idx";
  DROP INDEX "payload_locked_documents_rels_development_ballots_id_idx";
  ALTER TABLE "courses" DROP COLUMN "training_for";
  ALTER TABLE "_courses_v" DROP COLUMN "version_training_for";
  ALTER TABLE "trainings" DROP COLUMN "training_for";
  ALTER TABLE "users_stage_history" DROP COLUMN "source";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "development_cases_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "development_steps_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "development_documents_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "development_notices_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "development_votes_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "development_vote_turnout_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "development_ballots_id";
  DROP TYPE "public"."enum_courses_training_for";
  DROP TYPE "public"."enum__courses_v_version_training_for";
  DROP TYPE "public"."enum_trainings_training_for";
  DROP TYPE "public"."enum_development_cases_stage";
  DROP TYPE "public"."enum_development_cases_status";
  DROP TYPE "public"."enum_development_votes_motion";
  DROP TYPE "public"."enum_development_votes_status";
  DROP TYPE "public"."enum_development_vote_turnout_mode";
  DROP TYPE "public"."enum_development_ballots_choice";
  DROP TYPE "public"."enum_development_ballots_mode";
  DROP TYPE "public"."enum_users_stage_history_source";`)
}
