// Bulk import of evaluation values: CSV (UTF-8 or GB18030) or XLSX in the wide layout of the
// values format (`stakeholder,<indicator code>,…`, optional `name`), the stakeholder named by its
// code or its unified social credit code, for the open period under the KPI set's current
// version. `checkImport` is the dry run: every problem by row and column. `runImport` re-checks
// and, only when nothing is wrong, writes everything in one transaction — all or nothing.
import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { isUtf8 } from 'node:buffer';
import type { Db } from '@/db';
import { evaluations, evaluationValues, kpiSets, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { valueProblem, type IndicatorDef } from '@/core/domain/evaluation-values';
import { CsvSyntaxError, ValuesTableReader, columnLetter, parseCsv, parseNumberCell, type Cell } from '@/core/scoring';
import { NotFoundError, ValidationError } from '@/server/errors';
import { writeAudit } from './audit';
import { loadKpiSetVersion } from './kpi-documents';
import { currentVersionFor, indicatorDefs, openPeriod } from './evaluations';
import { stakeholderInScope } from './scope';
import { type StakeholderType } from '@/core/domain/enums';

export const IMPORT_MODES = ['draft', 'submitted'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
/** Largest file accepted (bytes): 10,000 rows of a wide file are about 1 MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** One problem: where (row as a spreadsheet numbers it, column header and letter) and what. */
export type ImportProblem = {
  row?: number;
  column?: string;
  /** Stable code for translation (`evaluations.import.problems.<code>`); `file` = the reader's own English message. */
  code: string;
  params?: Record<string, string | number>;
  message: string;
};

export type ImportReport = {
  ok: boolean;
  format: 'csv' | 'xlsx' | null;
  encoding: string | null;
  kpiSet: { code: string; versionId: number } | null;
  period: { id: number; code: string } | null;
  mode: ImportMode;
  rows: number;
  creates: number;
  updates: number;
  problems: ImportProblem[];
  /** Problems beyond the ones listed (the list is capped). */
  moreProblems: number;
  warnings: string[];
};

export type ImportInput = { kpiSetCode: string; bytes: Uint8Array; fileName?: string; mode: ImportMode };

const MAX_PROBLEMS = 500;

type Planned = {
  row: number;
  stakeholderId: number;
  stakeholderCode: string;
  existing: { id: number; status: string; revision: number } | null;
  values: (number | null)[];
};

type Records = { row: number; cells: Cell[] }[];

// ─── Reading bytes ──────────────────────────────────────────────────────────────────────────────

function isZip(b: Uint8Array) {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}
function isOldExcel(b: Uint8Array) {
  return b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
}

/** UTF-8 (with or without BOM) when valid, else GB18030 (what Chinese Excel writes as "CSV"). */
async function decodeCsv(bytes: Uint8Array): Promise<{ text: string; encoding: string }> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const body = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
  if (isUtf8(body)) return { text: body.toString('utf8'), encoding: 'utf-8' };
  const iconv = (await import('iconv-lite')).default;
  return { text: iconv.decode(buffer, 'gb18030'), encoding: 'gb18030' };
}

function plainCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('result' in v) return plainCell(v.result);
    if ('formula' in v || 'sharedFormula' in v) return null;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((p) => p.text ?? '').join('');
    if (typeof v.text === 'string') return v.text;
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<Records> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  // exceljs's typings want its own Buffer type; a Node Buffer is what it reads.
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const records: Records = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = plainCell(cell.value);
    });
    for (let c = 0; c < cells.length; c++) if (!(c in cells)) cells[c] = null;
    records.push({ row: rowNumber, cells });
  });
  return records;
}

/** Bytes → records of cells, or the file-level problem that stops reading. */
async function readRecords(bytes: Uint8Array): Promise<{ records: Records; format: 'csv' | 'xlsx' | null; encoding: string | null; problems: ImportProblem[] }> {
  if (bytes.length === 0) return { records: [], format: null, encoding: null, problems: [problem('empty_file', 'The file is empty.')] };
  if (bytes.length > MAX_IMPORT_BYTES) {
    return { records: [], format: null, encoding: null, problems: [problem('too_large', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it.`, { mb: MAX_IMPORT_BYTES / 1024 / 1024 })] };
  }
  if (isOldExcel(bytes)) return { records: [], format: null, encoding: null, problems: [problem('old_excel', 'An old .xls workbook: save it as .xlsx or as CSV.')] };
  if (isZip(bytes)) {
    try {
      return { records: await readXlsx(bytes), format: 'xlsx', encoding: null, problems: [] };
    } catch (error) {
      return { records: [], format: 'xlsx', encoding: null, problems: [problem('bad_xlsx', `Not a readable XLSX workbook (${(error as Error).message}).`)] };
    }
  }
  const { text, encoding } = await decodeCsv(bytes);
  const records: Records = [];
  try {
    parseCsv(text, (cells, row) => records.push({ row, cells: cells.slice() }));
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      return { records, format: 'csv', encoding, problems: [{ row: error.row, code: 'file', message: error.message.replace(/^row \d+: /, '') }] };
    }
    throw error;
  }
  return { records, format: 'csv', encoding, problems: [] };
}

function problem(code: string, message: string, params?: Record<string, string | number>, row?: number, column?: string): ImportProblem {
  return { code, message, ...(params ? { params } : {}), ...(row !== undefined ? { row } : {}), ...(column !== undefined ? { column } : {}) };
}

/** The values reader speaks English; its common messages get a code and params so the page can translate them. */
function classifyReaderMessage(message: string): { code: string; params: Record<string, string | number> } | null {
  const quoted = (m: RegExpExecArray) => {
    try {
      return String(JSON.parse(m[1]!));
    } catch {
      return m[1]!;
    }
  };
  let m: RegExpExecArray | null;
  if ((m = /^("(?:[^"\\]|\\.)*") is not a number; leave the cell empty/.exec(message))) return { code: 'not_number', params: { value: quoted(m) } };
  if ((m = /^("(?:[^"\\]|\\.)*") is not a plain number: write it without "%"/.exec(message))) return { code: 'percent_sign', params: { value: quoted(m) } };
  if ((m = /^("(?:[^"\\]|\\.)*") is not a number: write decimals with a point/.exec(message))) return { code: 'decimal_comma', params: { value: quoted(m) } };
  if ((m = /^duplicate stakeholder ("(?:[^"\\]|\\.)*"): already on row (\d+)$/.exec(message))) return { code: 'duplicate_stakeholder', params: { value: quoted(m), first: Number(m[2]) } };
  if ((m = /^unknown column ("(?:[^"\\]|\\.)*"): not an indicator/.exec(message))) return { code: 'unknown_column', params: { value: quoted(m) } };
  if (message.startsWith('no "stakeholder" column')) return { code: 'no_stakeholder_column', params: {} };
  if (/^the row has \d+ cells but the header has/.test(message)) return { code: 'row_width', params: {} };
  if (message === 'the row has values but no stakeholder') return { code: 'no_stakeholder', params: {} };
  return null;
}

// ─── Checking ───────────────────────────────────────────────────────────────────────────────────

const RANGE_TEXT: Record<string, (p: Record<string, string | number>) => string> = {
  'evaluations.validation.belowMin': (p) => `below the valid minimum ${p.min} ${p.unit}`,
  'evaluations.validation.aboveMax': (p) => `above the valid maximum ${p.max} ${p.unit}`,
  'evaluations.validation.integer': () => 'not a whole number',
};

/** The KPI set's current version for the open period, or NotFound for an unknown code. */
function versionFor(db: Db, kpiSetCode: string) {
  const set = db.select().from(kpiSets).where(eq(kpiSets.code, kpiSetCode)).get();
  if (!set) throw new NotFoundError('KPI set', kpiSetCode);
  const period = openPeriod(db);
  const version = period ? currentVersionFor(db, set.stakeholderType, period) : null;
  return { set, period, version };
}

type Checked = { report: ImportReport; planned: Planned[]; defs: IndicatorDef[] };

async function check(db: Db, me: SessionUser, input: ImportInput): Promise<Checked> {
  const { set, period, version } = versionFor(db, input.kpiSetCode);
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
  const add = (p: ImportProblem) => {
    if (report.problems.length < MAX_PROBLEMS) report.problems.push(p);
    else report.moreProblems++;
  };
  if (!period) {
    add(problem('no_open_period', 'No period is open for entry.'));
    return { report, planned: [], defs: [] };
  }
  if (!version) {
    add(problem('no_published_version', `KPI set ${set.code} has no published version.`, { kpiSet: set.code }));
    return { report, planned: [], defs: [] };
  }
  const defs = indicatorDefs(db, loadKpiSetVersion(db, version.id));
  const codes = defs.map((d) => d.code);

  const read = await readRecords(input.bytes);
  report.format = read.format;
  report.encoding = read.encoding;
  read.problems.forEach(add);

  // The values reader reports the file's structure: header, non-numbers, row width, duplicates.
  const reader = new ValuesTableReader(codes, read.format === 'csv', { kpiSetCode: set.code, maxErrors: MAX_PROBLEMS });
  for (const r of read.records) reader.record(r.cells, r.row);
  const structure = reader.finish();
  if (!structure.ok) {
    for (const e of structure.errors) {
      // With a CSV syntax error the reader only saw part of the file; its "empty" notes would mislead.
      if (read.problems.length && /^the file (is empty|has a header but no)/.test(e.message)) continue;
      const known = classifyReaderMessage(e.message);
      add({ code: known?.code ?? 'file', ...(known ? { params: known.params } : {}), message: e.message, ...(e.row !== undefined ? { row: e.row } : {}), ...(e.column ? { column: e.column } : {}) });
    }
  } else {
    report.warnings.push(...structure.warnings);
  }

  // Our own pass: stakeholders, scope, workflow state and valid ranges.
  const headerIndex = read.records.findIndex((r) => r.cells.some((c) => c !== null && c !== undefined && String(c).trim() !== ''));
  const planned: Planned[] = [];
  if (headerIndex >= 0) {
    const header = read.records[headerIndex]!.cells.map((c) => (c === null || c === undefined ? '' : String(c).trim()));
    const stakeholderCol = header.findIndex((h) => h.toLowerCase() === 'stakeholder');
    const columnOf = new Map<number, number>(); // file column → indicator index
    header.forEach((h, c) => {
      const j = codes.indexOf(h);
      if (j >= 0 && ![...columnOf.values()].includes(j)) columnOf.set(c, j);
    });
    const colName = (c: number) => `${JSON.stringify(header[c] ?? '')} (${columnLetter(c)})`;

    const byCode = new Map<string, { id: number; code: string; type: StakeholderType; active: boolean }>();
    const byCredit = new Map<string, { id: number; code: string; type: StakeholderType; active: boolean }>();
    for (const s of db.select({ id: stakeholders.id, code: stakeholders.code, creditCode: stakeholders.creditCode, type: stakeholders.type, active: stakeholders.active }).from(stakeholders).all()) {
      byCode.set(s.code, s);
      if (s.creditCode) byCredit.set(s.creditCode.toUpperCase(), s);
    }
    const inScope = new Set(db.select({ id: stakeholders.id }).from(stakeholders).where(stakeholderInScope(me)).all().map((r) => r.id));
    const existing = new Map(
      db
        .select({ id: evaluations.id, stakeholderId: evaluations.stakeholderId, status: evaluations.status, revision: evaluations.revision, versionId: evaluations.kpiSetVersionId })
        .from(evaluations)
        .where(eq(evaluations.periodId, period.id))
        .all()
        .map((e) => [e.stakeholderId, e]),
    );
    const evidenceKept = new Set<string>(); // `${evaluationId}:${indicatorId}` with an evidence link already stored
    if (input.mode === 'submitted') {
      const ids = [...existing.values()].map((e) => e.id);
      for (let i = 0; i < ids.length; i += 500) {
        for (const v of db
          .select({ e: evaluationValues.evaluationId, i: evaluationValues.indicatorId })
          .from(evaluationValues)
          .where(and(inArray(evaluationValues.evaluationId, ids.slice(i, i + 500)), sql`${evaluationValues.evidenceUrl} is not null`))
          .all())
          evidenceKept.add(`${v.e}:${v.i}`);
      }
    }
    const firstRowOf = new Map<number, { row: number; raw: string }>();

    for (let r = headerIndex + 1; r < read.records.length; r++) {
      const { row, cells } = read.records[r]!;
      if (!cells.some((c) => c !== null && c !== undefined && String(c).trim() !== '')) continue;
      report.rows++;
      if (stakeholderCol < 0) continue;
      const raw = String(cells[stakeholderCol] ?? '').trim();
      if (raw === '') continue; // the reader reports a row without a stakeholder
      const col = colName(stakeholderCol);
      const s = byCode.get(raw) ?? byCredit.get(raw.toUpperCase());
      let rowOk = true;
      if (!s) {
        add(problem('unknown_stakeholder', `Unknown stakeholder ${JSON.stringify(raw)}: no stakeholder has this code or credit code.`, { value: raw }, row, col));
        rowOk = false;
      } else if (!inScope.has(s.id)) {
        add(problem('out_of_scope', `Stakeholder ${s.code} is outside your assigned regions.`, { value: s.code }, row, col));
        rowOk = false;
      } else if (s.type !== set.stakeholderType) {
        add(problem('wrong_type', `Stakeholder ${s.code} is of type ${s.type}; this file is for KPI set ${set.code} (${set.stakeholderType}).`, { value: s.code, type: s.type, kpiSet: set.code }, row, col));
        rowOk = false;
      } else if (!s.active) {
        add(problem('inactive', `Stakeholder ${s.code} is inactive.`, { value: s.code }, row, col));
        rowOk = false;
      }
      const first = s ? firstRowOf.get(s.id) : undefined;
      if (s && first) {
        // Same text twice is the reader's "duplicate stakeholder"; code and credit code of one stakeholder is ours.
        if (first.raw !== raw) add(problem('duplicate_row', `Duplicate: row ${first.row} is the same stakeholder (${s.code}).`, { first: first.row, value: s.code }, row, col));
        rowOk = false;
      } else if (s) firstRowOf.set(s.id, { row, raw });
      const prior = s ? existing.get(s.id) : undefined;
      if (s && rowOk && prior) {
        if (prior.status === 'approved') {
          add(problem('already_approved', `The evaluation of ${s.code} in ${period.code} is already approved; an administrator must reopen it first.`, { value: s.code, period: period.code }, row, col));
          rowOk = false;
        } else if (prior.status === 'submitted') {
          add(problem('already_submitted', `The evaluation of ${s.code} in ${period.code} is submitted and awaiting review; it cannot be overwritten.`, { value: s.code, period: period.code }, row, col));
          rowOk = false;
        } else if (prior.versionId !== version.id) {
          add(problem('other_version', `The evaluation of ${s.code} uses another version of the KPI set; edit it in the form.`, { value: s.code }, row, col));
          rowOk = false;
        }
      }
      const values: (number | null)[] = new Array<number | null>(codes.length).fill(null);
      for (const [c, j] of columnOf) {
        const parsed = parseNumberCell(cells[c]);
        if (parsed === null || typeof parsed !== 'number') continue; // non-numbers: reported by the reader
        const def = defs[j]!;
        const bad = valueProblem(def, parsed);
        if (bad) {
          // valueProblem gives "evaluations.validation.<rule>::{params}"; the report carries rule and params.
          const [msgKey = '', json] = bad.split('::');
          const params = { value: parsed, ...(json ? (JSON.parse(json) as Record<string, string | number>) : {}) };
          add(problem(msgKey.replace('evaluations.validation.', 'range_'), `${parsed} is ${RANGE_TEXT[msgKey]?.(params) ?? 'not valid'}.`, params, row, colName(c)));
          rowOk = false;
        } else values[j] = parsed;
      }
      if (input.mode === 'submitted' && s && rowOk) {
        defs.forEach((d, j) => {
          const c = [...columnOf.entries()].find(([, jj]) => jj === j)?.[0];
          const where = c === undefined ? d.code : colName(c);
          if (values[j] === null) {
            add(problem('missing_for_submit', `No value for ${d.code}: a submitted evaluation needs every value (or a note, entered in the form); import as draft instead.`, { indicator: d.code }, row, where));
            rowOk = false;
          } else if (d.evidenceRequired && !(prior && evidenceKept.has(`${prior.id}:${d.id}`))) {
            add(problem('evidence_for_submit', `${d.code} needs an evidence link before submitting: import as draft and add the links in the form.`, { indicator: d.code }, row, where));
            rowOk = false;
          }
        });
      }
      if (s && rowOk) {
        planned.push({ row, stakeholderId: s.id, stakeholderCode: s.code, existing: prior ? { id: prior.id, status: prior.status, revision: prior.revision } : null, values });
      }
    }
  }
  report.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  report.creates = planned.filter((p) => !p.existing).length;
  report.updates = planned.length - report.creates;
  report.ok = report.problems.length === 0 && report.moreProblems === 0 && planned.length > 0;
  if (report.problems.length === 0 && planned.length === 0) add(problem('no_rows', 'The file has no stakeholder rows.'));
  return { report, planned, defs };
}

/** The dry run: reads and checks everything, writes nothing. */
export async function checkImport(db: Db, me: SessionUser, input: ImportInput): Promise<ImportReport> {
  return (await check(db, me, input)).report;
}

/**
 * Checks again and imports only when there is no problem at all, in one transaction: new
 * evaluations are created, drafts and returned ones updated (values only; notes and evidence
 * links stay), as drafts or submitted. Each evaluation gets an audit row, the import one more.
 */
export async function runImport(db: Db, me: SessionUser, input: ImportInput): Promise<{ imported: boolean; report: ImportReport; evaluationIds: number[] }> {
  const { report, planned, defs } = await check(db, me, input);
  if (!report.ok || !report.kpiSet || !report.period) return { imported: false, report, evaluationIds: [] };
  const periodId = report.period.id;
  const versionId = report.kpiSet.versionId;
  const now = Date.now();
  const status = input.mode === 'submitted' ? 'submitted' : 'draft';
  const client = db.$client;
  const evaluationIds = db.transaction(() => {
    // Prepared statements on the transaction's connection: this is the hot path of a 10,000-row import.
    const insertEvaluation = client.prepare(
      `insert into evaluations (stakeholder_id, period_id, kpi_set_version_id, status, revision, created_by, submitted_by, submitted_at, created_at, updated_at)
       values (?, ?, ?, ?, 1, ?, ?, ?, ?, ?) returning id`,
    );
    const updateEvaluation = client.prepare(
      `update evaluations set status = ?, revision = revision + 1, submitted_by = ?, submitted_at = ?, return_reason = case when ? = 'submitted' then null else return_reason end, updated_at = ?
       where id = ? and revision = ? and status in ('draft', 'returned')`,
    );
    const upsertValue = client.prepare(
      `insert into evaluation_values (evaluation_id, indicator_id, value) values (?, ?, ?)
       on conflict (evaluation_id, indicator_id) do update set value = excluded.value`,
    );
    // A new evaluation's values in one multi-row statement: one call instead of one per indicator.
    const insertValues = client.prepare(
      `insert into evaluation_values (evaluation_id, indicator_id, value) values ${defs.map(() => '(?, ?, ?)').join(', ')}`,
    );
    const params: (number | null)[] = new Array<number | null>(defs.length * 3);
    const insertAudit = client.prepare(
      `insert into audit_log (at, actor_id, action, entity, entity_id, before, after, reason) values (?, ?, 'evaluation.import', 'evaluation', ?, ?, ?, null)`,
    );
    const submittedBy = status === 'submitted' ? me.id : null;
    const submittedAt = status === 'submitted' ? now : null;
    const ids: number[] = [];
    for (const p of planned) {
      let id: number;
      if (p.existing) {
        const changed = updateEvaluation.run(status, submittedBy, submittedAt, status, now, p.existing.id, p.existing.revision).changes;
        // Changed by someone since the check: abort the whole import (the transaction rolls back).
        if (changed !== 1) throw new ValidationError(`The evaluation of ${p.stakeholderCode} changed while importing; nothing was imported. Check the file again.`, {}, 'import_stale');
        id = p.existing.id;
      } else {
        try {
          id = (insertEvaluation.get(p.stakeholderId, periodId, versionId, status, me.id, submittedBy, submittedAt, now, now) as { id: number }).id;
        } catch (error) {
          // Someone started this evaluation since the check: abort the whole import.
          if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
            throw new ValidationError(`The evaluation of ${p.stakeholderCode} was started while importing; nothing was imported. Check the file again.`, {}, 'import_stale');
          }
          throw error;
        }
      }
      const values: Record<string, number | null> = {};
      if (p.existing) {
        defs.forEach((d, j) => {
          const v = p.values[j] ?? null;
          if (v === null) return; // an empty cell leaves a stored value alone
          upsertValue.run(id, d.id, v);
          values[d.code] = v;
        });
      } else {
        defs.forEach((d, j) => {
          const v = p.values[j] ?? null;
          params[3 * j] = id;
          params[3 * j + 1] = d.id;
          params[3 * j + 2] = v;
          values[d.code] = v;
        });
        insertValues.run(params);
      }
      insertAudit.run(
        now,
        me.id,
        String(id),
        JSON.stringify(p.existing ? { status: p.existing.status, revision: p.existing.revision } : null),
        JSON.stringify({ status, row: p.row, values }),
      );
      ids.push(id);
    }
    writeAudit(db, {
      actorId: me.id,
      action: 'import.run',
      entity: 'import',
      entityId: null,
      after: { kpiSet: report.kpiSet, period: report.period?.code, mode: input.mode, fileName: input.fileName ?? null, format: report.format, encoding: report.encoding, created: report.creates, updated: report.updates },
    });
    return ids;
  });
  return { imported: true, report, evaluationIds };
}

// ─── Template ───────────────────────────────────────────────────────────────────────────────────

/**
 * An XLSX template for a KPI set: the header `stakeholder, name, <indicator codes>` with each
 * indicator's name, unit, valid range, direction and evidence rule in the header cell's note; one
 * row per active stakeholder of the type in the caller's scope; a second sheet lists the indicators.
 */
export async function importTemplate(db: Db, me: SessionUser, kpiSetCode: string, locale: 'en' | 'zh-CN'): Promise<{ fileName: string; bytes: Buffer }> {
  const { set, period, version } = versionFor(db, kpiSetCode);
  if (!version || !period) throw new ValidationError('There is no open period or no published version of this KPI set.', {}, 'no_template');
  const defs = indicatorDefs(db, loadKpiSetVersion(db, version.id));
  const zh = locale === 'zh-CN';
  const rows = db
    .select({ code: stakeholders.code, name: stakeholders.name })
    .from(stakeholders)
    .where(and(stakeholderInScope(me), eq(stakeholders.type, set.stakeholderType), eq(stakeholders.active, true)))
    .orderBy(stakeholders.code)
    .all();
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('values');
  sheet.addRow(['stakeholder', 'name', ...defs.map((d) => d.code)]);
  const range = (d: IndicatorDef) =>
    d.min !== null && d.max !== null ? `${d.min} – ${d.max}` : d.min !== null ? `≥ ${d.min}` : d.max !== null ? `≤ ${d.max}` : '—';
  const describe = (d: IndicatorDef) =>
    zh
      ? `${d.nameZh}\n单位：${d.unit}\n有效范围：${range(d)}\n${d.direction === 'higher' ? '越高越好' : '越低越好'}${d.valueType === 'integer' ? '\n整数' : ''}${d.evidenceRequired ? '\n须附佐证材料（在表单中填写链接）' : ''}`
      : `${d.nameEn}\nUnit: ${d.unit}\nValid range: ${range(d)}\n${d.direction === 'higher' ? 'Higher is better' : 'Lower is better'}${d.valueType === 'integer' ? '\nWhole number' : ''}${d.evidenceRequired ? '\nEvidence link required (enter it in the form)' : ''}`;
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.getCell(1).note = zh ? '主体编码或统一社会信用代码' : 'Stakeholder code or unified social credit code';
  header.getCell(2).note = zh ? '主体名称（仅供参考，导入时忽略）' : 'Name (for reference; ignored on import)';
  defs.forEach((d, j) => {
    header.getCell(j + 3).note = describe(d);
  });
  for (const r of rows) sheet.addRow([r.code, r.name]);
  sheet.columns.forEach((c, i) => {
    c.width = i === 1 ? 36 : 18;
  });
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
  const info = wb.addWorksheet(zh ? '指标说明' : 'indicators');
  info.addRow(zh ? ['编码', '名称', '单位', '有效范围', '方向', '须附佐证'] : ['code', 'name', 'unit', 'valid range', 'direction', 'evidence required']);
  info.getRow(1).font = { bold: true };
  for (const d of defs) {
    info.addRow([d.code, zh ? d.nameZh : d.nameEn, d.unit, range(d), d.direction === 'higher' ? (zh ? '越高越好' : 'higher is better') : zh ? '越低越好' : 'lower is better', d.evidenceRequired ? (zh ? '是' : 'yes') : '']);
  }
  info.columns.forEach((c, i) => {
    c.width = i === 1 ? 40 : 18;
  });
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${set.code}-${period.code}-template.xlsx`, bytes };
}

/** KPI sets a file can be imported for, with the open period. */
export function importOptions(db: Db) {
  const period = openPeriod(db);
  const sets = db.select().from(kpiSets).orderBy(kpiSets.code).all();
  return {
    period: period ? { id: period.id, code: period.code } : null,
    kpiSets: sets.map((s) => ({
      code: s.code,
      nameEn: s.nameEn,
      nameZh: s.nameZh,
      stakeholderType: s.stakeholderType,
      versionId: period ? (currentVersionFor(db, s.stakeholderType, period)?.id ?? null) : null,
    })),
  };
}

