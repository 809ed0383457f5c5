import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * 督查 (issue 16 §5): inspectors (a committee's pool) and meeting_inspections (one drawn inspector per
 * meeting and their assessment), from `payload migrate:create`; an inspection goes with its meeting.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_meeting_inspections_status" AS ENUM('assigned', 'filed');
  CREATE TYPE "public"."enum_meeting_inspections_on_time" AS ENUM('good', 'fair', 'poor');
  CREATE TYPE "public"."enum_meeting_inspections_attendance" AS ENUM('good', 'fair', 'poor');
  CREATE TYPE "public"."enum_meeting_inspections_content" AS ENUM('good', 'fair', 'poor');
  CREATE TYPE "public"."enum_meeting_inspections_procedure" AS ENUM('good', 'fair', 'poor');
  CREATE TABLE "meeting_inspections" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"meeting_id" integer NOT NULL,
  	"inspector_id" integer NOT NULL,
  	"status" "enum_meeting_inspections_status" DEFAULT 'assigned' NOT NULL,
  	"on_time" "enum_meeting_inspections_on_time",
  	"attendance" "enum_meeting_inspections_attendance",
  	"content" "enum_meeting_inspections_content",
  	"procedure" "enum_meeting_inspections_procedure",
  	"comments" varchar,
  	"organization_id" integer,
  	"drawn_by_id" integer,
  	"filed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "inspectors" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"person_id" integer NOT NULL,
  	"note" varchar,
  	"organization_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "meeting_inspections_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "inspectors_id" integer;
  ALTER TABLE "meeting_inspections" ADD CONSTRAINT "meeting_inspections_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "meeting_inspections" ADD CONSTRAINT "meeting_inspections_inspector_id_users_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "meeting_inspections" ADD CONSTRAINT "meeting_inspections_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "meeting_inspections" ADD CONSTRAINT "meeting_inspections_drawn_by_id_users_id_fk" FOREIGN KEY ("drawn_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "inspectors" ADD CONSTRAINT "inspectors_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "inspectors" ADD CONSTRAINT "inspectors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "meeting_inspections_meeting_idx" ON "meeting_inspections" USING btree ("meeting_id");
  CREATE INDEX "meeting_inspections_inspector_idx" ON "meeting_inspections" USING btree ("inspector_id");
  CREATE INDEX "meeting_inspections_organization_idx" ON "meeting_inspections" USING btree ("organization_id");
  CREATE INDEX "meeting_inspections_drawn_by_idx" ON "meeting_inspections" USING btree ("drawn_by_id");
  CREATE INDEX "meeting_inspections_updated_at_idx" ON "meeting_inspections" USING btree ("updated_at");
  CREATE INDEX "meeting_inspections_created_at_idx" ON "meeting_inspections" USING btree ("created_at");
  CREATE UNIQUE INDEX "meeting_inspector_idx" ON "meeting_inspections" USING btree ("meeting_id","inspector_id");
  CREATE INDEX "inspectors_person_idx" ON "inspectors" USING btree ("person_id");
  CREATE INDEX "inspectors_organization_idx" ON "inspectors" USING btree ("organization_id");
  CREATE INDEX "inspectors_updated_at_idx" ON "inspectors" USING btree ("updated_at");
  CREATE INDEX "inspectors_created_at_idx" ON "inspectors" USING btree ("created_at");
  CREATE UNIQUE INDEX "person_organization_idx" ON "inspectors" USING btree ("person_id","organization_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_meeting_inspections_fk" FOREIGN KEY ("meeting_inspections_id") REFERENCES "public"."meeting_inspections"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_inspectors_fk" FOREIGN KEY ("inspectors_id") REFERENCES "public"."inspectors"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_meeting_inspections_id_idx" ON "payload_locked_documents_rels" USING btree ("meeting_inspections_id");
  CREATE INDEX "payload_locked_documents_rels_inspectors_id_idx" ON "payload_locked_documents_rels" USING btree ("inspectors_id");`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TABLE "meeting_inspections" CASCADE;
  DROP TABLE "inspectors" CASCADE;
  
  
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "meeting_inspections_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "inspectors_id";
  DROP TYPE "public"."enum_meeting_inspections_status";
  DROP TYPE "public"."enum_meeting_inspections_on_time";
  DROP TYPE "public"."enum_meeting_inspections_attendance";
  DROP TYPE "public"."enum_meeting_inspections_content";
  DROP TYPE "public"."enum_meeting_inspections_procedure";`)
}
