import type { Payload } from 'payload'

import { transact } from '../db/transaction'

/**
 * Recomputes every rollup from the raw tables, in one statement list (run in one transaction):
 * used once by the migration for what was recorded before, and by the nightly refresh as a repair
 * (the triggers keep them exact in between; this makes any drift impossible to outlive a day).
 * 学时 come from the ledger (study_hours, every source; by the year an entry counts for and its
 * date); completions from study_progress, seconds from study_events. A held entry (a pending or
 * confirmed study-integrity flag covers it, issue 13 §2) counts 0 学时, as the triggers count it.
 */
export const rebuildRollupsSql = `
TRUNCATE study_member_year, study_org_day, study_org_month, quiz_member_year, quiz_org_month, study_item_org_year, quiz_question_org_year;
INSERT INTO study_org_day (organization_id, day, seconds, hours, completions)
  SELECT org, day, sum(seconds), sum(hours), sum(completions)::int FROM (
    SELECT coalesce(organization_id, 0) AS org, (created_at AT TIME ZONE 'Asia/Shanghai')::date AS day, sum(credited_seconds) AS seconds, 0 AS hours, 0 AS completions
      FROM study_events WHERE credited_seconds <> 0 GROUP BY 1, 2
    UNION ALL
    SELECT coalesce(organization_id, 0), (completed_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 0, count(*)
      FROM study_progress WHERE completed_at IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT coalesce(organization_id, 0), (counts_on AT TIME ZONE 'Asia/Shanghai')::date, 0, sum(hours), 0
      FROM study_hours WHERE NOT held GROUP BY 1, 2) x
  GROUP BY org, day;
INSERT INTO study_org_month (organization_id, month, seconds, hours, completions)
  SELECT organization_id, date_trunc('month', day)::date, sum(seconds), sum(hours), sum(completions) FROM study_org_day GROUP BY 1, 2;
INSERT INTO study_member_year (member_id, year, seconds, hours, completions)
  SELECT member_id, year, sum(seconds), sum(hours), sum(completions)::int FROM (
    SELECT member_id, extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai')::int AS year, sum(credited_seconds) AS seconds, 0 AS hours, 0 AS completions
      FROM study_events WHERE credited_seconds <> 0 AND member_id IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT member_id, extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai')::int, 0, 0, count(*)
      FROM study_progress WHERE completed_at IS NOT NULL AND member_id IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT member_id, year::int, 0, sum(hours), 0 FROM study_hours WHERE NOT held GROUP BY 1, 2) x
  GROUP BY member_id, year;
INSERT INTO quiz_member_year (member_id, year, attempts, passed, score_sum)
  SELECT member_id, extract(year FROM submitted_at AT TIME ZONE 'Asia/Shanghai')::int, count(*), count(*) FILTER (WHERE passed), coalesce(sum(score), 0)
    FROM quiz_attempts WHERE status = 'submitted' AND submitted_at IS NOT NULL AND member_id IS NOT NULL GROUP BY 1, 2;
INSERT INTO quiz_org_month (organization_id, month, attempts, passed, score_sum)
  SELECT coalesce(organization_id, 0), date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai')::date, count(*), count(*) FILTER (WHERE passed), coalesce(sum(score), 0)
    FROM quiz_attempts WHERE status = 'submitted' AND submitted_at IS NOT NULL GROUP BY 1, 2;
INSERT INTO study_item_org_year (item_collection, item_id, organization_id, year, completions)
  SELECT item_collection::text, item_id::int, coalesce(organization_id, 0), extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai')::int, count(*)
    FROM study_progress WHERE completed_at IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO quiz_question_org_year (question_id, organization_id, year, answers, wrong)
  SELECT (r->>'questionId')::int, coalesce(a.organization_id, 0), extract(year FROM a.submitted_at AT TIME ZONE 'Asia/Shanghai')::int,
         count(*), count(*) FILTER (WHERE NOT coalesce((r->>'correct')::boolean, false))
    FROM quiz_attempts a CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(a.results) = 'array' THEN a.results ELSE '[]'::jsonb END) r
   WHERE a.status = 'submitted' AND a.submitted_at IS NOT NULL AND r ? 'questionId' GROUP BY 1, 2, 3;
`

/** The nightly repair: rebuilds the rollups in one transaction (readers see the old or the new, never half). */
export const rebuildRollups = async (payload: Payload) =>
  transact(payload, async (tx) => {
    // Writers wait for the rebuild rather than add to rows being replaced.
    await tx.query('LOCK TABLE study_events, study_progress, study_hours, quiz_attempts IN SHARE MODE')
    await tx.query(rebuildRollupsSql)
  })
