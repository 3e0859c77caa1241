// What the long jobs need to run at full size on a generated province (a copy of it: these write):
// a program open to every stakeholder type, values files for every active stakeholder of each
// KPI set's type (one import per set: the import's unit), and a quarter whose every evaluation
// is approved, ready to publish. bench/jobs.ts (through the app's procedures) and
// bench/job-timing.ts (the services alone) share them.
import Database from 'better-sqlite3';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { evaluations, evaluationValues, user } from '@/db/schema';
import type { ProgramInputRaw } from '@/core/eligibility';
import type { EvaluationValuesInput } from '@/core/domain/evaluation-values';
import { loadSessionUser, type SessionUser } from '@/server/auth/session';
import { settleJobs } from '@/server/jobs/runner';
import { indicatorDefs } from '@/server/queries/evaluations';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { approveEvaluations, submitEvaluations } from '@/server/services/evaluations/bulk-review';

/** A subsidy every type may receive: the eligibility run then covers the whole province. */
export const ALL_TYPES_PROGRAM: ProgramInputRaw = {
  code: 'BENCH-ALL-TYPES',
  kind: 'subsidy',
  nameEn: 'Benchmark: a subsidy open to every type',
  nameZh: '基准测试：面向所有类型的补助',
  eligibleTypes: ['county_town', 'rural', 'market'],
  rule: {
    op: 'all',
    rules: [
      { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 60 } },
      { op: 'clause', clause: { kind: 'consecutive', periods: 2, clause: { kind: 'composite', cmp: 'gte', value: 55 } } },
      { op: 'clause', clause: { kind: 'noRedFlag' } },
    ],
  },
  benefit: { kind: 'linear', minScore: 60, maxScore: 100, minAmount: 20000, maxAmount: 100000, cap: 80000, lastAward: 'partial' },
  budget: 50_000_000,
  allocation: 'rank',
  status: 'active',
};

/** The quarter after a quarter's code (2026Q4 → 2027 Q1), as periods.create takes it. */
export function quarterAfter(code: string): { kind: 'quarter'; year: number; quarter: number } {
  const match = /^(\d{4})Q([1-4])$/.exec(code);
  if (!match) throw new Error(`bench: ${code} is not a quarter`);
  const [year, quarter] = [Number(match[1]), Number(match[2])];
  return quarter === 4 ? { kind: 'quarter', year: year + 1, quarter: 1 } : { kind: 'quarter', year, quarter: quarter + 1 };
}

export type ImportSet = { code: string; stakeholderType: string; versionId: number };
export type ValuesFile = { kpiSetCode: string; csv: string; rows: number; part: number };

/** Rows per file: an upload is refused above 20 MB, and a province of a million needs several. */
const ROWS_PER_FILE = 100_000;

/**
 * Values CSVs per KPI set: every active stakeholder of its type, values in the indicators' ranges,
 * in parts of at most ROWS_PER_FILE rows (`part` 0, 1, …).
 */
export function valuesFiles(file: string, sets: readonly ImportSet[]): ValuesFile[] {
  const db = new Database(file, { readonly: true });
  try {
    const indicatorsOf = db.prepare(
      'select i.code, i.value_type as type, i.min_value as min, i.max_value as max from kpi_set_indicators k join indicators i on i.id = k.indicator_id where k.version_id = ? order by k.position',
    );
    const codesOf = db.prepare('select code from stakeholders where type = ? and active = 1 order by id').pluck();
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    return sets.flatMap((set) => {
      const indicators = indicatorsOf.all(set.versionId) as { code: string; type: string; min: number | null; max: number | null }[];
      const all = codesOf.all(set.stakeholderType) as string[];
      const parts = Array.from({ length: Math.ceil(all.length / ROWS_PER_FILE) }, (_, k) => all.slice(k * ROWS_PER_FILE, (k + 1) * ROWS_PER_FILE));
      return parts.map((codes, part) => {
        const lines = [['stakeholder', ...indicators.map((i) => i.code)].join(',')];
        for (const code of codes) {
          const values = indicators.map((i) => {
            const low = i.min ?? 0;
            const high = i.max ?? low + 100;
            const value = low + random() * (high - low);
            return String(i.type === 'integer' ? Math.round(value) : Math.round(value * 100) / 100);
          });
          lines.push([code, ...values].join(','));
        }
        return { kpiSetCode: set.code, csv: `${lines.join('\n')}\n`, rows: codes.length, part };
      });
    });
  } finally {
    db.close();
  }
}

function sessionOf(db: Db, username: string): SessionUser {
  const row = db.select({ id: user.id }).from(user).where(eq(user.username, username)).get();
  const session = row ? loadSessionUser(db, row.id) : null;
  if (!session) throw new Error(`bench: no account ${username} (a generated province has province1 and province2)`);
  return session;
}

const BATCH = 10_000;
const EVIDENCE_URL = 'https://example.org/bench-evidence';

/**
 * Submits every draft of the period (with an evidence link where the KPI set asks one) as the
 * province's first assessor and approves them as the second, through the bulk-review service, as
 * the generator's quarters are worked. Answers how many were approved.
 */
export async function approvePeriod(db: Db, periodId: number): Promise<number> {
  const entry = sessionOf(db, 'province1');
  const review = sessionOf(db, 'province2');
  const drafts = db
    .select({ id: evaluations.id, revision: evaluations.revision, versionId: evaluations.kpiSetVersionId })
    .from(evaluations)
    .where(and(eq(evaluations.periodId, periodId), eq(evaluations.status, 'draft')))
    .all();
  const evidenceOf = new Map<number, { id: number; code: string }[]>();
  for (const versionId of new Set(drafts.map((d) => d.versionId))) {
    evidenceOf.set(versionId, indicatorDefs(db, loadKpiSetVersion(db, versionId)).filter((d) => d.evidenceRequired));
  }
  const submitted: { id: number; revision: number }[] = [];
  for (let i = 0; i < drafts.length; i += BATCH) {
    const batch = drafts.slice(i, i + BATCH);
    const stored = new Map<string, number | null>();
    const indicatorIds = [...new Set([...evidenceOf.values()].flat().map((d) => d.id))];
    if (indicatorIds.length) {
      const rows = db
        .select({ evaluationId: evaluationValues.evaluationId, indicatorId: evaluationValues.indicatorId, value: evaluationValues.value })
        .from(evaluationValues)
        .where(and(inArray(evaluationValues.evaluationId, batch.map((d) => d.id)), inArray(evaluationValues.indicatorId, indicatorIds)))
        .all();
      for (const r of rows) stored.set(`${r.evaluationId}:${r.indicatorId}`, r.value);
    }
    const items = batch.map((d) => {
      const values: EvaluationValuesInput = {};
      for (const def of evidenceOf.get(d.versionId) ?? []) values[def.code] = { value: stored.get(`${d.id}:${def.id}`) ?? null, note: null, evidenceUrl: EVIDENCE_URL };
      return { id: d.id, revision: d.revision, values };
    });
    submitEvaluations(db, entry, items);
    for (const it of items) submitted.push({ id: it.id, revision: it.revision + 1 });
  }
  // One approval call: one provisional recompute (a job) per KPI-set version, awaited.
  const { approved } = approveEvaluations(db, review, submitted);
  await settleJobs();
  return approved;
}
