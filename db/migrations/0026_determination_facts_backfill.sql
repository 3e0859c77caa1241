-- The facts of determinations stored before they had columns, from their explanations. The
-- immutability trigger is lifted for this one statement, which only copies what each row holds.
DROP TRIGGER determinations_no_update;
--> statement-breakpoint
UPDATE determinations SET
  county = json_extract(explanation, '$.county'),
  type = json_extract(explanation, '$.type'),
  truth = json_extract(explanation, '$.truth'),
  reason = json_extract(explanation, '$.reason'),
  composite = json_extract(explanation, '$.composite'),
  demand = json_extract(explanation, '$.demand');
--> statement-breakpoint
CREATE TRIGGER determinations_no_update BEFORE UPDATE ON determinations
BEGIN SELECT RAISE(ABORT, 'determinations are immutable: record an override instead'); END;
