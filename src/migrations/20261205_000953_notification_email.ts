// 通知邮件 (issue 18, mail): users.notification_email (instant/digest/none, default digest), notifications.emailed_at, job slugs sendMail and notificationDigest.
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_users_notification_email" AS ENUM('instant', 'digest', 'none');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'sendMail' BEFORE 'schedulePublish';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'notificationDigest' BEFORE 'schedulePublish';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'sendMail' BEFORE 'schedulePublish';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'notificationDigest' BEFORE 'schedulePublish';
  ALTER TABLE "notifications" ADD COLUMN "emailed_at" timestamp(3) with time zone;
  ALTER TABLE "users" ADD COLUMN "notification_email" "enum_users_notification_email" DEFAULT 'digest';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'syncSearch', 'reconcileSearch', 'studyPaceCheck', 'branchCheck', 'refreshCockpitStats', 'studyIntegrity', 'schedulePublish');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'syncSearch', 'reconcileSearch', 'studyPaceCheck', 'branchCheck', 'refreshCockpitStats', 'studyIntegrity', 'schedulePublish');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "notifications" DROP COLUMN "emailed_at";
  ALTER TABLE "users" DROP COLUMN "notification_email";
  DROP TYPE "public"."enum_users_notification_email";`)
}
