// The check behind both the dry run and the import: the file read by the shared decoder (its
// structure: header, numbers, row width, duplicates; the template's help row and rows nobody
// filled in are skipped), then each row against the database — stakeholder (by code, credit code
// or a name unique in scope), scope, type, workflow state, valid ranges and, for submitting,
// completeness and evidence (stored, or in the file's evidence column). Every problem is listed by
// row and column; a row is planned only when it has none.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { indicatorDefs } from '@/server/queries/evaluations';
import { evaluationsByStakeholder, importTarget, stakeholderDirectory, valuesWithEvidence, type ImportStakeholder, type PeriodEvaluation } from '@/server/queries/imports';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { located, readValuesFile, type ValuesFileRead } from '@/core/decode';
import { valueProblem, type IndicatorDef } from '@/core/domain/evaluation-values';
import type { StakeholderType } from '@/core/domain/enums';
import { MAX_IMPORT_BYTES, type ImportMode, type ImportProblem, type ImportReport } from '@/core/domain/imports';

export type ImportInput = {
  kpiSetCode: string;
  bytes: Uint8Array;
  fileName?: string;
  mode: ImportMode;
  /**
   * Keep rows without any value (each then makes an empty draft), so that every data line has its
   * evaluation: for a generator that maps `runImport`'s evaluation ids to its lines by position.
   * People's files never want it (the template's untouched rows are skipped).
   */
  keepUnfilledRows?: boolean;
};

/** A row that will be written: a new evaluation, or an update of a draft or returned one. */
export type PlannedRow = {
  row: number;
  stakeholderId: number;
  stakeholderCode: string;
  existing: Pick<PeriodEvaluation, 'id' | 'status' | 'revision'> | null;
  /** In the order of `defs`; null is an empty cell. */
  values: (number | null)[];
  /** The row's notes and evidence links (absent when it has none): written by writeImportTexts. */
  texts?: PlannedText[];
};

/** A note and/or an evidence link for the indicator `defs[indicator]`; null leaves the stored one. */
export type PlannedText = { indicator: number; note: string | null; evidenceUrl: string | null };

export type ImportPlan = { report: ImportReport; planned: PlannedRow[]; defs: IndicatorDef[] };

const MAX_PROBLEMS = 500;

/** The report's problem list, capped: beyond the cap only a count is kept. */
function problemList(report: ImportReport) {
  return (p: ImportProblem) => {
    if (report.problems.length < MAX_PROBLEMS) report.problems.push(p);
    else report.moreProblems++;
  };
}

export async function planImport(db: Db, me: SessionUser, input: ImportInput): Promise<ImportPlan> {
  const { set, period, version } = importTarget(db, input.kpiSetCode);
  const report: ImportReport = {
    ok: false,
    format: null,
    encoding: null,
    kpiSet: version ? { code: set.code, versionId: version.id } : null,
    period: period ? { id: period.id, code: period.code } : null,
    mode: input.mode,
    rows: 0,
    creates: 0,
    updates: 0,
    problems: [],
    moreProblems: 0,
    warnings: [],
  };
  const add = problemList(report);
  if (!period) add(located('no_open_period'));
  else if (!version) add(located('no_published_version', { kpiSet: set.code }));
  else if (input.bytes.length > MAX_IMPORT_BYTES) add(located('too_large', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }));
  if (!period || !version || report.problems.length > 0) return { report, planned: [], defs: [] };

  const defs = indicatorDefs(db, loadKpiSetVersion(db, version.id));
  const read = await readValuesFile(input.bytes, defs.map((d) => d.code), {
    kpiSetCode: set.code,
    maxErrors: MAX_PROBLEMS,
    indicatorNames: defs.map((d) => ({ nameEn: d.nameEn, nameZh: d.nameZh })),
    skipUnfilledRows: !input.keepUnfilledRows,
  });
  report.format = read.format;
  report.encoding = read.encoding;
  report.warnings = read.warnings;
  for (const e of read.errors) {
    // The decoder's own cap is the report's: what it left out is counted, not listed.
    if (e.code === 'more_errors') report.moreProblems += Number(e.params?.n ?? 0);
    else add(e);
  }

  const rows = new RowChecker(db, me, { stakeholderType: set.stakeholderType, kpiSetCode: set.code, periodId: period.id, periodCode: period.code, versionId: version.id }, input.mode, defs, read, add);
  const planned: PlannedRow[] = [];
  for (let r = 0; r < read.rowNumbers.length; r++) {
    const row = rows.check(r);
    if (row) planned.push(row);
  }
  report.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  report.rows = read.rowNumbers.length;
  report.creates = planned.filter((p) => !p.existing).length;
  report.updates = planned.length - report.creates;
  report.ok = report.problems.length === 0 && report.moreProblems === 0 && planned.length > 0;
  return { report, planned, defs };
}

type Target = { stakeholderType: StakeholderType; kpiSetCode: string; periodId: number; periodCode: string; versionId: number };

/** Checks the rows the decoder accepted, one at a time, against what the database holds. */
class RowChecker {
  private readonly directory: ReturnType<typeof stakeholderDirectory>;
  private readonly existing: Map<number, PeriodEvaluation>;
  /** `${evaluationId}:${indicatorId}` with an evidence link stored (read only for submitting). */
  private readonly evidence: Set<string>;
  /** First row of each stakeholder: the same one by code and by credit code is a duplicate. */
  private readonly firstRowOf = new Map<number, number>();

  constructor(
    db: Db,
    me: SessionUser,
    private readonly target: Target,
    private readonly mode: ImportMode,
    private readonly defs: IndicatorDef[],
    private readonly read: ValuesFileRead,
    private readonly add: (p: ImportProblem) => void,
  ) {
    this.directory = stakeholderDirectory(db, me, target.stakeholderType);
    this.existing = evaluationsByStakeholder(db, target.periodId);
    this.evidence = mode === 'submitted' ? valuesWithEvidence(db, [...this.existing.values()].map((e) => e.id)) : new Set<string>();
  }

  check(r: number): PlannedRow | null {
    const raw = this.read.matrix.stakeholders[r]!;
    const row = this.read.rowNumbers[r]!;
    const where = this.read.stakeholderColumn ?? undefined;
    const s = this.find(raw, row, where);
    if (!s) {
      this.values(r, row); // its cells are still checked
      return null;
    }
    // Every check runs, so that one pass lists every problem of the row.
    const allowed = this.mayImport(s, row, where);
    let ok = this.isFirstRow(s, row, where) && allowed;
    const prior = this.existing.get(s.id);
    if (ok && prior) ok = this.mayOverwrite(prior, s.code, row, where);
    const values = this.values(r, row);
    if (values === null || !ok) return null;
    const texts = this.texts(r);
    if (this.mode === 'submitted' && !this.readyToSubmit(values, texts, prior, row)) return null;
    return {
      row,
      stakeholderId: s.id,
      stakeholderCode: s.code,
      existing: prior ? { id: prior.id, status: prior.status, revision: prior.revision } : null,
      values,
      ...(texts ? { texts } : {}),
    };
  }

  /**
   * The stakeholder by code, credit code or name; a name must be unique in the caller's scope
   * (among the set's type when other types share it). Null when not found (reported).
   */
  private find(raw: string, row: number, where: string | undefined): ImportStakeholder | null {
    const s = this.directory.byCodeOrCreditCode(raw);
    if (s) return s;
    const named = this.directory.named(raw);
    const ofType = named.filter((n) => n.type === this.target.stakeholderType);
    const candidates = ofType.length > 0 ? ofType : named;
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length > 1) this.add(located('ambiguous_stakeholder', { value: raw, n: candidates.length }, row, where));
    else this.add(located('unknown_stakeholder', { value: raw }, row, where));
    return null;
  }

  /** The row's notes and evidence links from the file, or undefined when it has none. */
  private texts(r: number): PlannedText[] | undefined {
    const { notes, evidence } = this.read.texts;
    if (notes.size === 0 && evidence.size === 0) return undefined;
    const texts: PlannedText[] = [];
    const k = this.defs.length;
    for (let j = 0; j < k; j++) {
      const note = notes.get(r * k + j) ?? null;
      const evidenceUrl = evidence.get(r * k + j) ?? null;
      if (note !== null || evidenceUrl !== null) texts.push({ indicator: j, note, evidenceUrl });
    }
    return texts.length > 0 ? texts : undefined;
  }

  /** Of the set's type, active: or the problem is reported (the directory holds only the caller's scope). */
  private mayImport(s: ImportStakeholder, row: number, where: string | undefined): boolean {
    if (s.type !== this.target.stakeholderType) this.add(located('wrong_type', { value: s.code, type: s.type, kpiSet: this.target.kpiSetCode }, row, where));
    else if (!s.active) this.add(located('inactive', { value: s.code }, row, where));
    else return true;
    return false;
  }

  /** The stakeholder's first row in the file (by code or by credit code): or the duplicate is reported. */
  private isFirstRow(s: ImportStakeholder, row: number, where: string | undefined): boolean {
    const first = this.firstRowOf.get(s.id);
    if (first === undefined) {
      this.firstRowOf.set(s.id, row);
      return true;
    }
    this.add(located('duplicate_row', { first, value: s.code }, row, where));
    return false;
  }

  /** The period's evaluation may still be overwritten by a file: or the problem is reported. */
  private mayOverwrite(prior: PeriodEvaluation, code: string, row: number, where: string | undefined): boolean {
    const params = { value: code, period: this.target.periodCode };
    if (prior.status === 'approved') this.add(located('already_approved', params, row, where));
    else if (prior.status === 'submitted') this.add(located('already_submitted', params, row, where));
    else if (prior.versionId !== this.target.versionId) this.add(located('other_version', { value: code }, row, where));
    else return true;
    return false;
  }

  /** The row's values in range, or null when one is not (each is reported at its cell). */
  private values(r: number, row: number): (number | null)[] | null {
    const k = this.defs.length;
    const values: (number | null)[] = new Array<number | null>(k).fill(null);
    let ok = true;
    this.defs.forEach((def, j) => {
      const x = this.read.matrix.values[r * k + j]!;
      if (x !== x) return; // missing
      const bad = valueProblem(def, x);
      if (bad === null) {
        values[j] = x;
        return;
      }
      // valueProblem speaks the form's language: "evaluations.validation.<rule>::{params}".
      const [key = '', json] = bad.split('::');
      const rule = key.slice(key.lastIndexOf('.') + 1) as 'belowMin' | 'aboveMax' | 'integer';
      this.add(located(`range_${rule}`, { value: x, ...(json ? (JSON.parse(json) as Record<string, string | number>) : {}) }, row, this.read.indicatorColumns[j] ?? def.code));
      ok = false;
    });
    return ok ? values : null;
  }

  /** True when every value is there and every required evidence link is in the file or already stored. */
  private readyToSubmit(values: (number | null)[], texts: PlannedText[] | undefined, prior: PeriodEvaluation | undefined, row: number): boolean {
    let ok = true;
    const linked = new Set(texts?.filter((t) => t.evidenceUrl !== null).map((t) => t.indicator));
    this.defs.forEach((d, j) => {
      const where = this.read.indicatorColumns[j] ?? d.code;
      if (values[j] === null) {
        this.add(located('missing_for_submit', { indicator: d.code }, row, where));
        ok = false;
      } else if (d.evidenceRequired && !linked.has(j) && !(prior && this.evidence.has(`${prior.id}:${d.id}`))) {
        this.add(located('evidence_for_submit', { indicator: d.code }, row, where));
        ok = false;
      }
    });
    return ok;
  }
}
