-- The 学时台账 (study_hours) and its one writer. Every source of 学时 goes through study_hours_write:
-- online study from the trigger on study_progress below, offline sources (trainings confirmed by a
-- college committee, later organisation life) from src/ledger/write.ts on the request's transaction.
-- An entry is keyed by member, source and evidence; writing NULL hours withdraws it.
CREATE OR REPLACE FUNCTION study_hours_write(p_member int, p_source text, p_org int, p_counts_on timestamptz, p_year int, p_hours numeric,
                                             p_held boolean, p_evidence_collection text, p_evidence_id numeric, p_title text)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  -- Offline writers touch many members' rollup rows of one organisation at once: they take the
  -- organisation's lock (class 7201, the one study_credit_beats takes first) so a heartbeat batch
  -- of the same branch never holds one of those rows while waiting for another they hold. Online
  -- entries are written inside study_credit_beats, which already holds it.
  IF p_source <> 'online' THEN PERFORM pg_advisory_xact_lock(7201, coalesce(p_org, 0)); END IF;
  IF p_hours IS NULL OR p_hours <= 0 THEN
    DELETE FROM study_hours WHERE member_id = p_member AND source = p_source::enum_study_hours_source
       AND evidence_collection = p_evidence_collection AND evidence_id = p_evidence_id;
    RETURN;
  END IF;
  IF p_year IS NULL OR p_counts_on IS NULL THEN
    RAISE EXCEPTION 'a 学时 entry needs the date and year it counts for' USING ERRCODE = '22023';
  END IF;
  INSERT INTO study_hours AS t (member_id, source, organization_id, counts_on, year, hours, held, evidence_collection, evidence_id, title, created_at, updated_at)
    VALUES (p_member, p_source::enum_study_hours_source, p_org, p_counts_on, p_year, p_hours, coalesce(p_held, false), p_evidence_collection, p_evidence_id, p_title, now(), now())
    ON CONFLICT (member_id, source, evidence_collection, evidence_id) DO UPDATE
       SET organization_id = EXCLUDED.organization_id, counts_on = EXCLUDED.counts_on, year = EXCLUDED.year, hours = EXCLUDED.hours,
           held = EXCLUDED.held, title = coalesce(EXCLUDED.title, t.title), updated_at = EXCLUDED.updated_at
     WHERE (t.organization_id, t.counts_on, t.year, t.hours, t.held) IS DISTINCT FROM
           (EXCLUDED.organization_id, EXCLUDED.counts_on, EXCLUDED.year, EXCLUDED.hours, EXCLUDED.held);
END $fn$;

-- Online study: a completed item's 学时 (study_progress.hours_credited, held while a study-integrity
-- flag covers it) are its ledger entry, dated by completion; evidence is the progress row.
CREATE OR REPLACE FUNCTION study_hours_from_progress() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.member_id IS NOT NULL
     AND (TG_OP = 'DELETE' OR OLD.member_id IS DISTINCT FROM NEW.member_id) THEN
    PERFORM study_hours_write(OLD.member_id, 'online', NULL, NULL, NULL, NULL, NULL, 'study-progress', OLD.id, NULL);
  END IF;
  IF TG_OP = 'DELETE' OR NEW.member_id IS NULL OR NEW.item_collection = 'courses' THEN RETURN NULL; END IF;
  PERFORM study_hours_write(NEW.member_id, 'online', NEW.organization_id, NEW.completed_at,
                            extract(year FROM NEW.completed_at AT TIME ZONE 'Asia/Shanghai')::int,
                            CASE WHEN NEW.completed_at IS NULL THEN NULL ELSE NEW.hours_credited END,
                            NEW.held, 'study-progress', NEW.id, NULL);
  RETURN NULL;
END $fn$;

-- The cockpit rollups' 学时 come from the ledger (by the year an entry counts for, and the day and
-- month of its date); held entries count 0. Completions and seconds still come from study_progress
-- and study_events.
CREATE OR REPLACE FUNCTION study_hours_apply(m int, org int, at timestamptz, yr int, hrs numeric) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO study_member_year AS t (member_id, year, hours) VALUES (m, yr, hrs)
    ON CONFLICT (member_id, year) DO UPDATE SET hours = t.hours + EXCLUDED.hours;
  INSERT INTO study_org_day AS t (organization_id, day, hours) VALUES (coalesce(org, 0), (at AT TIME ZONE 'Asia/Shanghai')::date, hrs)
    ON CONFLICT (organization_id, day) DO UPDATE SET hours = t.hours + EXCLUDED.hours;
  INSERT INTO study_org_month AS t (organization_id, month, hours) VALUES (coalesce(org, 0), date_trunc('month', at AT TIME ZONE 'Asia/Shanghai')::date, hrs)
    ON CONFLICT (organization_id, month) DO UPDATE SET hours = t.hours + EXCLUDED.hours;
END $fn$;

CREATE OR REPLACE FUNCTION study_hours_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND NOT OLD.held THEN PERFORM study_hours_apply(OLD.member_id, OLD.organization_id, OLD.counts_on, OLD.year::int, -OLD.hours); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NOT NEW.held THEN PERFORM study_hours_apply(NEW.member_id, NEW.organization_id, NEW.counts_on, NEW.year::int, NEW.hours); END IF;
  RETURN NULL;
END $fn$;

-- study_progress's own rollup trigger now counts completions only (0 学时: the ledger adds them).
CREATE OR REPLACE FUNCTION cockpit_progress_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM cockpit_progress_apply(OLD.member_id, OLD.organization_id, OLD.completed_at, 0, -1, OLD.item_collection::text, OLD.item_id); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM cockpit_progress_apply(NEW.member_id, NEW.organization_id, NEW.completed_at, 0, 1, NEW.item_collection::text, NEW.item_id); END IF;
  RETURN NULL;
END $fn$;
DROP TRIGGER IF EXISTS study_progress_rollup_upd ON study_progress;
CREATE TRIGGER study_progress_rollup_upd AFTER UPDATE ON study_progress
  FOR EACH ROW WHEN (OLD.completed_at IS DISTINCT FROM NEW.completed_at
                     OR OLD.member_id IS DISTINCT FROM NEW.member_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
                     OR OLD.item_id IS DISTINCT FROM NEW.item_id)
  EXECUTE FUNCTION cockpit_progress_rollup();

DROP TRIGGER IF EXISTS study_progress_hours ON study_progress;
CREATE TRIGGER study_progress_hours AFTER INSERT OR DELETE ON study_progress
  FOR EACH ROW EXECUTE FUNCTION study_hours_from_progress();
DROP TRIGGER IF EXISTS study_progress_hours_upd ON study_progress;
CREATE TRIGGER study_progress_hours_upd AFTER UPDATE ON study_progress
  FOR EACH ROW WHEN (OLD.completed_at IS DISTINCT FROM NEW.completed_at OR OLD.hours_credited IS DISTINCT FROM NEW.hours_credited
                     OR OLD.held IS DISTINCT FROM NEW.held OR OLD.member_id IS DISTINCT FROM NEW.member_id
                     OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
  EXECUTE FUNCTION study_hours_from_progress();
DROP TRIGGER IF EXISTS study_hours_rollup ON study_hours;
CREATE TRIGGER study_hours_rollup AFTER INSERT OR UPDATE OR DELETE ON study_hours
  FOR EACH ROW EXECUTE FUNCTION study_hours_rollup();
