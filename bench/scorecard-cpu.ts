// CPU per call of the stakeholder scorecard's data through the tRPC caller (no HTTP, no
// rendering): `scorecards.get`, `scorecards.nextBand`, and both as the /me page loads them, for
// the same stakeholder again and again and for different stakeholders in turn. Comparing a demo
// database with a province shows what of a scorecard's cost grows with the province.
//   npx tsx --conditions=react-server bench/scorecard-cpu.ts <db file> [calls]
import { eq, sql } from 'drizzle-orm';
import { openDb } from '@/db/client';
import { scores, user } from '@/db/schema';
import { setDb } from '@/server/db';
import { loadSessionUser } from '@/server/auth/session';
import { createCaller } from '@/server/trpc/root';
import { ROLE_USERS } from './web';

const [file, callsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: scorecard-cpu.ts <db file> [calls]');
const calls = Number(callsArg ?? 300);
const db = openDb(file);
setDb(db);

function callerOf(username: string) {
  const row = db.select({ id: user.id }).from(user).where(eq(user.username, username)).get();
  const me = row ? loadSessionUser(db, row.id) : null;
  if (!me) throw new Error(`${file} has no user ${username}`);
  return createCaller({ db, user: me, resHeaders: undefined });
}

const own = callerOf(ROLE_USERS.stakeholder);
const admin = callerOf(ROLE_USERS.admin);
const scored = db.all<{ id: number }>(sql`select distinct ${scores.stakeholderId} as id from ${scores} order by 1 limit 400`).map((r) => r.id);
if (scored.length === 0) throw new Error(`${file} has no scores: load the scored demo (tsx scripts/db.ts setup) or a generated province`);

async function meData(caller: typeof own, stakeholderId?: number) {
  const data = await caller.scorecards.get({ stakeholderId });
  if (data.card) await caller.scorecards.nextBand({ stakeholderId, period: data.period ?? undefined });
}

async function cpuPerCall(label: string, call: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await call(i); // warm up: JIT and SQLite's page cache
  const before = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < calls; i++) await call(i);
  const cpu = process.cpuUsage(before);
  const wall = performance.now() - started;
  console.log(`| ${label} | ${((cpu.user + cpu.system) / 1000 / calls).toFixed(2)} ms | ${(wall / calls).toFixed(2)} ms |`);
}

console.log(`${file}: ${calls} calls each\n\n| call | cpu per call | wall per call |\n|---|---|---|`);
await cpuPerCall('scorecards.get, same stakeholder', () => own.scorecards.get({}));
await cpuPerCall('scorecards.nextBand, same stakeholder', () => own.scorecards.nextBand({}));
await cpuPerCall('/me data, same stakeholder', () => meData(own));
await cpuPerCall('/me data, different stakeholders (admin)', (i) => meData(admin, scored[i % scored.length]!));
