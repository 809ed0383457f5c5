import * as migration_20261121_053316_initial from './20261121_053316_initial'
import * as migration_20261121_065118_media from './20261121_065118_media'
import * as migration_20261121_065657_sensitive_words from './20261121_065657_sensitive_words'
import * as migration_20261121_070835_questions from './20261121_070835_questions'
import * as migration_20261121_072258_seed_version from './20261121_072258_seed_version'
import * as migration_20261121_074226_content_library from './20261121_074226_content_library'
import * as migration_20261121_080622_learning_records from './20261121_080622_learning_records'
import * as migration_20261121_083600_heartbeat_function from './20261121_083600_heartbeat_function'
import * as migration_20261121_090812_search_settings from './20261121_090812_search_settings'
import * as migration_20261121_091738_recommendation_events from './20261121_091738_recommendation_events'
import * as migration_20261121_103940_notifications_cockpit from './20261121_103940_notifications_cockpit'
import * as migration_20261121_110000_cockpit_rollups from './20261121_110000_cockpit_rollups'
import * as migration_20261121_120000_cockpit_month_rollup from './20261121_120000_cockpit_month_rollup'
import * as migration_20261121_122613_security_privacy from './20261121_122613_security_privacy'
import * as migration_20261121_123000_audit_append_only from './20261121_123000_audit_append_only'
import * as migration_20261121_124000_encrypt_phones from './20261121_124000_encrypt_phones'
import * as migration_20261121_133000_rollup_fillfactor from './20261121_133000_rollup_fillfactor'
import * as migration_20261203_144000_credit_published_only from './20261203_144000_credit_published_only'
import * as migration_20261203_144100_progress_held from './20261203_144100_progress_held'
import * as migration_20261203_144338_study_real_length from './20261203_144338_study_real_length'
import * as migration_20261203_144403_security_findings from './20261203_144403_security_findings'
import * as migration_20261203_144509_credentials_pending_email from './20261203_144509_credentials_pending_email'
import * as migration_20261203_145813_standings_min_participants from './20261203_145813_standings_min_participants'
import * as migration_20261203_150515_integrity_flags from './20261203_150515_integrity_flags'
import * as migration_20261203_150600_integrity_hold from './20261203_150600_integrity_hold'
import * as migration_20261203_173000_credit_long_gap from './20261203_173000_credit_long_gap'
import * as migration_20261203_174125_feedback from './20261203_174125_feedback'
import * as migration_20261203_174352_quiz_practice from './20261203_174352_quiz_practice'
import * as migration_20261203_181500_branch_reminder from './20261203_181500_branch_reminder'
import * as migration_20261204_040000_organization_tree from './20261204_040000_organization_tree'
import * as migration_20261204_041000_credit_beats_order from './20261204_041000_credit_beats_order'
import * as migration_20261204_042000_change_notices from './20261204_042000_change_notices'
import * as migration_20261204_120000_study_hours from './20261204_120000_study_hours'
import * as migration_20261204_143801_organization_life from './20261204_143801_organization_life'
import * as migration_20261204_150859_meeting_inspections from './20261204_150859_meeting_inspections'
import * as migration_20261204_152309_leading_cadre from './20261204_152309_leading_cadre'
import * as migration_20261204_174952_heart_talks from './20261204_174952_heart_talks'
import * as migration_20261204_204357_development from './20261204_204357_development'
import * as migration_20261204_212721_development_rules from './20261204_212721_development_rules'
import * as migration_20261205_000612_signon from './20261205_000612_signon'
import * as migration_20261205_000933_import_audit_action from './20261205_000933_import_audit_action'
import * as migration_20261205_000953_notification_email from './20261205_000953_notification_email'
import * as migration_20261205_001000_rate_limits from './20261205_001000_rate_limits'
import * as migration_20261205_001615_storage_fields from './20261205_001615_storage_fields'
import * as migration_20261205_032000_credit_beats_set_based from './20261205_032000_credit_beats_set_based'
import * as migration_20261205_033215_signon_backchannel from './20261205_033215_signon_backchannel'
import * as migration_20261205_034900_cockpit_member_notices from './20261205_034900_cockpit_member_notices'
import * as migration_20261205_100000_cockpit_figures from './20261205_100000_cockpit_figures'
import * as migration_20261205_140000_cockpit_member_ids from './20261205_140000_cockpit_member_ids'
import * as migration_20261205_170000_cockpit_figure_tables from './20261205_170000_cockpit_figure_tables'
import * as migration_20261205_180000_cockpit_item_ids from './20261205_180000_cockpit_item_ids'
import * as migration_20261205_200000_cockpit_member_people from './20261205_200000_cockpit_member_people'
import * as migration_20261206_050000_quiz_change_notices from './20261206_050000_quiz_change_notices'
import * as migration_20261206_070000_audience_change_notices from './20261206_070000_audience_change_notices'

export const migrations = [
  {
    up: migration_20261121_053316_initial.up,
    down: migration_20261121_053316_initial.down,
    name: '20261121_053316_initial',
  },
  {
    up: migration_20261121_065118_media.up,
    down: migration_20261121_065118_media.down,
    name: '20261121_065118_media',
  },
  {
    up: migration_20261121_065657_sensitive_words.up,
    down: migration_20261121_065657_sensitive_words.down,
    name: '20261121_065657_sensitive_words',
  },
  {
    up: migration_20261121_070835_questions.up,
    down: migration_20261121_070835_questions.down,
    name: '20261121_070835_questions',
  },
  {
    up: migration_20261121_072258_seed_version.up,
    down: migration_20261121_072258_seed_version.down,
    name: '20261121_072258_seed_version',
  },
  {
    up: migration_20261121_074226_content_library.up,
    down: migration_20261121_074226_content_library.down,
    name: '20261121_074226_content_library',
  },
  {
    up: migration_20261121_080622_learning_records.up,
    down: migration_20261121_080622_learning_records.down,
    name: '20261121_080622_learning_records',
  },
  {
    up: migration_20261121_083600_heartbeat_function.up,
    down: migration_20261121_083600_heartbeat_function.down,
    name: '20261121_083600_heartbeat_function',
  },
  {
    up: migration_20261121_090812_search_settings.up,
    down: migration_20261121_090812_search_settings.down,
    name: '20261121_090812_search_settings',
  },
  {
    up: migration_20261121_091738_recommendation_events.up,
    down: migration_20261121_091738_recommendation_events.down,
    name: '20261121_091738_recommendation_events',
  },
  {
    up: migration_20261121_103940_notifications_cockpit.up,
    down: migration_20261121_103940_notifications_cockpit.down,
    name: '20261121_103940_notifications_cockpit',
  },
  {
    up: migration_20261121_110000_cockpit_rollups.up,
    down: migration_20261121_110000_cockpit_rollups.down,
    name: '20261121_110000_cockpit_rollups',
  },
  {
    up: migration_20261121_120000_cockpit_month_rollup.up,
    down: migration_20261121_120000_cockpit_month_rollup.down,
    name: '20261121_120000_cockpit_month_rollup',
  },
  {
    up: migration_20261121_122613_security_privacy.up,
    down: migration_20261121_122613_security_privacy.down,
    name: '20261121_122613_security_privacy',
  },
  {
    up: migration_20261121_123000_audit_append_only.up,
    down: migration_20261121_123000_audit_append_only.down,
    name: '20261121_123000_audit_append_only',
  },
  {
    up: migration_20261121_124000_encrypt_phones.up,
    down: migration_20261121_124000_encrypt_phones.down,
    name: '20261121_124000_encrypt_phones',
  },
  {
    up: migration_20261121_133000_rollup_fillfactor.up,
    down: migration_20261121_133000_rollup_fillfactor.down,
    name: '20261121_133000_rollup_fillfactor',
  },
  {
    up: migration_20261203_144000_credit_published_only.up,
    down: migration_20261203_144000_credit_published_only.down,
    name: '20261203_144000_credit_published_only',
  },
  {
    up: migration_20261203_144100_progress_held.up,
    down: migration_20261203_144100_progress_held.down,
    name: '20261203_144100_progress_held',
  },
  {
    up: migration_20261203_144338_study_real_length.up,
    down: migration_20261203_144338_study_real_length.down,
    name: '20261203_144338_study_real_length',
  },
  {
    up: migration_20261203_144403_security_findings.up,
    down: migration_20261203_144403_security_findings.down,
    name: '20261203_144403_security_findings',
  },
  {
    up: migration_20261203_144509_credentials_pending_email.up,
    down: migration_20261203_144509_credentials_pending_email.down,
    name: '20261203_144509_credentials_pending_email',
  },
  {
    up: migration_20261203_145813_standings_min_participants.up,
    down: migration_20261203_145813_standings_min_participants.down,
    name: '20261203_145813_standings_min_participants',
  },
  {
    up: migration_20261203_150515_integrity_flags.up,
    down: migration_20261203_150515_integrity_flags.down,
    name: '20261203_150515_integrity_flags',
  },
  {
    up: migration_20261203_150600_integrity_hold.up,
    down: migration_20261203_150600_integrity_hold.down,
    name: '20261203_150600_integrity_hold',
  },
  {
    up: migration_20261203_173000_credit_long_gap.up,
    down: migration_20261203_173000_credit_long_gap.down,
    name: '20261203_173000_credit_long_gap',
  },
  {
    up: migration_20261203_174125_feedback.up,
    down: migration_20261203_174125_feedback.down,
    name: '20261203_174125_feedback',
  },
  {
    up: migration_20261203_174352_quiz_practice.up,
    down: migration_20261203_174352_quiz_practice.down,
    name: '20261203_174352_quiz_practice',
  },
  {
    up: migration_20261203_181500_branch_reminder.up,
    down: migration_20261203_181500_branch_reminder.down,
    name: '20261203_181500_branch_reminder',
  },
  {
    up: migration_20261204_040000_organization_tree.up,
    down: migration_20261204_040000_organization_tree.down,
    name: '20261204_040000_organization_tree',
  },
  {
    up: migration_20261204_041000_credit_beats_order.up,
    down: migration_20261204_041000_credit_beats_order.down,
    name: '20261204_041000_credit_beats_order',
  },
  {
    up: migration_20261204_042000_change_notices.up,
    down: migration_20261204_042000_change_notices.down,
    name: '20261204_042000_change_notices',
  },
  {
    up: migration_20261204_120000_study_hours.up,
    down: migration_20261204_120000_study_hours.down,
    name: '20261204_120000_study_hours',
  },
  {
    up: migration_20261204_143801_organization_life.up,
    down: migration_20261204_143801_organization_life.down,
    name: '20261204_143801_organization_life',
  },
  {
    up: migration_20261204_150859_meeting_inspections.up,
    down: migration_20261204_150859_meeting_inspections.down,
    name: '20261204_150859_meeting_inspections',
  },
  {
    up: migration_20261204_152309_leading_cadre.up,
    down: migration_20261204_152309_leading_cadre.down,
    name: '20261204_152309_leading_cadre',
  },
  {
    up: migration_20261204_174952_heart_talks.up,
    down: migration_20261204_174952_heart_talks.down,
    name: '20261204_174952_heart_talks',
  },
  {
    up: migration_20261204_204357_development.up,
    down: migration_20261204_204357_development.down,
    name: '20261204_204357_development',
  },
  {
    up: migration_20261204_212721_development_rules.up,
    down: migration_20261204_212721_development_rules.down,
    name: '20261204_212721_development_rules',
  },
  {
    up: migration_20261205_000612_signon.up,
    down: migration_20261205_000612_signon.down,
    name: '20261205_000612_signon',
  },
  {
    up: migration_20261205_000933_import_audit_action.up,
    down: migration_20261205_000933_import_audit_action.down,
    name: '20261205_000933_import_audit_action',
  },
  {
    up: migration_20261205_000953_notification_email.up,
    down: migration_20261205_000953_notification_email.down,
    name: '20261205_000953_notification_email',
  },
  {
    up: migration_20261205_001000_rate_limits.up,
    down: migration_20261205_001000_rate_limits.down,
    name: '20261205_001000_rate_limits',
  },
  {
    up: migration_20261205_001615_storage_fields.up,
    down: migration_20261205_001615_storage_fields.down,
    name: '20261205_001615_storage_fields',
  },
  {
    up: migration_20261205_032000_credit_beats_set_based.up,
    down: migration_20261205_032000_credit_beats_set_based.down,
    name: '20261205_032000_credit_beats_set_based',
  },
  {
    up: migration_20261205_033215_signon_backchannel.up,
    down: migration_20261205_033215_signon_backchannel.down,
    name: '20261205_033215_signon_backchannel',
  },
  {
    up: migration_20261205_034900_cockpit_member_notices.up,
    down: migration_20261205_034900_cockpit_member_notices.down,
    name: '20261205_034900_cockpit_member_notices',
  },
  {
    up: migration_20261205_100000_cockpit_figures.up,
    down: migration_20261205_100000_cockpit_figures.down,
    name: '20261205_100000_cockpit_figures',
  },
  {
    up: migration_20261205_140000_cockpit_member_ids.up,
    down: migration_20261205_140000_cockpit_member_ids.down,
    name: '20261205_140000_cockpit_member_ids',
  },
  {
    up: migration_20261205_170000_cockpit_figure_tables.up,
    down: migration_20261205_170000_cockpit_figure_tables.down,
    name: '20261205_170000_cockpit_figure_tables',
  },
  {
    up: migration_20261205_180000_cockpit_item_ids.up,
    down: migration_20261205_180000_cockpit_item_ids.down,
    name: '20261205_180000_cockpit_item_ids',
  },
  {
    up: migration_20261205_200000_cockpit_member_people.up,
    down: migration_20261205_200000_cockpit_member_people.down,
    name: '20261205_200000_cockpit_member_people',
  },
  {
    up: migration_20261206_050000_quiz_change_notices.up,
    down: migration_20261206_050000_quiz_change_notices.down,
    name: '20261206_050000_quiz_change_notices',
  },
  {
    up: migration_20261206_070000_audience_change_notices.up,
    down: migration_20261206_070000_audience_change_notices.down,
    name: '20261206_070000_audience_change_notices',
  },
]
