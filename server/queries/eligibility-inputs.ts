// The eligibility engine's inputs for one published period, read from the published official
// score runs (and earlier published periods for "consecutive" clauses). Runs, recomputes and the
// tuning preview all read them here, so a preview sees exactly what a run would.
import 'server-only';
import type { Db, DbOrTx } from '@/db';
import { StateError } from '@/server/errors';
import { MAX_CONSECUTIVE_PERIODS, projectHistoryScore, type EligibilityInput, type HistoryEntry, type HistoryField, type IndicatorValue, type NotScored, type PeriodScore } from '@/core/eligibility';
import { sortGradesDescending } from '@/core/scoring';
import type { StakeholderType } from '@/core/domain/enums';
import { getPeriod, publishedPeriodsBefore, type Period } from './periods';
import { countyAndTownshipOf, regionCodes } from './regions';
import { redFlagLimits } from './kpi-versions';
import { publishedRunsOf } from './scores';

export type PeriodInputs = {
  period: Period;
  inputs: EligibilityInput[];
  scoreRunIds: number[];
  stakeholderIds: Map<string, number>;
};

/**
 * A score as SQLite answers it, a row array in this column order (objectives and indicators still
 * JSON text): read without row objects, since a province's run reads hundreds of thousands.
 */
type ScoreRow = [composite: number | null, grade: string | null, objectives: string, indicators: string, percentile: number | null, countyPercentile: number | null, couplingClass: number | null];

const SCORE_COLUMNS = 's.composite, s.grade, s.objectives, s.indicators, s.percentile, s.county_percentile, s.coupling_class';

const placeholders = (n: number) => new Array<string>(n).fill('?').join(', ');

/**
 * Keys in sort order, remembered per key list: a run's records share a handful of key lists (one
 * per KPI set). Inputs built in key order hash through JSON.stringify (core's canonicalJson), and
 * nothing in the engine depends on the order of a record's keys.
 */
function keyOrder() {
  const known = new Map<string, { keys: string[]; sorted: string[] }[]>();
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => k === b[i]);
  return (keys: string[]): string[] => {
    const bucket = known.get(keys[0] ?? '') ?? known.set(keys[0] ?? '', []).get(keys[0] ?? '')!;
    const hit = bucket.find((entry) => same(entry.keys, keys));
    if (hit) return hit.sorted;
    const sorted = [...keys].sort();
    bucket.push({ keys, sorted });
    return sorted;
  };
}

/** Reads stored scores into the engine's form, every object built with its keys in sort order. */
function scoreReader() {
  const order = keyOrder();
  const indicatorsOf = (text: string) => {
    const stored = JSON.parse(text) as Record<string, IndicatorValue>;
    const indicators: Record<string, IndicatorValue> = {};
    for (const code of order(Object.keys(stored))) {
      const value = stored[code]!;
      indicators[code] = { normalized: value.normalized, raw: value.raw };
    }
    return indicators;
  };
  const objectivesOf = (text: string) => {
    const stored = JSON.parse(text) as Record<string, number | null>;
    const objectives: Record<string, number | null> = {};
    for (const code of order(Object.keys(stored))) objectives[code] = stored[code]!;
    return objectives;
  };
  // A row begins with the score's columns; the query's own columns follow them.
  return (row: readonly [...ScoreRow, ...unknown[]]): PeriodScore => ({
    composite: row[0],
    countyPercentile: row[5],
    couplingClass: row[6],
    grade: row[1],
    indicators: indicatorsOf(row[3]),
    objectives: objectivesOf(row[2]),
    percentile: row[4],
  });
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}

/** A region's county code (undefined above county level), every region read once. */
function countyCodeOfRegion(db: Db): (regionId: number) => string | undefined {
  const regionRows = db.$client.prepare('select id, path, code from regions').raw().all() as [number, string, string][];
  const codeOf = new Map(regionRows.map(([id, , code]) => [id, code]));
  const countyOf = new Map<number, string | undefined>();
  for (const [id, path] of regionRows) {
    const county = countyAndTownshipOf(path).countyId;
    countyOf.set(id, county === null ? undefined : codeOf.get(county));
  }
  return (regionId) => countyOf.get(regionId);
}

/**
 * The published official scores of the given periods (each period's latest runs: a revision's
 * replace the earlier ones), each with its period, a row at a time: a
 * row's JSON text is parsed and dropped at once instead of hundreds of megabytes held together.
 * With `onlyOfRuns`, only those of the stakeholders scored in these runs (the ones a program open
 * to some types evaluates): the others' history would be read and thrown away. Objectives and
 * indicators, the bulk of a score, are read only when `fields` asks for them (null: every field).
 * Rows: the score's columns (ScoreRow), then the stakeholder's id and the period's.
 */
function publishedScoresInPeriods(db: Db, periodIds: readonly number[], onlyOfRuns: readonly number[] | null, fields: readonly HistoryField[] | null) {
  if (periodIds.length === 0 || onlyOfRuns?.length === 0) return [];
  const ofRuns = onlyOfRuns ? `and s.stakeholder_id in (select stakeholder_id from scores where run_id in (${placeholders(onlyOfRuns.length)}))` : '';
  const json = (column: string, field: HistoryField) => (fields === null || fields.includes(field) ? `s.${column}` : `'{}'`);
  const columns = SCORE_COLUMNS.replace('s.objectives', json('objectives', 'objectives')).replace('s.indicators', json('indicators', 'indicators'));
  // The runs first (a handful): as a condition on each score row it was checked 100,000 times.
  const runIds = db.$client
    .prepare(
      `select sr.id from score_runs sr where sr.period_id in (${placeholders(periodIds.length)}) and sr.status = 'published' and sr.kind = 'official'
         and not exists (select 1 from score_runs later where later.period_id = sr.period_id and later.kpi_set_version_id = sr.kpi_set_version_id
           and later.kind = 'official' and later.status = 'published' and later.id > sr.id)`,
    )
    .pluck()
    .all(...periodIds) as number[];
  if (runIds.length === 0) return [];
  return db.$client
    .prepare(
      `select ${columns}, s.stakeholder_id, sr.period_id from scores s join score_runs sr on sr.id = s.run_id
       where s.run_id in (${placeholders(runIds.length)}) ${ofRuns}`,
    )
    .raw()
    .iterate(...runIds, ...(onlyOfRuns ?? [])) as IterableIterator<[...ScoreRow, number, number]>;
}

/** The period, or STATE for one not published (eligibility reads only published scores). */
export function publishedPeriod(db: DbOrTx, periodId: number): Period {
  const period = getPeriod(db, periodId);
  if (period.status !== 'published') {
    throw new StateError(
      `Eligibility can only be run on a published period: ${period.code} is ${period.status}. Publish its scores first, then run the program.`,
      'period_not_published',
    );
  }
  return period;
}

/**
 * The engine's inputs for one published period: official published scores of the eligible types,
 * each with the scores of up to `historyPeriods` published periods before it (what the program's
 * rule reads: historyPeriodsNeeded), holding only `historyFields` of them (historyFieldsNeeded;
 * null: whole scores, as runs recorded before that was known hashed them).
 */
export function buildPeriodInputs(
  db: Db,
  periodId: number,
  eligibleTypes: readonly StakeholderType[],
  historyPeriods: number,
  historyFields: readonly HistoryField[] | null = null,
): PeriodInputs {
  const period = publishedPeriod(db, periodId);
  const published = publishedRunsOf(db, periodId);
  const runs = published.filter((r) => eligibleTypes.includes(r.type));
  const stakeholderIds = new Map<string, number>();
  if (runs.length === 0) return { period, inputs: [], scoreRunIds: [], stakeholderIds };

  const gradesOf = new Map(runs.map((r) => [r.id, sortGradesDescending(r.grades).map((g) => g.code)]));
  const limitsOf = new Map(runs.map((r) => [r.id, sortedKeys(redFlagLimits(db, { versionId: r.versionId }))]));
  const periodScoreOf = scoreReader();
  const countyOf = countyCodeOfRegion(db);

  // Earlier published periods, most recent first, read before this period's scores so that each
  // input is built whole as its row comes.
  const earlier = historyPeriods > 0 ? publishedPeriodsBefore(db, period, Math.min(historyPeriods, MAX_CONSECUTIVE_PERIODS - 1)) : [];
  const past = new Map<number, Map<number, PeriodScore>>(earlier.map((p) => [p.id, new Map()])); // period → stakeholder → score
  // Every run of the period: every stakeholder scored now is evaluated, and the filter would only cost.
  const onlyOfRuns = runs.length < published.length ? runs.map((run) => run.id) : null;
  for (const r of publishedScoresInPeriods(db, earlier.map((p) => p.id), onlyOfRuns, historyFields)) past.get(r[8])?.set(r[7], projectHistoryScore(periodScoreOf(r), historyFields));
  const pastOf = earlier.map((p) => ({ period: p.code, scores: past.get(p.id)! }));

  // In no particular order: the engine orders its inputs by code itself, and sorting a province's
  // rows with their JSON here cost SQLite half a second of temporary B-tree.
  // Each row parsed as it comes (see publishedScoresInPeriods).
  const statement = db.$client
    .prepare(
      `select ${SCORE_COLUMNS}, s.stakeholder_id, s.run_id, st.code, st.name, st.type, r.id from scores s join stakeholders st on st.id = s.stakeholder_id join regions r on r.id = st.region_id
       where s.run_id in (${placeholders(runs.length)})`,
    )
    .raw();
  const inputs: EligibilityInput[] = [];
  for (const r of statement.iterate(...runs.map((run) => run.id)) as IterableIterator<[...ScoreRow, number, number, string, string, StakeholderType, number]>) {
    const stakeholderId = r[7];
    const runId = r[8];
    const code = r[9];
    stakeholderIds.set(code, stakeholderId);
    const score = periodScoreOf(r);
    // Keys in sort order (see scoreReader).
    inputs.push({
      composite: score.composite,
      county: countyOf(r[12]),
      countyPercentile: score.countyPercentile,
      couplingClass: score.couplingClass,
      grade: score.grade,
      grades: gradesOf.get(runId) ?? [],
      history: pastOf.map((p): HistoryEntry => ({ period: p.period, score: p.scores.get(stakeholderId) ?? null })),
      indicators: score.indicators,
      name: r[10],
      objectives: score.objectives,
      percentile: score.percentile,
      redFlagLimits: limitsOf.get(runId) ?? {},
      stakeholder: code,
      type: r[11],
    });
  }
  return { period, inputs, scoreRunIds: runs.map((r) => r.id), stakeholderIds };
}

/**
 * Active stakeholders of the given types without a score in the period's published official runs
 * (`runIds`, those of these types), in code order, each with why: excluded from the period, never
 * evaluated in it, or evaluated but not in the published run. One pass over the stakeholders, each
 * looked up in the runs' (run, stakeholder) index and the period's evaluations.
 */
export function unscoredStakeholders(db: Db, periodId: number, types: readonly StakeholderType[], runIds: readonly number[]): (NotScored & { stakeholderId: number })[] {
  if (types.length === 0) return [];
  const scored = runIds.length > 0 ? `and not exists (select 1 from scores s where s.run_id in (${placeholders(runIds.length)}) and s.stakeholder_id = st.id)` : '';
  const rows = db.$client
    .prepare<unknown[], { id: number; code: string; type: StakeholderType; path: string; evaluationId: number | null; excludedReason: string | null }>(
      `select st.id, st.code, st.type, r.path, e.id as evaluationId, e.excluded_reason as excludedReason
       from stakeholders st join regions r on r.id = st.region_id
       left join evaluations e on e.stakeholder_id = st.id and e.period_id = ?
       where st.active = 1 and st.type in (${placeholders(types.length)}) ${scored}
       order by st.code`,
    )
    .all(periodId, ...types, ...runIds);
  const countyIdOf = (path: string) => countyAndTownshipOf(path).countyId;
  const countyCode = regionCodes(db, [...new Set(rows.map((r) => countyIdOf(r.path)).filter((x): x is number => x !== null))]);
  return rows.map((r) => {
    const county = countyIdOf(r.path);
    return {
      stakeholderId: r.id,
      stakeholder: r.code,
      type: r.type,
      county: county === null ? null : (countyCode.get(county) ?? null),
      cause: r.evaluationId === null ? 'not_evaluated' : r.excludedReason !== null ? 'excluded' : 'not_published',
      note: r.excludedReason,
    };
  });
}
