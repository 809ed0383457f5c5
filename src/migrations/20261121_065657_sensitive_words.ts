import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_sensitive_words_category" AS ENUM('political', 'vulgar', 'fraud', 'other');
  CREATE TABLE "sensitive_words" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"word" varchar NOT NULL,
  	"category" "enum_sensitive_words_category" DEFAULT 'other',
  	"note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "sensitive_words_id" integer;
  CREATE UNIQUE INDEX "sensitive_words_word_idx" ON "sensitive_words" USING btree ("word");
  CREATE INDEX "sensitive_words_updated_at_idx" ON "sensitive_words" USING btree ("updated_at");
  CREATE INDEX "sensitive_words_created_at_idx" ON "sensitive_words" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_sensitive_words_fk" FOREIGN KEY ("sensitive_words_id") REFERENCES "public"."sensitive_words"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_sensitive_words_id_idx" ON "payload_locked_documents_rels" USING btree ("sensitive_words_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "sensitive_words" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "sensitive_words" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_sensitive_words_fk";
  
  DROP INDEX "payload_locked_documents_rels_sensitive_words_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "sensitive_words_id";
  DROP TYPE "public"."enum_sensitive_words_category";`)
}
