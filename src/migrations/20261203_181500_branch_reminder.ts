import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * 支部 → 提醒 (src/branch/remind.ts): the notification kind `branchReminder`. Written by hand and
 * idempotent (IF NOT EXISTS): the same value also reached a migration generated in parallel
 * (20261203_174352_quiz_practice), and either may run first.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`ALTER TYPE "public"."enum_notifications_kind" ADD VALUE IF NOT EXISTS 'branchReminder';`)
}

/** PostgreSQL cannot drop one value of an enum: the reminders go, the unused value stays. */
export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DELETE FROM "notifications" WHERE "kind"::text = 'branchReminder';`)
}
