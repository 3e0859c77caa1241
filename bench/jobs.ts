// Long work at full size through the app's own procedures, each started as the admin while another
// user reads scorecards in a loop: an import of the whole province's values into a new quarter
// (a file per KPI set), an eligibility run of a program open to every type, and publishing that
// quarter once all its evaluations are approved (bench/job-preparation.ts). Each figure is the
// time from the first start call to the last job's end (polled through jobs.get) and the p95 of
// the reads made meanwhile.
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { BenchError, mutate, percentile, query, queryPath, signIn, type Session } from './lib/http';
import { openDb } from '@/db/client';
import { closeJobPool } from '@/server/jobs/runner';
import { ALL_TYPES_PROGRAM, approvePeriod, quarterAfter, valuesFiles } from './job-preparation';
import type { Server } from './lib/servers';
import { readLoop, ROLE_USERS } from './web';

export interface JobFigure {
  job: string;
  seconds: number;
  status: string;
  /** How much work: evaluations, stakeholders or rows. */
  size: number;
  readP95Ms: number;
  reads: number;
  note: string;
}

type JobView = { id: number; status: string; error: { code?: string } | null; result: unknown };

async function waitForJob(admin: Session, id: number, timeoutSeconds = 600): Promise<JobView> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const job = await query<JobView>(admin, 'jobs.get', { id });
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new BenchError(`job ${id} still ${job.status} after ${timeoutSeconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A job's outcome in a word: an import that ends but refuses its file is no success. */
function outcomeOf(job: JobView): string {
  const refused = (job.result as { imported?: boolean } | null)?.imported === false;
  return refused ? 'refused' : job.status + (job.error?.code ? ` (${job.error.code})` : '');
}

/** Starts jobs, reads scorecards as another user until they have all ended, and times both. */
async function underReads(server: Server, name: string, size: number, start: (admin: Session) => Promise<number[]>, note = ''): Promise<JobFigure> {
  const admin = await signIn(server.base, ROLE_USERS.admin);
  const reader = await signIn(server.base, ROLE_USERS.stakeholder);
  const reads = readLoop(reader, queryPath('scorecards.get', {}));
  const started = performance.now();
  const jobs: JobView[] = [];
  let times: number[] = [];
  try {
    for (const id of await start(admin)) jobs.push(await waitForJob(admin, id));
  } finally {
    times = await reads.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const status = [...new Set(jobs.map(outcomeOf))].join(', ') || 'no job';
  return { job: name, seconds, status, size, readP95Ms: percentile(times, 95), reads: times.length, note };
}

type PeriodRow = { id: number; code: string; status: string; evaluations: number };

const startJob = async (admin: Session, procedure: string, input: unknown) => (await mutate<{ jobId: number }>(admin, procedure, input)).jobId;

/**
 * Publishes the open period: the quarter the import filled. Its drafts are first submitted and
 * approved in this process through the bulk-review service (no procedure does that in bulk), so
 * that the publish covers every stakeholder; any evaluation still unapproved is left out with a
 * reason, as an admin would.
 */
export async function publishUnderLoad(server: Server): Promise<JobFigure> {
  const admin = await signIn(server.base, ROLE_USERS.admin);
  const open = (await query<PeriodRow[]>(admin, 'periods.list')).find((p) => p.status === 'open');
  if (!open) throw new BenchError(`publish: ${server.database.label} has no open period to publish`);
  const db = openDb(server.database.file);
  try {
    await approvePeriod(db, open.id);
  } finally {
    await closeJobPool();
    db.$client.close();
  }
  await mutate(admin, 'periods.close', { id: open.id });
  const unapproved = await query<{ id: number }[]>(admin, 'periods.unapproved', { id: open.id });
  const exclude = unapproved.length > 0 ? { evaluationIds: unapproved.map((e) => e.id), reason: 'benchmark: not approved in time' } : undefined;
  const published = open.evaluations - unapproved.length;
  const note = `period ${open.code}, ${unapproved.length.toLocaleString('en')} unapproved left out`;
  return underReads(server, 'publish a period', published, async (s) => [await startJob(s, 'periods.publish', { id: open.id, ...(exclude ? { exclude } : {}) })], note);
}

/** A run of a program open to every type (created here once) on the latest published period: the whole province. */
export async function eligibilityUnderLoad(server: Server): Promise<JobFigure> {
  const admin = await signIn(server.base, ROLE_USERS.admin);
  const programs = await query<{ id: number; code: string }[]>(admin, 'incentives.list');
  const program = programs.find((p) => p.code === ALL_TYPES_PROGRAM.code) ?? (await mutate<{ id: number; code: string }>(admin, 'incentives.create', ALL_TYPES_PROGRAM));
  const period = (await query<{ id: number; code: string }[]>(admin, 'eligibility.periods'))[0];
  if (!period) throw new BenchError(`eligibility: ${server.database.label} has no published period`);
  const db = new Database(server.database.file, { readonly: true });
  const size = db
    .prepare("select count(*) from scores s join score_runs r on r.id = s.run_id where r.period_id = ? and r.kind = 'official' and r.status = 'published'")
    .pluck()
    .get(period.id) as number;
  db.close();
  return underReads(server, 'eligibility run', size, async (s) => [await startJob(s, 'eligibility.run', { programId: program.id, periodId: period.id })], `program ${program.code}, period ${period.code}`);
}

/**
 * Imports a values file per KPI set (the import's unit) for every active stakeholder into a new
 * quarter (the open one closed first): the whole province's values, all three jobs timed together.
 */
export async function importUnderLoad(server: Server): Promise<JobFigure> {
  const admin = await signIn(server.base, ROLE_USERS.admin);
  const periods = await query<PeriodRow[]>(admin, 'periods.list');
  const open = periods.find((p) => p.status === 'open');
  if (open) await mutate(admin, 'periods.close', { id: open.id });
  const latest = periods.filter((p) => /^\d{4}Q[1-4]$/.test(p.code)).sort((a, b) => (a.code < b.code ? 1 : -1))[0];
  if (!latest) throw new BenchError(`import: ${server.database.label} has no quarter to follow`);
  const next = await mutate<{ code: string }>(admin, 'periods.create', quarterAfter(latest.code));
  const options = await query<{ kpiSets: { code: string; stakeholderType: string; versionId: number | null }[] }>(admin, 'imports.options', {});
  const importSets = options.kpiSets.flatMap((k) => (k.versionId === null ? [] : [{ code: k.code, stakeholderType: k.stakeholderType, versionId: k.versionId }]));
  const files = valuesFiles(server.database.file, importSets);
  const rows = files.reduce((n, f) => n + f.rows, 0);
  const kb = files.reduce((n, f) => n + f.csv.length, 0) / 1e3;
  // The first part of every KPI set at once; a set's next part once its previous one has ended
  // (an import of a KPI set into a period waits for the one already running).
  const start = async (s: Session) => {
    const ids: number[] = [];
    for (let part = 0; files.some((f) => f.part === part); part++) {
      const round = await Promise.all(
        files.filter((f) => f.part === part).map((f) => startJob(s, 'imports.run', { kpiSetCode: f.kpiSetCode, mode: 'draft', fileName: 'bench.csv', contentBase64: Buffer.from(f.csv).toString('base64') })),
      );
      for (const id of round) await waitForJob(s, id);
      ids.push(...round);
    }
    return ids;
  };
  const sets = new Set(files.map((f) => f.kpiSetCode)).size;
  return underReads(server, 'import values', rows, start, `${files.length} files (${sets} KPI sets) into ${next.code}, ${kb.toFixed(0)} KB`);
}

/**
 * A robustness check of the province-wide run eligibilityUnderLoad made (1,000 weightings, on the
 * background lane at the lowest priority) while another user reads scorecards, and a second run of
 * that program started once the check is under way, on the main lane: how long the check takes,
 * whether the reads slow down, and whether the run waits for it (compare with the quiet run).
 */
export async function robustnessUnderLoad(server: Server): Promise<JobFigure[]> {
  const admin = await signIn(server.base, ROLE_USERS.admin);
  const program = (await query<{ id: number; code: string }[]>(admin, 'incentives.list')).find((p) => p.code === ALL_TYPES_PROGRAM.code);
  const period = (await query<{ id: number; code: string }[]>(admin, 'eligibility.periods'))[0];
  if (!program || !period) throw new BenchError('robustness: run the eligibility step first (no run of the all-types program)');
  // The newest run of the program on the period (listed newest first).
  const run = (await query<{ id: number; periodCode: string }[]>(admin, 'eligibility.runs', { programId: program.id })).find((r) => r.periodCode === period.code);
  if (!run) throw new BenchError(`robustness: no run of ${program.code} on ${period.code}`);
  const size = (await query<{ totals: { candidates: number } }>(admin, 'eligibility.get', { runId: run.id })).totals.candidates;
  const reader = await signIn(server.base, ROLE_USERS.stakeholder);
  const reads = readLoop(reader, queryPath('scorecards.get', {}));
  const started = performance.now();
  let times: number[] = [];
  let check: JobView;
  let during: JobView;
  let runSeconds: number;
  try {
    const checkId = await startJob(admin, 'robustness.start', { runId: run.id, draws: 1000, spreadPercent: 20, seed: 2026 });
    // Once the check is drawing, a run on the main lane.
    for (;;) {
      const job = await query<JobView & { step: string | null }>(admin, 'jobs.get', { id: checkId });
      if (job.status !== 'queued' && job.step === 'evaluating') break;
      if (job.status === 'succeeded' || job.status === 'failed') throw new BenchError(`robustness: the check ended (${job.status}) before the run could start beside it`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const runStarted = performance.now();
    during = await waitForJob(admin, await startJob(admin, 'eligibility.run', { programId: program.id, periodId: period.id }));
    runSeconds = (performance.now() - runStarted) / 1000;
    const stillRunning = (await query<JobView>(admin, 'jobs.get', { id: checkId })).status === 'running';
    check = await waitForJob(admin, checkId, 3600);
    if (!stillRunning) console.log('robustness: the check had ended before the run beside it did');
  } finally {
    times = await reads.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const p95 = percentile(times, 95);
  return [
    { job: 'robustness check (background lane)', seconds, status: outcomeOf(check), size, readP95Ms: p95, reads: times.length, note: `1,000 weightings ±20 %, run ${run.id}` },
    { job: 'eligibility run during the check', seconds: runSeconds, status: outcomeOf(during), size, readP95Ms: p95, reads: times.length, note: `program ${program.code}, period ${period.code}, main lane` },
  ];
}
