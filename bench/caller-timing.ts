// Times tRPC procedures through the server-side caller (no HTTP, no rendering) on a database
// file, as the admin and the first assessor: where a page's server time goes, query by query.
//   npx tsx --conditions=react-server bench/caller-timing.ts <db file> [runs]
import { performance } from 'node:perf_hooks';
import { openDb } from '@/db/client';
import { setDb } from '@/server/db';
import { loadSessionUser } from '@/server/auth/session';
import { createCaller } from '@/server/trpc/root';
import { ROLE_USERS } from './web';

const [file, runsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: caller-timing.ts <db file> [runs]');
const runs = Number(runsArg ?? 15);
const db = openDb(file);
setDb(db);

type Call = [role: 'admin' | 'assessor', name: string, run: (c: ReturnType<typeof createCaller>) => Promise<unknown>];
const CALLS: Call[] = [
  ['admin', 'dashboard.admin', (c) => c.dashboard.admin({})],
  ['admin', 'periods.list', (c) => c.periods.list()],
  ['admin', 'evaluations.workList', (c) => c.evaluations.workList({})],
  ['admin', 'countyDashboard.get', (c) => c.countyDashboard.get({})],
  ['admin', 'stakeholders.list', (c) => c.stakeholders.list({})],
  ['admin', 'audit.list', (c) => c.audit.list({})],
  ['admin', 'users.list', (c) => c.users.list({})],
  ['admin', 'regions.list', (c) => c.regions.list({})],
  ['assessor', 'dashboard.assessor', (c) => c.dashboard.assessor({})],
  ['assessor', 'evaluations.workList', (c) => c.evaluations.workList({})],
  ['assessor', 'evaluations.workList (toReview)', (c) => c.evaluations.workList({ view: 'toReview' })],
  ['assessor', 'countyDashboard.get', (c) => c.countyDashboard.get({})],
  ['assessor', 'stakeholders.list', (c) => c.stakeholders.list({})],
];

function userId(username: string): string {
  const row = db.$client.prepare('select id from user where username = ?').get(username) as { id: string } | undefined;
  if (!row) throw new Error(`no user ${username} in ${file}`);
  return row.id;
}

const callers = {
  admin: createCaller({ db, user: loadSessionUser(db, userId(ROLE_USERS.admin)) }),
  assessor: createCaller({ db, user: loadSessionUser(db, userId(ROLE_USERS.assessor)) }),
};
const only = process.env.ONLY;
// CPU time beside wall time: on a shared machine the wall time mostly measures the others' load.
console.log(`| role | procedure | first | p50 | p95 | CPU p50 | KB |\n|---|---|---|---|---|---|---|`);
for (const [role, name, run] of CALLS) {
  if (only && !name.includes(only)) continue;
  const times: number[] = [];
  const cpu: number[] = [];
  let size = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const out = await run(callers[role]);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    if (i > 0) cpu.push((c.user + c.system) / 1000);
    if (i === 0) size = JSON.stringify(out).length / 1024;
  }
  const first = times.shift()!;
  const at = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;
  console.log(`| ${role} | ${name} | ${first.toFixed(0)} ms | ${at(times, 0.5).toFixed(0)} ms | ${at(times, 0.95).toFixed(0)} ms | ${at(cpu, 0.5).toFixed(0)} ms | ${size.toFixed(1)} |`);
}
db.$client.close();
