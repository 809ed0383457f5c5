import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_recommendation_events_kind" AS ENUM('impression', 'click');
  CREATE TABLE "recommendation_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"kind" "enum_recommendation_events_kind" NOT NULL,
  	"item_key" varchar NOT NULL,
  	"reason" varchar,
  	"position" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "recommendation_events_id" integer;
  ALTER TABLE "recommendation_events" ADD CONSTRAINT "recommendation_events_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "recommendation_events_member_idx" ON "recommendation_events" USING btree ("member_id");
  CREATE INDEX "recommendation_events_item_key_idx" ON "recommendation_events" USING btree ("item_key");
  CREATE INDEX "recommendation_events_updated_at_idx" ON "recommendation_events" USING btree ("updated_at");
  CREATE INDEX "recommendation_events_created_at_idx" ON "recommendation_events" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_recommendation_events_fk" FOREIGN KEY ("recommendation_events_id") REFERENCES "public"."recommendation_events"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_recommendation_events_id_idx" ON "payload_locked_documents_rels" USING btree ("recommendation_events_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "recommendation_events" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "recommendation_events" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_recommendation_events_fk";
  
  DROP INDEX "payload_locked_documents_rels_recommendation_events_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "recommendation_events_id";
  DROP TYPE "public"."enum_recommendation_events_kind";`)
}
