// A province's eligibility run end to end, as the server runs it (a job in the worker pool), and
// a check that two stored runs of the same program and period are the same to the byte: the input
// hash, the snapshot, and every determination's columns, in the same order. It WRITES: run it on
// a copy of a generated province.
//   cp bench/out/db/province-100000.db /tmp/me-100k.db
//   npx tsx --conditions=react-server bench/eligibility-check.ts run /tmp/me-100k.db     → run id, seconds
//   npx tsx --conditions=react-server bench/eligibility-check.ts compare /tmp/me-100k.db A B
// Run once with the code before a change and once after, then compare the two runs.
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { migrateDb, openDb, type Db } from '@/db/client';
import { user } from '@/db/schema';
import { programInputSchema } from '@/core/eligibility';
import { loadSessionUser } from '@/server/auth/session';
import { closeJobPool, settleJobs, startJob } from '@/server/jobs/runner';
import { getJobRow } from '@/server/queries/jobs';
import { publishedPeriods } from '@/server/queries/periods';
import { activePrograms } from '@/server/queries/programs';
import { createProgram } from '@/server/services/incentives';
import { ALL_TYPES_PROGRAM } from './job-preparation';

/** Every stored column of a determination but its own id and its run's. */
const COLUMNS = ['stakeholder_id', 'eligible', 'amount', 'rate', 'title', 'explanation', 'gap', 'county', 'type', 'truth', 'reason', 'composite', 'demand'];

async function run(db: Db): Promise<void> {
  const row = db.select({ id: user.id }).from(user).where(eq(user.role, 'admin')).get();
  const admin = row ? loadSessionUser(db, row.id) : null;
  if (!admin) throw new Error('bench: no administrator in this database');
  const program = activePrograms(db).find((p) => p.code === ALL_TYPES_PROGRAM.code) ?? createProgram(db, admin, programInputSchema.parse(ALL_TYPES_PROGRAM));
  const period = publishedPeriods(db)[0];
  if (!period) throw new Error('bench: no published period to run a program on');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { jobId } = startJob(db, { kind: 'eligibility.run', input: { programId: program.id, periodId: period.id }, startedBy: admin.id });
  await settleJobs();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const job = getJobRow(db, jobId);
  if (job.status !== 'succeeded') throw new Error(`bench: the run ended ${job.status}: ${JSON.stringify(job.error)}`);
  const result = job.result as { runId: number; inputHash: string; totals: { candidates: number } };
  const inWorker = job.startedAt && job.finishedAt ? (job.finishedAt.getTime() - job.startedAt.getTime()) / 1000 : NaN;
  console.log(`run ${result.runId}: ${result.totals.candidates.toLocaleString('en')} candidates, ${result.inputHash}`);
  console.log(`wall ${seconds.toFixed(2)} s from start to succeeded (${inWorker.toFixed(2)} s running in the worker), cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (every thread)`);
}

function compare(db: Db, a: number, b: number): void {
  const sqlite = db.$client;
  const header = sqlite.prepare('select program_id, period_id, score_run_id, program_snapshot, input_hash from eligibility_runs where id = ?');
  const [ra, rb] = [header.get(a), header.get(b)] as Record<string, unknown>[];
  if (!ra || !rb) throw new Error(`bench: run ${ra ? b : a} does not exist`);
  const problems: string[] = [];
  for (const key of Object.keys(ra)) if (ra[key] !== rb[key]) problems.push(`run ${key}: ${String(ra[key])} ≠ ${String(rb[key])}`);
  // Rows matched by their place in insertion order: the same determinations, written in the same order.
  const rowsOf = (run: number) => sqlite.prepare(`select ${COLUMNS.join(', ')} from determinations where run_id = ? order by id`).raw().iterate(run) as IterableIterator<unknown[]>;
  const [xs, ys] = [rowsOf(a), rowsOf(b)];
  let rows = 0;
  let differing = 0;
  let first: string | null = null;
  for (;;) {
    const [x, y] = [xs.next(), ys.next()];
    if (x.done || y.done) {
      if (!x.done || !y.done) problems.push(`run ${x.done ? a : b} has fewer determinations (${rows} rows in common)`);
      break;
    }
    rows++;
    const column = COLUMNS.findIndex((_, i) => x.value[i] !== y.value[i]);
    if (column < 0) continue;
    differing++;
    first ??= `row ${rows} (stakeholder ${String(x.value[0])}): ${COLUMNS[column]} ${String(x.value[column])} ≠ ${String(y.value[column])}`;
  }
  if (differing > 0) problems.push(`${differing} determinations differ, the first at ${first}`);
  const bytes = sqlite.prepare(`select sum(length(explanation)) + sum(coalesce(length(gap), 0)) from determinations where run_id = ?`).pluck().get(a) as number;
  if (problems.length > 0) {
    console.error(`runs ${a} and ${b} differ:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else console.log(`runs ${a} and ${b} are identical: ${String(ra.input_hash)}, ${rows.toLocaleString('en')} determinations (${(bytes / 1e6).toFixed(1)} MB of explanations and gaps) column for column, in the same order`);
}

async function main([command, file, a, b]: string[]): Promise<void> {
  if (!file || (command !== 'run' && command !== 'compare')) throw new Error('usage: eligibility-check.ts run <db copy> | compare <db copy> <run id> <run id>');
  const db = openDb(file);
  try {
    if (command === 'run') {
      migrateDb(db);
      await run(db);
    } else compare(db, Number(a), Number(b));
  } finally {
    await closeJobPool();
    db.$client.close();
  }
}

await main(process.argv.slice(2));
