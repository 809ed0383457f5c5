import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Change notices from every table an item's audience, themes and lessons are in: the member site
 * keeps what each audience reads of courses, lessons, news and resources (src/site/kept.ts), and
 * an audience changed alone (a stage or organisation added) must drop it as a title change does.
 * The SQL is a snapshot of the new part of src/db/sql/change_notices.sql as of this migration.
 */
const TABLES = ['courses_audience_stages', 'micro_lessons_audience_stages', 'micro_lessons_rels', 'news_rels', 'red_resources_rels']

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(
    sql.raw(
      TABLES.map(
        (t) =>
          `DROP TRIGGER IF EXISTS ${t}_changed ON ${t}; CREATE TRIGGER ${t}_changed AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');`,
      ).join('\n'),
    ),
  )
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql.raw(TABLES.map((t) => `DROP TRIGGER IF EXISTS ${t}_changed ON ${t};`).join(' ')))
}
