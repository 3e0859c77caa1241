// Memory of a server process while the job pool publishes the open period and runs the program
// open to the most stakeholders on the latest published period, with a stakeholder reading its
// scorecard meanwhile: the highest RSS sampled (worker threads count in the process's RSS) and
// the kernel's high-water mark (VmHWM). It CHANGES the database: run it on a copy.
//   cp bench/out/db/province-100000.db /tmp/copy.db && DATABASE_PATH=/tmp/copy.db npm run db:migrate
//   MALLOC_ARENA_MAX=2 NODE_OPTIONS=--max-old-space-size=512 npx tsx --conditions=react-server bench/job-memory.ts /tmp/copy.db
// (the environment and heap ceiling the launchers give the server: scripts/lib/server-process.mjs).
import fs from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { openDb } from '@/db/client';
import { user } from '@/db/schema';
import { env } from '@/server/env';
import { loadSessionUser } from '@/server/auth/session';
import { closeJobPool, settleJobs, startJob } from '@/server/jobs/runner';
import { getJobRow } from '@/server/queries/jobs';
import { closePeriod, unapprovedEvaluations } from '@/server/services/periods';
import { getNextBand, getScorecard } from '@/server/services/scorecards/stakeholder';
import { ROLE_USERS } from './web';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: job-memory.ts <copy of a db file>');
const db = openDb(file);
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const sessionOf = (username: string) => {
  const row = db.select({ id: user.id }).from(user).where(eq(user.username, username)).get();
  const me = row ? loadSessionUser(db, row.id) : null;
  if (!me) throw new Error(`${file} has no user ${username}`);
  return me;
};
const admin = sessionOf(ROLE_USERS.admin);
const reader = sessionOf(ROLE_USERS.stakeholder);

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
let reading = true;
let reads = 0;
const readLoop = (async () => {
  while (reading) {
    getScorecard(db, reader, {});
    getNextBand(db, reader, {});
    reads++;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
})();

const open = db.get<{ id: number; code: string }>(sql`select id, code from periods where status = 'open'`);
if (!open) throw new Error(`${file} has no open period to publish`);
const latest = db.get<{ id: number }>(sql`select id from periods where status = 'published' order by starts_on desc limit 1`)!;
const program = db.get<{ id: number; code: string; n: number }>(sql`
  select p.id, p.code, count(*) as n from incentive_programs p, json_each(p.eligible_types) t join stakeholders s on s.type = t.value and s.active = 1
  group by p.id order by n desc limit 1`)!;
closePeriod(db, admin, open.id);
const exclude = { evaluationIds: unapprovedEvaluations(db, open.id).map((e) => e.id), reason: 'memory benchmark' };
console.log(`baseline ${mb(process.memoryUsage().rss)}; JOB_WORKERS ${env.JOB_WORKERS}, JOB_WORKER_HEAP_MB ${env.JOB_WORKER_HEAP_MB}`);
const started = performance.now();
const jobs = [
  startJob(db, { kind: 'period.publish', input: { id: open.id, exclude }, startedBy: admin.id }),
  startJob(db, { kind: 'eligibility.run', input: { programId: program.id, periodId: latest.id }, startedBy: admin.id }),
];
await settleJobs();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
reading = false;
await readLoop;
clearInterval(sampler);
for (const { jobId } of jobs) {
  const row = getJobRow(db, jobId);
  console.log(`${row.kind}: ${row.status}${row.error ? ` ${JSON.stringify(row.error)}` : ''}`);
}
const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
console.log(`publish ${open.code} and ${program.code} (${program.n} stakeholders): ${seconds} s, ${reads} scorecard reads meanwhile`);
console.log(`highest RSS sampled ${mb(peak)}, VmHWM ${mb(Number(hwm) * 1024)}`);
await closeJobPool();
db.$client.close();
