import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/** 发展党员本地规则 (issue 17 §1): development_rules and its 公示 steps. From `payload migrate:create`. */

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_development_rules_notice_before_steps" AS ENUM('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '25');
  CREATE TYPE "public"."enum_development_rules_base" AS ENUM('2014');
  CREATE TABLE "development_rules_notice_before_steps" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_development_rules_notice_before_steps",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "development_rules" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"version" varchar NOT NULL,
  	"base" "enum_development_rules_base" DEFAULT '2014' NOT NULL,
  	"active" boolean,
  	"notice_working_days" numeric DEFAULT 5,
  	"training_hours" numeric DEFAULT 24,
  	"basis" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "development_rules_id" integer;
  ALTER TABLE "development_rules_notice_before_steps" ADD CONSTRAINT "development_rules_notice_before_steps_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."development_rules"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "development_rules_notice_before_steps_order_idx" ON "development_rules_notice_before_steps" USING btree ("order");
  CREATE INDEX "development_rules_notice_before_steps_parent_idx" ON "development_rules_notice_before_steps" USING btree ("parent_id");
  CREATE UNIQUE INDEX "development_rules_version_idx" ON "development_rules" USING btree ("version");
  CREATE INDEX "development_rules_updated_at_idx" ON "development_rules" USING btree ("updated_at");
  CREATE INDEX "development_rules_created_at_idx" ON "development_rules" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_development_rules_fk" FOREIGN KEY ("development_rules_id") REFERENCES "public"."development_rules"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_development_rules_id_idx" ON "payload_locked_documents_rels" USING btree ("development_rules_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "development_rules_notice_before_steps" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "development_rules" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "development_rules_notice_before_steps" CASCADE;
  DROP TABLE "development_rules" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_development_rules_fk";
  
  DROP INDEX "payload_locked_documents_rels_development_rules_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "development_rules_id";
  DROP TYPE "public"."enum_development_rules_notice_before_steps";
  DROP TYPE "public"."enum_development_rules_base";`)
}
