-- audit_counts, kept by the database on every append to the log (it allows no update or delete).
INSERT INTO audit_counts (entity, action, n) SELECT entity, action, count(*) FROM audit_log GROUP BY entity, action;
--> statement-breakpoint
CREATE TRIGGER audit_counts_insert AFTER INSERT ON audit_log
BEGIN
  INSERT INTO audit_counts (entity, action, n) VALUES (NEW.entity, NEW.action, 1)
  ON CONFLICT DO UPDATE SET n = audit_counts.n + 1;
END;
