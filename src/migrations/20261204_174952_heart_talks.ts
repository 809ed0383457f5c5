import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * 谈心谈话 (issue 16): heart_talks (who talked and when, participants in heart_talks_rels) and the
 * branch's 支部委员 (organizations.committeeMembers, in organizations_rels). From `payload migrate:create`.
 */

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "heart_talks" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"date" timestamp(3) with time zone NOT NULL,
  	"year" numeric,
  	"topic" varchar,
  	"organization_id" integer,
  	"recorded_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "heart_talks_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "organizations_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "heart_talks_id" integer;
  ALTER TABLE "heart_talks" ADD CONSTRAINT "heart_talks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "heart_talks" ADD CONSTRAINT "heart_talks_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "heart_talks_rels" ADD CONSTRAINT "heart_talks_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."heart_talks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "heart_talks_rels" ADD CONSTRAINT "heart_talks_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "organizations_rels" ADD CONSTRAINT "organizations_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "organizations_rels" ADD CONSTRAINT "organizations_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "heart_talks_year_idx" ON "heart_talks" USING btree ("year");
  CREATE INDEX "heart_talks_organization_idx" ON "heart_talks" USING btree ("organization_id");
  CREATE INDEX "heart_talks_recorded_by_idx" ON "heart_talks" USING btree ("recorded_by_id");
  CREATE INDEX "heart_talks_updated_at_idx" ON "heart_talks" USING btree ("updated_at");
  CREATE INDEX "heart_talks_created_at_idx" ON "heart_talks" USING btree ("created_at");
  CREATE INDEX "heart_talks_rels_order_idx" ON "heart_talks_rels" USING btree ("order");
  CREATE INDEX "heart_talks_rels_parent_idx" ON "heart_talks_rels" USING btree ("parent_id");
  CREATE INDEX "heart_talks_rels_path_idx" ON "heart_talks_rels" USING btree ("path");
  CREATE INDEX "heart_talks_rels_users_id_idx" ON "heart_talks_rels" USING btree ("users_id");
  CREATE INDEX "organizations_rels_order_idx" ON "organizations_rels" USING btree ("order");
  CREATE INDEX "organizations_rels_parent_idx" ON "organizations_rels" USING btree ("parent_id");
  CREATE INDEX "organizations_rels_path_idx" ON "organizations_rels" USING btree ("path");
  CREATE INDEX "organizations_rels_users_id_idx" ON "organizations_rels" USING btree ("users_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_heart_talks_fk" FOREIGN KEY ("heart_talks_id") REFERENCES "public"."heart_talks"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_heart_talks_id_idx" ON "payload_locked_documents_rels" USING btree ("heart_talks_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "heart_talks" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "heart_talks_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "organizations_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "heart_talks" CASCADE;
  DROP TABLE "heart_talks_rels" CASCADE;
  DROP TABLE "organizations_rels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_heart_talks_fk";
  
  DROP INDEX "payload_locked_documents_rels_heart_talks_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "heart_talks_id";`)
}
