// Long work through the app's own procedures, each started as the admin while another user reads
// scorecards in a loop: an import of a values file for every stakeholder of one type into the open
// period, an eligibility run over the province, and publishing the open period. Each
// figure is the job's time from the start call to its end (polled through jobs.get) and the p95
// of the reads made meanwhile.
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { BenchError, mutate, percentile, query, queryPath, signIn, type Session } from './lib/http';
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

type JobView = { id: number; status: string; error: { code?: string } | null };

async function waitForJob(admin: Session, id: number, timeoutSeconds = 600): Promise<JobView> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const job = await query<JobView>(admin, 'jobs.get', { id });
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new BenchError(`job ${id} still ${job.status} after ${timeoutSeconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts a job, reads scorecards as another user until it ends, and times both. */
async function underReads(server: Server, name: string, size: number, start: (admin: Session) => Promise<{ jobId: number }>, note = ''): Promise<JobFigure> {
  const admin = await signIn(server.base, ROLE_USERS.admin);
  const reader = await signIn(server.base, ROLE_USERS.stakeholder);
  const reads = readLoop(reader, queryPath('scorecards.get', {}));
  const started = performance.now();
  let job: JobView;
  let times: number[] = [];
  try {
    const { jobId } = await start(admin);
    job = await waitForJob(admin, jobId);
  } finally {
    times = await reads.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  return { job: name, seconds, status: job.status + (job.error?.code ? ` (${job.error.code})` : ''), size, readP95Ms: percentile(times, 95), reads: times.length, note };
}

type PeriodRow = { id: number; code: string; status: string; evaluations: number };

/**
 * Publishes the open period (the province's quarter in progress): closes it, leaves out the
 * evaluations not approved yet (with a reason, as an admin would) and publishes the rest.
 */
export async function publishUnderLoad(server: Server): Promise<JobFigure> {
  const admin = await signIn(server.base, ROLE_USERS.admin);
  const periods = await query<PeriodRow[]>(admin, 'periods.list');
  const open = periods.find((p) => p.status === 'open');
  if (!open) throw new BenchError(`publish: ${server.database.label} has no open period to publish`);
  await mutate(admin, 'periods.close', { id: open.id });
  const unapproved = await query<{ id: number }[]>(admin, 'periods.unapproved', { id: open.id });
  const exclude = unapproved.length > 0 ? { evaluationIds: unapproved.map((e) => e.id), reason: 'benchmark: not approved in time' } : undefined;
  const published = open.evaluations - unapproved.length;
  return underReads(server, 'publish a period', published, (s) => mutate<{ jobId: number }>(s, 'periods.publish', { id: open.id, ...(exclude ? { exclude } : {}) }), `period ${open.code}, ${unapproved.length.toLocaleString('en')} unapproved left out`);
}

export async function eligibilityUnderLoad(server: Server): Promise<JobFigure> {
  const admin = await signIn(server.base, ROLE_USERS.admin);
  const programs = await query<{ id: number; code: string; eligibleTypes: string[] }[]>(admin, 'incentives.list');
  const periods = await query<{ id: number; code: string }[]>(admin, 'eligibility.periods');
  // The program open to the most stakeholders: the largest run the province holds.
  const db = new Database(server.database.file, { readonly: true });
  const count = db.prepare('select count(*) from stakeholders where type = ? and active = 1').pluck();
  const sized = programs.map((program) => ({ program, size: program.eligibleTypes.reduce((sum, type) => sum + (count.get(type) as number), 0) }));
  db.close();
  const { program, size } = sized.sort((a, b) => b.size - a.size)[0] ?? {};
  const period = periods.at(-1);
  if (!program || !period) throw new BenchError(`eligibility: ${server.database.label} has no program or no published period`);
  return underReads(server, 'eligibility run', size ?? 0, (s) => mutate<{ jobId: number }>(s, 'eligibility.run', { programId: program.id, periodId: period.id }), `program ${program.code}, period ${period.code}`);
}

/** A values CSV for every active stakeholder of the KPI set's type, in the indicators' ranges. */
function importFile(file: string, versionId: number, stakeholderType: string): { csv: string; rows: number } {
  const db = new Database(file, { readonly: true });
  try {
    const indicators = db
      .prepare('select i.code, i.min_value as min, i.max_value as max from kpi_set_indicators k join indicators i on i.id = k.indicator_id where k.version_id = ? order by k.position')
      .all(versionId) as { code: string; min: number | null; max: number | null }[];
    const codes = db.prepare('select code from stakeholders where type = ? and active = 1 order by id').pluck().all(stakeholderType) as string[];
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const lines = [['stakeholder', ...indicators.map((i) => i.code)].join(',')];
    for (const code of codes) {
      lines.push([code, ...indicators.map((i) => {
        const low = i.min ?? 0;
        const high = i.max ?? low + 100;
        return String(Math.round((low + random() * (high - low)) * 100) / 100);
      })].join(','));
    }
    return { csv: `${lines.join('\n')}\n`, rows: codes.length };
  } finally {
    db.close();
  }
}

export async function importUnderLoad(server: Server): Promise<JobFigure> {
  const admin = await signIn(server.base, ROLE_USERS.admin);
  const options = await query<{ kpiSets: { code: string; stakeholderType: string; versionId: number }[] }>(admin, 'imports.options', {});
  // The set whose stakeholder type has the most stakeholders: the largest import the province holds.
  const db = new Database(server.database.file, { readonly: true });
  const count = db.prepare('select count(*) from stakeholders where type = ? and active = 1').pluck();
  const sized = options.kpiSets.map((set) => ({ set, size: count.get(set.stakeholderType) as number }));
  db.close();
  const set = sized.sort((a, b) => b.size - a.size)[0]?.set;
  if (!set) throw new BenchError(`import: ${server.database.label} has no open period with a KPI set to import for`);
  const { csv, rows } = importFile(server.database.file, set.versionId, set.stakeholderType);
  const contentBase64 = Buffer.from(csv).toString('base64');
  return underReads(server, 'import values', rows, (s) => mutate<{ jobId: number }>(s, 'imports.run', { kpiSetCode: set.code, mode: 'draft', fileName: 'bench.csv', contentBase64 }), `${set.code}, ${(csv.length / 1e3).toFixed(0)} KB`);
}
