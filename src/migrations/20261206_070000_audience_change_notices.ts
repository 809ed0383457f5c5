import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Change notices from every table an item's audience, themes and lessons are in: the member site
 * keeps what each audience reads of courses, lessons, news and resources (src/site/kept.ts), and
 * an audience changed alone (a stage or organisation added by any writer) must drop it as a title
 * change does. The SQL is a snapshot of src/db/sql/change_notices.sql as of this migration.
 */
export const CHANGE_NOTICES_SQL = `-- Per-process caches (src/db/notify.ts) are dropped in every process of every instance when what
-- they hold changes: platform settings (study and points rules), themes, the content items whose
-- length, 学时, audience or course lessons the heartbeat path caches, quizzes (首页's daily quiz), and
-- every table an item's audience, themes and lessons are in (the member site keeps what each audience
-- reads: src/site/kept.ts).
CREATE OR REPLACE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_ARGV[0], TG_OP);
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS platform_settings_changed ON platform_settings;
CREATE TRIGGER platform_settings_changed AFTER INSERT OR UPDATE OR DELETE ON platform_settings
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('platform_settings');
DROP TRIGGER IF EXISTS platform_settings_points_rules_changed ON platform_settings_points_rules;
CREATE TRIGGER platform_settings_points_rules_changed AFTER INSERT OR UPDATE OR DELETE ON platform_settings_points_rules
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('platform_settings');
DROP TRIGGER IF EXISTS themes_changed ON themes;
CREATE TRIGGER themes_changed AFTER INSERT OR UPDATE OR DELETE ON themes
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('themes');
DROP TRIGGER IF EXISTS micro_lessons_changed ON micro_lessons;
CREATE TRIGGER micro_lessons_changed AFTER INSERT OR UPDATE OR DELETE ON micro_lessons
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');
DROP TRIGGER IF EXISTS courses_changed ON courses;
CREATE TRIGGER courses_changed AFTER INSERT OR UPDATE OR DELETE ON courses
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');
DROP TRIGGER IF EXISTS courses_rels_changed ON courses_rels;
CREATE TRIGGER courses_rels_changed AFTER INSERT OR UPDATE OR DELETE ON courses_rels
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');
DROP TRIGGER IF EXISTS news_changed ON news;
CREATE TRIGGER news_changed AFTER INSERT OR UPDATE OR DELETE ON news
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');
DROP TRIGGER IF EXISTS red_resources_changed ON red_resources;
CREATE TRIGGER red_resources_changed AFTER INSERT OR UPDATE OR DELETE ON red_resources
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');
DROP TRIGGER IF EXISTS quizzes_changed ON quizzes;
CREATE TRIGGER quizzes_changed AFTER INSERT OR UPDATE OR DELETE ON quizzes
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');
DROP TRIGGER IF EXISTS quizzes_audience_stages_changed ON quizzes_audience_stages;
CREATE TRIGGER quizzes_audience_stages_changed AFTER INSERT OR UPDATE OR DELETE ON quizzes_audience_stages
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');
DROP TRIGGER IF EXISTS quizzes_rels_changed ON quizzes_rels;
CREATE TRIGGER quizzes_rels_changed AFTER INSERT OR UPDATE OR DELETE ON quizzes_rels
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');
DROP TRIGGER IF EXISTS courses_audience_stages_changed ON courses_audience_stages;
CREATE TRIGGER courses_audience_stages_changed AFTER INSERT OR UPDATE OR DELETE ON courses_audience_stages
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');
DROP TRIGGER IF EXISTS micro_lessons_audience_stages_changed ON micro_lessons_audience_stages;
CREATE TRIGGER micro_lessons_audience_stages_changed AFTER INSERT OR UPDATE OR DELETE ON micro_lessons_audience_stages
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');
DROP TRIGGER IF EXISTS micro_lessons_rels_changed ON micro_lessons_rels;
CREATE TRIGGER micro_lessons_rels_changed AFTER INSERT OR UPDATE OR DELETE ON micro_lessons_rels
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');
DROP TRIGGER IF EXISTS news_rels_changed ON news_rels;
CREATE TRIGGER news_rels_changed AFTER INSERT OR UPDATE OR DELETE ON news_rels
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');
DROP TRIGGER IF EXISTS red_resources_rels_changed ON red_resources_rels;
CREATE TRIGGER red_resources_rels_changed AFTER INSERT OR UPDATE OR DELETE ON red_resources_rels
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('content_items');
`

const TABLES = ['courses_audience_stages', 'micro_lessons_audience_stages', 'micro_lessons_rels', 'news_rels', 'red_resources_rels']

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql.raw(CHANGE_NOTICES_SQL))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql.raw(TABLES.map((t) => `DROP TRIGGER IF EXISTS ${t}_changed ON ${t};`).join(' ')))
}
