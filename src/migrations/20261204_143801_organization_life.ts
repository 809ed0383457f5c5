import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * 组织生活 (issue 16): meetings (plan, review, counts), meeting_attendance (one row per member and
 * meeting: the QR sign-in's upsert relies on its unique index), meeting_minutes (versions; a
 * confirmed one is locked), 平台设置 → 组织生活, and the notification kinds for plans, leave and
 * frequency gaps. Written from `payload migrate:create`'s output, keeping this change's statements
 * (the generator diffs against the last JSON snapshot, which predates several hand-written
 * migrations). Attendance and minutes go with their meeting (ON DELETE cascade: only an unapproved
 * plan, which has neither, may be deleted).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
ALTER TYPE "public"."enum_notifications_kind" ADD VALUE 'meetingPlan';
ALTER TYPE "public"."enum_notifications_kind" ADD VALUE 'meetingLeave';
ALTER TYPE "public"."enum_notifications_kind" ADD VALUE 'meetingGap';
CREATE TYPE "public"."enum_meetings_types" AS ENUM('generalMeeting', 'committeeMeeting', 'groupMeeting', 'partyLecture', 'themeDay', 'lifeMeeting', 'heartTalk');
CREATE TYPE "public"."enum_meetings_status" AS ENUM('draft', 'submitted', 'approved', 'returned', 'recorded', 'cancelled');
CREATE TYPE "public"."enum_meeting_attendance_status" AS ENUM('present', 'leaveRequested', 'leave', 'leaveRefused', 'excused', 'absent');
CREATE TYPE "public"."enum_meeting_attendance_method" AS ENUM('qr', 'manual', 'leave');
CREATE TYPE "public"."enum_meeting_attendance_excuse_kind" AS ENUM('abroad', 'ill', 'sentence', 'away', 'incapable');
CREATE TYPE "public"."enum_meeting_minutes_status" AS ENUM('draft', 'confirmed');
CREATE TYPE "public"."enum_platform_settings_organization_life_credit_mode" AS ENUM('studyMinutes', 'hourly');
CREATE TYPE "public"."enum_platform_settings_organization_life_credit_types" AS ENUM('studyTypes', 'all');
CREATE TABLE "meetings_types" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_meetings_types",
  	"id" serial PRIMARY KEY NOT NULL
  );
CREATE TABLE "meetings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"topic" varchar NOT NULL,
  	"starts_at" timestamp(3) with time zone NOT NULL,
  	"ends_at" timestamp(3) with time zone NOT NULL,
  	"year" numeric,
  	"place" varchar,
  	"chair_id" integer,
  	"recorder_id" integer,
  	"speaker_id" integer,
  	"agenda" varchar,
  	"guests" varchar,
  	"status" "enum_meetings_status" DEFAULT 'draft' NOT NULL,
  	"return_reason" varchar,
  	"organization_id" integer,
  	"reviewed_by_id" integer,
  	"reviewed_at" timestamp(3) with time zone,
  	"expected_count" numeric,
  	"present_count" numeric,
  	"leave_count" numeric,
  	"credit_hours" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
CREATE TABLE "meeting_attendance" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"meeting_id" integer NOT NULL,
  	"member_id" integer NOT NULL,
  	"status" "enum_meeting_attendance_status" DEFAULT 'present' NOT NULL,
  	"method" "enum_meeting_attendance_method",
  	"signed_in_at" timestamp(3) with time zone,
  	"reason" varchar,
  	"excuse_kind" "enum_meeting_attendance_excuse_kind",
  	"excuse_approval" varchar,
  	"organization_id" integer,
  	"decided_by_id" integer,
  	"decided_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
CREATE TABLE "meeting_minutes_resolutions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"text" varchar NOT NULL,
  	"votes_for" numeric,
  	"votes_against" numeric,
  	"abstentions" numeric
  );
CREATE TABLE "meeting_minutes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"meeting_id" integer NOT NULL,
  	"version" numeric,
  	"status" "enum_meeting_minutes_status" DEFAULT 'draft' NOT NULL,
  	"summary" varchar NOT NULL,
  	"correction_reason" varchar,
  	"organization_id" integer,
  	"drafted_by_id" integer,
  	"confirmed_by_id" integer,
  	"confirmed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "meetings_id" integer;
ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "meeting_attendance_id" integer;
ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "meeting_minutes_id" integer;
ALTER TABLE "platform_settings" ADD COLUMN "organization_life_general_meeting_per_quarter" numeric DEFAULT 1 NOT NULL;
ALTER TABLE "platform_settings" ADD COLUMN "organization_life_committee_meeting_per_month" numeric DEFAULT 1 NOT NULL;
ALTER TABLE "platform_settings" ADD COLUMN "organization_life_group_meeting_per_month" numeric DEFAULT 0 NOT NULL;
ALTER TABLE "platform_settings" ADD COLUMN "organization_life_party_lecture_per_quarter" numeric DEFAULT 1 NOT NULL;
ALTER TABLE "platform_settings" ADD COLUMN "organization_life_theme_day_per_month" numeric DEFAULT 1 NOT NULL;
ALTER TABLE "platform_settings" ADD COLUMN "organization_life_life_meeting_per_year" numeric DEFAULT 1 NOT NULL;
ALTER TABLE "platform_settings" ADD COLUMN "organization_life_sign_in_code_minutes" numeric DEFAULT 2 NOT NULL;
ALTER TABLE "platform_settings" ADD COLUMN "organization_life_credit_mode" "enum_platform_settings_organization_life_credit_mode" DEFAULT 'studyMinutes' NOT NULL;
ALTER TABLE "platform_settings" ADD COLUMN "organization_life_credit_types" "enum_platform_settings_organization_life_credit_types" DEFAULT 'studyTypes' NOT NULL;
ALTER TABLE "meetings_types" ADD CONSTRAINT "meetings_types_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_chair_id_users_id_fk" FOREIGN KEY ("chair_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_recorder_id_users_id_fk" FOREIGN KEY ("recorder_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_speaker_id_users_id_fk" FOREIGN KEY ("speaker_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "meeting_minutes_resolutions" ADD CONSTRAINT "meeting_minutes_resolutions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."meeting_minutes"("id") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_drafted_by_id_users_id_fk" FOREIGN KEY ("drafted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_confirmed_by_id_users_id_fk" FOREIGN KEY ("confirmed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
CREATE INDEX "meetings_types_order_idx" ON "meetings_types" USING btree ("order");
CREATE INDEX "meetings_types_parent_idx" ON "meetings_types" USING btree ("parent_id");
CREATE INDEX "meetings_starts_at_idx" ON "meetings" USING btree ("starts_at");
CREATE INDEX "meetings_year_idx" ON "meetings" USING btree ("year");
CREATE INDEX "meetings_chair_idx" ON "meetings" USING btree ("chair_id");
CREATE INDEX "meetings_recorder_idx" ON "meetings" USING btree ("recorder_id");
CREATE INDEX "meetings_speaker_idx" ON "meetings" USING btree ("speaker_id");
CREATE INDEX "meetings_status_idx" ON "meetings" USING btree ("status");
CREATE INDEX "meetings_organization_idx" ON "meetings" USING btree ("organization_id");
CREATE INDEX "meetings_reviewed_by_idx" ON "meetings" USING btree ("reviewed_by_id");
CREATE INDEX "meetings_updated_at_idx" ON "meetings" USING btree ("updated_at");
CREATE INDEX "meetings_created_at_idx" ON "meetings" USING btree ("created_at");
CREATE INDEX "meeting_attendance_meeting_idx" ON "meeting_attendance" USING btree ("meeting_id");
CREATE INDEX "meeting_attendance_member_idx" ON "meeting_attendance" USING btree ("member_id");
CREATE INDEX "meeting_attendance_organization_idx" ON "meeting_attendance" USING btree ("organization_id");
CREATE INDEX "meeting_attendance_decided_by_idx" ON "meeting_attendance" USING btree ("decided_by_id");
CREATE INDEX "meeting_attendance_updated_at_idx" ON "meeting_attendance" USING btree ("updated_at");
CREATE INDEX "meeting_attendance_created_at_idx" ON "meeting_attendance" USING btree ("created_at");
CREATE UNIQUE INDEX "meeting_member_idx" ON "meeting_attendance" USING btree ("meeting_id","member_id");
CREATE INDEX "meeting_minutes_resolutions_order_idx" ON "meeting_minutes_resolutions" USING btree ("_order");
CREATE INDEX "meeting_minutes_resolutions_parent_id_idx" ON "meeting_minutes_resolutions" USING btree ("_parent_id");
CREATE INDEX "meeting_minutes_meeting_idx" ON "meeting_minutes" USING btree ("meeting_id");
CREATE INDEX "meeting_minutes_organization_idx" ON "meeting_minutes" USING btree ("organization_id");
CREATE INDEX "meeting_minutes_drafted_by_idx" ON "meeting_minutes" USING btree ("drafted_by_id");
CREATE INDEX "meeting_minutes_confirmed_by_idx" ON "meeting_minutes" USING btree ("confirmed_by_id");
CREATE INDEX "meeting_minutes_updated_at_idx" ON "meeting_minutes" USING btree ("updated_at");
CREATE INDEX "meeting_minutes_created_at_idx" ON "meeting_minutes" USING btree ("created_at");
CREATE UNIQUE INDEX "meeting_version_idx" ON "meeting_minutes" USING btree ("meeting_id","version");
ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_meetings_fk" FOREIGN KEY ("meetings_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_meeting_attendance_fk" FOREIGN KEY ("meeting_attendance_id") REFERENCES "public"."meeting_attendance"("id") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_meeting_minutes_fk" FOREIGN KEY ("meeting_minutes_id") REFERENCES "public"."meeting_minutes"("id") ON DELETE cascade ON UPDATE no action;
CREATE INDEX "payload_locked_documents_rels_meetings_id_idx" ON "payload_locked_documents_rels" USING btree ("meetings_id");
CREATE INDEX "payload_locked_documents_rels_meeting_attendance_id_idx" ON "payload_locked_documents_rels" USING btree ("meeting_attendance_id");
CREATE INDEX "payload_locked_documents_rels_meeting_minutes_id_idx" ON "payload_locked_documents_rels" USING btree ("meeting_minutes_id");
`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  // The notification kinds stay (PostgreSQL cannot drop an enum value); nothing writes them without this module.
  await db.execute(sql`
DROP TABLE "meetings_types" CASCADE;
DROP TABLE "meetings" CASCADE;
DROP TABLE "meeting_attendance" CASCADE;
DROP TABLE "meeting_minutes_resolutions" CASCADE;
DROP TABLE "meeting_minutes" CASCADE;
ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "meetings_id";
ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "meeting_attendance_id";
ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "meeting_minutes_id";
ALTER TABLE "platform_settings" DROP COLUMN "organization_life_general_meeting_per_quarter";
ALTER TABLE "platform_settings" DROP COLUMN "organization_life_committee_meeting_per_month";
ALTER TABLE "platform_settings" DROP COLUMN "organization_life_group_meeting_per_month";
ALTER TABLE "platform_settings" DROP COLUMN "organization_life_party_lecture_per_quarter";
ALTER TABLE "platform_settings" DROP COLUMN "organization_life_theme_day_per_month";
ALTER TABLE "platform_settings" DROP COLUMN "organization_life_life_meeting_per_year";
ALTER TABLE "platform_settings" DROP COLUMN "organization_life_sign_in_code_minutes";
ALTER TABLE "platform_settings" DROP COLUMN "organization_life_credit_mode";
ALTER TABLE "platform_settings" DROP COLUMN "organization_life_credit_types";
DROP TYPE "public"."enum_meetings_types";
DROP TYPE "public"."enum_meetings_status";
DROP TYPE "public"."enum_meeting_attendance_status";
DROP TYPE "public"."enum_meeting_attendance_method";
DROP TYPE "public"."enum_meeting_attendance_excuse_kind";
DROP TYPE "public"."enum_meeting_minutes_status";
DROP TYPE "public"."enum_platform_settings_organization_life_credit_mode";
DROP TYPE "public"."enum_platform_settings_organization_life_credit_types";
`)
}
