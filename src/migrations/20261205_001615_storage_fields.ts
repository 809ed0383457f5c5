import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// The storage plugin's fields (prefix, _objectKey) on media and development documents, present whether S3 is on or off (src/media/storage.ts).

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "media" ADD COLUMN "prefix" varchar DEFAULT 'media';
  ALTER TABLE "media" ADD COLUMN "_objectkey" varchar;
  ALTER TABLE "development_documents" ADD COLUMN "prefix" varchar DEFAULT 'development';
  ALTER TABLE "development_documents" ADD COLUMN "_objectkey" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "media" DROP COLUMN "prefix";
  ALTER TABLE "media" DROP COLUMN "_objectkey";
  ALTER TABLE "development_documents" DROP COLUMN "prefix";
  ALTER TABLE "development_documents" DROP COLUMN "_objectkey";`)
}
