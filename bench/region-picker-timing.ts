// Times the stakeholder form's region picker calls (counties, then one county's units) beside the old whole list.
//   npx tsx --conditions=react-server bench/region-picker-timing.ts <db file> [runs]
import { performance } from 'node:perf_hooks';
import { openDb } from '@/db/client';
import { setDb } from '@/server/db';
import { loadSessionUser } from '@/server/auth/session';
import { createCaller } from '@/server/trpc/root';
import { ROLE_USERS } from './web';

const [file, runsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: region-picker-timing.ts <db file> [runs]');
const runs = Number(runsArg ?? 20);
const db = openDb(file);
setDb(db);
const { id } = db.$client.prepare('select id from user where username = ?').get(ROLE_USERS.admin) as { id: string };
const api = createCaller({ db, user: loadSessionUser(db, id) });
const county = (await api.regions.list({ level: 'county' }))[0]!.id;
for (const [name, input] of [['all', {}], ['counties', { level: 'county' as const }], ['one county', { county }]] as const) {
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const out = await api.regions.list(input);
    size = JSON.stringify(out).length / 1024;
    if (i > 0) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`regions.list ${name}: p50 ${times[Math.floor(runs / 2)]!.toFixed(1)} ms, p95 ${times[Math.ceil(runs * 0.95) - 1]!.toFixed(1)} ms, ${size.toFixed(1)} KB`);
}
db.$client.close();
