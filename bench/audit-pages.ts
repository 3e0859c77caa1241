// Times the audit log's pages on a database file: the first page and a deep one (by key, about
// `depth` entries back), unfiltered and per filter, through the query the page uses.
//   npx tsx --conditions=react-server bench/audit-pages.ts <db file> [depth] [runs]
import { performance } from 'node:perf_hooks';
import { openDb } from '@/db/client';
import { auditListSchema } from '@/core/schemas/lists';
import { auditPage } from '@/server/queries/audit';

const [file, depthArg, runsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: audit-pages.ts <db file> [depth] [runs]');
const depth = Number(depthArg ?? 1_000_000);
const runs = Number(runsArg ?? 5);
const db = openDb(file);
const raw = db.$client;

const common = raw.prepare('select entity, action from audit_counts order by n desc limit 1').get() as { entity: string; action: string };
const rare = raw.prepare('select entity, action from audit_counts order by n limit 1').get() as { entity: string; action: string };
const actor = (raw.prepare('select u.username from user u join audit_log a on a.actor_id = u.id order by a.id desc limit 1').get() as { username: string }).username;
const FILTERS: [string, Record<string, string>][] = [
  ['none', {}],
  [`entity=${common.entity}`, { entity: common.entity }],
  [`action=${common.action}`, { action: common.action }],
  [`entity+rare action=${rare.action}`, { entity: rare.entity, action: rare.action }],
  [`actor=${actor}`, { actor }],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(run: () => unknown) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    run();
    ms.push(performance.now() - t);
  }
  return median(ms).toFixed(1);
}

for (const [label, filter] of FILTERS) {
  const params = auditListSchema.parse(filter);
  const first = auditPage(db, params);
  // The deep page: the first page's cursor moved `depth` ids back (ids grow with time).
  const before = Math.max(1, (first.items[0]?.id ?? 0) - depth);
  const deep = auditPage(db, { ...params, before });
  console.log(`${label.padEnd(44)} total ${String(first.total).padStart(9)}  first ${time(() => auditPage(db, params)).padStart(7)} ms  deep (before=${before}, ${deep.offset} newer) ${time(() => auditPage(db, { ...params, before })).padStart(7)} ms`);
}
