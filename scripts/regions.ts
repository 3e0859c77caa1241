// The regions command: `npm run db:regions -- --province <code>` migrates env.DATABASE_PATH and
// loads that province's official division tree (prefectures, counties, townships). Safe to re-run:
// units already present are kept as they are.
import { parseArgs } from 'node:util';
import { env } from '@/server/env';
import { migrateDb, openDb } from '@/db/client';
import { listProvinces, loadDivisions, provincePrefix } from '@/seed/divisions';
import { importRegions } from '@/server/services/regions-import';

const USAGE = `Usage: npm run db:regions -- --province <code>
  --province  GB/T 2260 province code, "530000" or "53" (Yunnan)
  --list      print the province codes and stop
Database: DATABASE_PATH (now ${env.DATABASE_PATH}).`;

function main(): number {
  let args;
  try {
    args = parseArgs({ options: { province: { type: 'string' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.list) {
    for (const p of listProvinces()) console.log(`${p.code}0000  ${p.nameZh}`);
    return 0;
  }
  if (!args.province) {
    console.error(`Missing --province.\n${USAGE}`);
    return 2;
  }
  if (!provincePrefix(args.province)) {
    console.error(`"${args.province}" is not a province code: give six digits ending in 0000 (e.g. 530000) or two (e.g. 53).`);
    return 2;
  }
  let province;
  try {
    province = loadDivisions(args.province);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const db = openDb(env.DATABASE_PATH);
  try {
    migrateDb(db);
    const started = Date.now();
    const { added, kept } = importRegions(db, { province });
    const line = (c: typeof added) => `${c.province} province, ${c.prefecture} prefectures, ${c.county} counties, ${c.township} townships`;
    console.log(`${province.nameZh} (${province.code}) in ${env.DATABASE_PATH}: added ${line(added)}; already present ${line(kept)} (${Date.now() - started} ms).`);
    return 0;
  } finally {
    db.$client.close();
  }
}

process.exitCode = main();
