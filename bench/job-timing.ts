// The three long jobs at full size, timed through the services alone (no server, no worker, no
// other user): an eligibility run of a program open to every type, an import of a values file per
// KPI set for every active stakeholder into a fresh quarter, and publishing that quarter once
// all its evaluations are approved. Goals (issue: at 100,000 stakeholders): publish ≤ 10 s,
// eligibility ≤ 10 s, import ≤ 5 s. It writes: run it on a copy of a generated province.
//   cp bench/out/db/province-100000.db /tmp/me-100k.db
//   npx tsx --conditions=react-server bench/job-timing.ts /tmp/me-100k.db [eligibility|import|publish]
// With a job's name, only that job, to profile it (`publish` publishes the quarter `import` filled).
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { migrateDb, openDb, type Db } from '@/db/client';
import { user } from '@/db/schema';
import { programInputSchema } from '@/core/eligibility';
import { loadSessionUser, type SessionUser } from '@/server/auth/session';
import { closeJobPool } from '@/server/jobs/runner';
import { importableKpiSets } from '@/server/queries/imports';
import { listPeriods, openPeriod, publishedPeriods } from '@/server/queries/periods';
import { activePrograms } from '@/server/queries/programs';
import { runProgram } from '@/server/services/eligibility-runs';
import { runImport } from '@/server/services/imports';
import { createProgram } from '@/server/services/incentives';
import { closePeriod, createPeriod, publishPeriod } from '@/server/services/periods';
import { ALL_TYPES_PROGRAM, approvePeriod, quarterAfter, valuesFiles } from './job-preparation';

type Figure = { job: string; size: number; seconds: number; cpuSeconds: number; goal: number };

/** Logs each step of a job with the seconds since it started (where the time goes). */
function stepLog(name: string) {
  const t0 = performance.now();
  return (progress: number, step: string) => console.log(`  ${name}: ${step} (${Math.round(progress * 100)} %) at ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}

/** Wall and CPU seconds (this process, every thread: the machine may be shared). */
async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = await fn();
  const cpu = process.cpuUsage(cpu0);
  return { value, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

function adminOf(db: Db): SessionUser {
  const row = db.select({ id: user.id }).from(user).where(eq(user.role, 'admin')).get();
  const admin = row ? loadSessionUser(db, row.id) : null;
  if (!admin) throw new Error('bench: no administrator in this database');
  return admin;
}

async function eligibility(db: Db, admin: SessionUser): Promise<Figure> {
  const program = activePrograms(db).find((p) => p.code === ALL_TYPES_PROGRAM.code) ?? createProgram(db, admin, programInputSchema.parse(ALL_TYPES_PROGRAM));
  const period = publishedPeriods(db)[0];
  if (!period) throw new Error('bench: no published period to run a program on');
  const { value, seconds, cpuSeconds } = await timed(() => runProgram(db, admin, { programId: program.id, periodId: period.id }, stepLog('eligibility')));
  return { job: `eligibility run (${ALL_TYPES_PROGRAM.code}, ${period.code})`, size: value.totals.candidates, seconds, cpuSeconds, goal: 10 };
}

/** The quarter after the latest one, opened (the open one closed first). */
function nextQuarter(db: Db, admin: SessionUser): number {
  const open = openPeriod(db);
  if (open) closePeriod(db, admin, open.id);
  const latest = listPeriods(db).filter((p) => p.kind === 'quarter').sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1))[0];
  if (!latest) throw new Error('bench: no quarter to follow');
  return createPeriod(db, admin, quarterAfter(latest.code)).id;
}

async function importAll(db: Db, admin: SessionUser, file: string): Promise<Figure> {
  const { kpiSets } = importableKpiSets(db);
  const sets = kpiSets.flatMap((k) => (k.versionId === null ? [] : [{ code: k.set.code, stakeholderType: k.set.stakeholderType, versionId: k.versionId }]));
  const files = valuesFiles(file, sets);
  let seconds = 0;
  let cpuSeconds = 0;
  for (const f of files) {
    const bytes = new TextEncoder().encode(f.csv);
    const run = await timed(() => runImport(db, admin, { kpiSetCode: f.kpiSetCode, mode: 'draft', bytes, fileName: 'bench.csv' }, stepLog(`import ${f.kpiSetCode}`)));
    if (!run.value.imported) throw new Error(`bench: the ${f.kpiSetCode} import was refused: ${JSON.stringify(run.value.report.problems.slice(0, 3))}`);
    console.log(`  import ${f.kpiSetCode}: ${f.rows.toLocaleString('en')} rows in ${run.seconds.toFixed(2)} s`);
    seconds += run.seconds;
    cpuSeconds += run.cpuSeconds;
  }
  return { job: `import (${files.length} files, ${new Set(files.map((f) => f.kpiSetCode)).size} KPI sets)`, size: files.reduce((n, f) => n + f.rows, 0), seconds, cpuSeconds, goal: 5 };
}

async function publish(db: Db, admin: SessionUser, periodId: number): Promise<Figure> {
  const prepared = await timed(() => approvePeriod(db, periodId));
  console.log(`  prepared: ${prepared.value.toLocaleString('en')} evaluations submitted and approved in ${prepared.seconds.toFixed(1)} s (not timed)`);
  closePeriod(db, admin, periodId);
  const { value, seconds, cpuSeconds } = await timed(() => publishPeriod(db, admin, { id: periodId }, stepLog('publish')));
  return { job: 'publish a quarter', size: value.runs.reduce((n, r) => n + r.scored, 0), seconds, cpuSeconds, goal: 10 };
}

async function main(file: string | undefined, only: string | undefined): Promise<void> {
  if (!file) throw new Error('usage: tsx --conditions=react-server bench/job-timing.ts <copy of a generated province>');
  const db = openDb(file);
  migrateDb(db);
  const admin = adminOf(db);
  try {
    const figures: Figure[] = [];
    if (only === 'publish') {
      const open = openPeriod(db);
      if (!open) throw new Error('bench: publish alone needs an open period (an earlier `import` leaves one)');
      figures.push(await publish(db, admin, open.id));
    } else if (only !== 'import') figures.push(await eligibility(db, admin));
    if (only !== 'eligibility' && only !== 'publish') {
      const periodId = nextQuarter(db, admin);
      figures.push(await importAll(db, admin, file));
      if (only !== 'import') figures.push(await publish(db, admin, periodId));
    }
    console.log('\n| job | size | wall | cpu | goal |\n|---|---|---|---|---|');
    for (const f of figures) {
      const met = f.seconds <= f.goal ? 'met' : '**NOT met**';
      console.log(`| ${f.job} | ${f.size.toLocaleString('en')} | ${f.seconds.toFixed(2)} s | ${f.cpuSeconds.toFixed(2)} s | ≤ ${f.goal} s ${met} |`);
    }
  } finally {
    await closeJobPool();
    db.$client.close();
  }
}

await main(process.argv[2], process.argv[3]);
