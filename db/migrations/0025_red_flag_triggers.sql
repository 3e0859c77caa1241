-- red_flag_values holds every value strictly above its indicator's red-flag threshold, kept by the
-- database so every write path (forms, imports, jobs, seeders) keeps it equal to a recount.
INSERT INTO red_flag_values (evaluation_id, indicator_id, value)
SELECT v.evaluation_id, v.indicator_id, v.value FROM evaluation_values v INNER JOIN indicators i ON i.id = v.indicator_id
WHERE i.red_flag_above IS NOT NULL AND v.value > i.red_flag_above;
--> statement-breakpoint
CREATE TRIGGER red_flag_values_insert AFTER INSERT ON evaluation_values
WHEN NEW.value > (SELECT red_flag_above FROM indicators WHERE id = NEW.indicator_id)
BEGIN
  INSERT INTO red_flag_values (evaluation_id, indicator_id, value) VALUES (NEW.evaluation_id, NEW.indicator_id, NEW.value);
END;
--> statement-breakpoint
CREATE TRIGGER red_flag_values_update AFTER UPDATE OF value ON evaluation_values
WHEN OLD.value IS NOT NEW.value
BEGIN
  DELETE FROM red_flag_values WHERE evaluation_id = OLD.evaluation_id AND indicator_id = OLD.indicator_id;
  INSERT INTO red_flag_values (evaluation_id, indicator_id, value)
  SELECT NEW.evaluation_id, NEW.indicator_id, NEW.value FROM indicators WHERE id = NEW.indicator_id AND NEW.value > red_flag_above;
END;
--> statement-breakpoint
CREATE TRIGGER red_flag_values_delete AFTER DELETE ON evaluation_values
BEGIN
  DELETE FROM red_flag_values WHERE evaluation_id = OLD.evaluation_id AND indicator_id = OLD.indicator_id;
END;
--> statement-breakpoint
-- A new threshold: the indicator's flags again, from its values (a rare administrator's change).
CREATE TRIGGER red_flag_values_threshold AFTER UPDATE OF red_flag_above ON indicators
WHEN OLD.red_flag_above IS NOT NEW.red_flag_above
BEGIN
  DELETE FROM red_flag_values WHERE indicator_id = NEW.id;
  INSERT INTO red_flag_values (evaluation_id, indicator_id, value)
  SELECT evaluation_id, indicator_id, value FROM evaluation_values WHERE indicator_id = NEW.id AND value > NEW.red_flag_above;
END;
