import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { CREDIT_BEATS_FUNCTION as REAL_LENGTH_FUNCTION } from './20261203_144338_study_real_length'

/**
 * A beat after a gap longer than `max_gap` credits nothing (issue 13): the gap is not study time
 * (the tab slept, the phone locked), so crediting `max_gap` of it — as 20261203_144338 did — gave a
 * member who left a page open 60 s of 学时 for every return. The beat still (re)starts the clock, so
 * the next regular beat credits normally. Written by hand; the rest of the function is unchanged.
 */
const CAPPED = 'cr := GREATEST(0, LEAST(extract(epoch FROM at - s_last), max_gap, cap_factor * dur - p_seconds));'
const GAP_IS_NOT_STUDY = `cr := CASE WHEN extract(epoch FROM at - s_last) > max_gap THEN 0
        ELSE GREATEST(0, LEAST(extract(epoch FROM at - s_last), cap_factor * dur - p_seconds)) END;`

if (!REAL_LENGTH_FUNCTION.includes(CAPPED)) throw new Error('study_credit_beats: the credit line to replace was not found')

export const CREDIT_BEATS_FUNCTION = REAL_LENGTH_FUNCTION.replace(CAPPED, GAP_IS_NOT_STUDY)

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql.raw(CREDIT_BEATS_FUNCTION))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql.raw(REAL_LENGTH_FUNCTION))
}
