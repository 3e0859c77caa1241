// The content of a generated province as one hash, to show that a change to the generator loads
// the same data: `node bench/province-hash.mjs <db> [cols]` (cols: a hash per column too, to find
// what differs). Every table and row counts, ids included, except what differs between two runs of
// the same code: timestamps count only as set or unset (they are the time of the run), password
// hashes and better-auth's account ids are left out (random salt, random ids), and the random
// user ids are replaced by the username wherever they appear. SKIP=t1,t2 leaves tables out (e.g. a
// migration added meanwhile).
import crypto from 'node:crypto';
import Database from 'better-sqlite3';

const [file, mode = 'tables'] = process.argv.slice(2);
if (!file) {
  console.error('Usage: node bench/province-hash.mjs <database file> [cols]');
  process.exit(2);
}
const db = new Database(file, { readonly: true });
const TIME = /(^at$|_at$|^expires|^created$|^updated$)/;
const DROP = new Set(['account.password', 'account.id']);
const SKIP = new Set((process.env.SKIP ?? '').split(',').filter(Boolean));
const users = new Map(db.prepare('select id, username from user').raw().all());
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
const idPattern = users.size ? new RegExp([...users.keys()].map(escape).join('|'), 'g') : null;
const withUsernames = (v) => (typeof v === 'string' && idPattern ? v.replace(idPattern, (id) => `user:${users.get(id)}`) : v);
// Times inside JSON (audit before/after): epoch milliseconds and ISO strings under *At / *On keys.
const withoutTimes = (v) => (typeof v === 'string' ? v.replace(/"(\w*(?:At|at|On|on))":\s*(\d{12,14}|"\d{4}-\d\d-\d\dT[^"]*")/g, '"$1":T') : v);
const canonical = (v) => JSON.stringify(withoutTimes(withUsernames(v)));
const digest = (lines) => {
  const h = crypto.createHash('sha256');
  for (const line of lines) h.update(`${line}\n`);
  return h.digest('hex').slice(0, 16);
};

const tables = db
  .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
  .all()
  .map((r) => r.name)
  .filter((t) => !SKIP.has(t));
const out = [];
for (const t of tables) {
  const cols = db.prepare(`pragma table_info("${t}")`).all().map((c) => c.name);
  const keep = cols.filter((c) => !DROP.has(`${t}.${c}`));
  const rows = db.prepare(`select ${keep.map((c) => (TIME.test(c) ? `"${c}" is not null` : `"${c}"`)).join(',') || 'null'} from "${t}"`).raw().all();
  if (mode === 'cols') keep.forEach((c, i) => out.push([`${t}.${c}`, digest(rows.map((r) => canonical(r[i])).sort())]));
  out.push([`${t} (${rows.length} rows; left out: ${cols.filter((c) => !keep.includes(c)).join(' ') || '-'})`, digest(rows.map((r) => `[${r.map(canonical).join(',')}]`).sort())]);
}
for (const [k, v] of out) console.log(`${v}  ${k}`);
console.log(`TOTAL ${crypto.createHash('sha256').update(JSON.stringify(out.filter(([k]) => k.includes(' (')))).digest('hex')} (${tables.length} tables)`);
