// What the evaluation form's data costs on a database file: evaluations.get, and the page's data
// (evaluations.get and me.get, as app/(app)/evaluations/[id]/page.tsx loads them), through the
// server-side caller (no HTTP, no rendering) as the admin, for an evaluation of the open period
// (the peers are its approved evaluations so far) and one of a published period (every peer).
// "first" is the first call in the process (the run's composite sketch not yet kept).
//   npx tsx --conditions=react-server bench/evaluation-form.ts <db file> [runs]
import { performance } from 'node:perf_hooks';
import { openDb } from '@/db/client';
import { setDb } from '@/server/db';
import { loadSessionUser } from '@/server/auth/session';
import { createCaller } from '@/server/trpc/root';
import { ROLE_USERS } from './web';

const [file, runsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: evaluation-form.ts <db file> [runs]');
const runs = Number(runsArg ?? 20);
const db = openDb(file);
setDb(db);

const adminId = (db.$client.prepare('select id from user where username = ?').get(ROLE_USERS.admin) as { id: string } | undefined)?.id;
if (!adminId) throw new Error(`no user ${ROLE_USERS.admin} in ${file}`);
const caller = createCaller({ db, user: loadSessionUser(db, adminId) });

// The largest KPI-set version's evaluations: a draft of an open period, an approved one of a published period.
const pick = (periodStatus: string, evaluationStatus: string) =>
  (
    db.$client
      .prepare(
        `with sizes as (select e.period_id, e.kpi_set_version_id, count(*) as n from evaluations e join periods p on p.id = e.period_id
                        where p.status = ? group by 1, 2 order by n desc limit 1)
         select e.id from evaluations e join sizes s on s.period_id = e.period_id and s.kpi_set_version_id = e.kpi_set_version_id
         where e.status = ? order by e.id limit 1`,
      )
      .get(periodStatus, evaluationStatus) as { id: number } | undefined
  )?.id;

type Load = (id: number) => Promise<unknown>;
const LOADS: [string, Load][] = [
  ['evaluations.get', (id) => caller.evaluations.get({ id })],
  ['page data', (id) => Promise.all([caller.evaluations.get({ id }), caller.me.get()])],
];
console.log(`| evaluation | load | first | p50 | p95 | KB |\n|---|---|---|---|---|---|`);
for (const [label, id] of [['open period, draft', pick('open', 'draft')], ['published period', pick('published', 'approved')]] as const) {
  if (id === undefined) continue;
  for (const [name, load] of LOADS) {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const out = await load(id);
      times.push(performance.now() - t0);
      if (i === 0) size = Buffer.byteLength(JSON.stringify(out)) / 1024;
    }
    const first = times.shift()!;
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
    console.log(`| ${label} (#${id}) | ${name} | ${first.toFixed(0)} ms | ${at(0.5).toFixed(0)} ms | ${at(0.95).toFixed(0)} ms | ${size.toFixed(1)} |`);
  }
}
db.$client.close();
