-- The counts of evaluation_counts and stakeholder_counts, kept by the database itself so every
-- write path (services, imports, jobs, seeders) keeps them equal to a recount. Rows falling to 0
-- are deleted, so a count never holds back the deletion of a period or region.
INSERT INTO stakeholder_counts (region_id, stakeholder_type, active, n)
SELECT region_id, type, active, count(*) FROM stakeholders GROUP BY region_id, type, active;
--> statement-breakpoint
INSERT INTO evaluation_counts (period_id, region_id, stakeholder_type, active, status, excluded, n)
SELECT e.period_id, s.region_id, s.type, s.active, e.status, e.excluded_reason IS NOT NULL, count(*)
FROM evaluations e INNER JOIN stakeholders s ON s.id = e.stakeholder_id
GROUP BY e.period_id, s.region_id, s.type, s.active, e.status, e.excluded_reason IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER stakeholder_counts_insert AFTER INSERT ON stakeholders
BEGIN
  INSERT INTO stakeholder_counts (region_id, stakeholder_type, active, n) VALUES (NEW.region_id, NEW.type, NEW.active, 1)
  ON CONFLICT DO UPDATE SET n = stakeholder_counts.n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER stakeholder_counts_delete AFTER DELETE ON stakeholders
BEGIN
  UPDATE stakeholder_counts SET n = n - 1 WHERE region_id = OLD.region_id AND stakeholder_type = OLD.type AND active = OLD.active;
  DELETE FROM stakeholder_counts WHERE region_id = OLD.region_id AND stakeholder_type = OLD.type AND active = OLD.active AND n = 0;
END;
--> statement-breakpoint
-- A stakeholder moved, retyped, (de)activated: its own count and its evaluations' counts move too.
CREATE TRIGGER stakeholder_counts_update AFTER UPDATE OF region_id, type, active ON stakeholders
WHEN OLD.region_id <> NEW.region_id OR OLD.type <> NEW.type OR OLD.active <> NEW.active
BEGIN
  UPDATE stakeholder_counts SET n = n - 1 WHERE region_id = OLD.region_id AND stakeholder_type = OLD.type AND active = OLD.active;
  DELETE FROM stakeholder_counts WHERE region_id = OLD.region_id AND stakeholder_type = OLD.type AND active = OLD.active AND n = 0;
  INSERT INTO stakeholder_counts (region_id, stakeholder_type, active, n) VALUES (NEW.region_id, NEW.type, NEW.active, 1)
  ON CONFLICT DO UPDATE SET n = stakeholder_counts.n + 1;
  UPDATE evaluation_counts SET n = n - (
    SELECT count(*) FROM evaluations e
    WHERE e.stakeholder_id = OLD.id AND e.period_id = evaluation_counts.period_id AND e.status = evaluation_counts.status
      AND (e.excluded_reason IS NOT NULL) = evaluation_counts.excluded)
  WHERE region_id = OLD.region_id AND stakeholder_type = OLD.type AND active = OLD.active
    AND period_id IN (SELECT period_id FROM evaluations WHERE stakeholder_id = OLD.id);
  DELETE FROM evaluation_counts WHERE region_id = OLD.region_id AND stakeholder_type = OLD.type AND active = OLD.active AND n = 0
    AND period_id IN (SELECT period_id FROM evaluations WHERE stakeholder_id = OLD.id);
  INSERT INTO evaluation_counts (period_id, region_id, stakeholder_type, active, status, excluded, n)
  SELECT e.period_id, NEW.region_id, NEW.type, NEW.active, e.status, e.excluded_reason IS NOT NULL, count(*)
  FROM evaluations e WHERE e.stakeholder_id = NEW.id
  GROUP BY e.period_id, e.status, e.excluded_reason IS NOT NULL
  ON CONFLICT DO UPDATE SET n = evaluation_counts.n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER evaluation_counts_insert AFTER INSERT ON evaluations
BEGIN
  INSERT INTO evaluation_counts (period_id, region_id, stakeholder_type, active, status, excluded, n)
  SELECT NEW.period_id, s.region_id, s.type, s.active, NEW.status, NEW.excluded_reason IS NOT NULL, 1 FROM stakeholders s WHERE s.id = NEW.stakeholder_id
  ON CONFLICT DO UPDATE SET n = evaluation_counts.n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER evaluation_counts_delete AFTER DELETE ON evaluations
BEGIN
  UPDATE evaluation_counts SET n = n - 1
  WHERE period_id = OLD.period_id AND status = OLD.status AND excluded = (OLD.excluded_reason IS NOT NULL)
    AND (region_id, stakeholder_type, active) = (SELECT region_id, type, active FROM stakeholders WHERE id = OLD.stakeholder_id);
  DELETE FROM evaluation_counts
  WHERE period_id = OLD.period_id AND status = OLD.status AND excluded = (OLD.excluded_reason IS NOT NULL) AND n = 0
    AND (region_id, stakeholder_type, active) = (SELECT region_id, type, active FROM stakeholders WHERE id = OLD.stakeholder_id);
END;
--> statement-breakpoint
CREATE TRIGGER evaluation_counts_update AFTER UPDATE OF status, excluded_reason, period_id, stakeholder_id ON evaluations
WHEN OLD.status <> NEW.status OR (OLD.excluded_reason IS NULL) <> (NEW.excluded_reason IS NULL)
  OR OLD.period_id <> NEW.period_id OR OLD.stakeholder_id <> NEW.stakeholder_id
BEGIN
  UPDATE evaluation_counts SET n = n - 1
  WHERE period_id = OLD.period_id AND status = OLD.status AND excluded = (OLD.excluded_reason IS NOT NULL)
    AND (region_id, stakeholder_type, active) = (SELECT region_id, type, active FROM stakeholders WHERE id = OLD.stakeholder_id);
  DELETE FROM evaluation_counts
  WHERE period_id = OLD.period_id AND status = OLD.status AND excluded = (OLD.excluded_reason IS NOT NULL) AND n = 0
    AND (region_id, stakeholder_type, active) = (SELECT region_id, type, active FROM stakeholders WHERE id = OLD.stakeholder_id);
  INSERT INTO evaluation_counts (period_id, region_id, stakeholder_type, active, status, excluded, n)
  SELECT NEW.period_id, s.region_id, s.type, s.active, NEW.status, NEW.excluded_reason IS NOT NULL, 1 FROM stakeholders s WHERE s.id = NEW.stakeholder_id
  ON CONFLICT DO UPDATE SET n = evaluation_counts.n + 1;
END;
