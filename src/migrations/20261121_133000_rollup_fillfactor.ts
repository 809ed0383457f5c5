import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Rollup rows are updated in place by every credited beat: with room left on each page the update
 * stays on the page (a HOT update, no index write) and the table does not bloat between autovacuum
 * runs (`npm run bench:cockpit` saw study_member_year at 35 MB for 20,000 rows before a vacuum).
 * Written by hand.
 */
const TABLES = [
  'study_member_year',
  'quiz_member_year',
  'study_org_day',
  'study_org_month',
  'quiz_org_month',
  'study_item_org_year',
  'quiz_question_org_year',
]

export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const t of TABLES) {
    await db.execute(sql.raw(`ALTER TABLE ${t} SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05)`))
  }
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const t of TABLES) {
    await db.execute(sql.raw(`ALTER TABLE ${t} RESET (fillfactor, autovacuum_vacuum_scale_factor)`))
  }
}
