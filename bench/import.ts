// Import benchmark: a 10,000-row market values file imported through the service (decode, parse,
// check every row against stakeholders, scope, workflow state and ranges, then one transaction
// with audit rows) beside a plain better-sqlite3 insert of the same rows (prepared statements,
// one transaction, no checks). Goal: the import within 3× of the plain insert.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { openDb, migrateDb } from '@/db/client';
import { seedIfEmpty } from '@/seed';
import { indicators, periods, regions, stakeholders, user } from '@/db/schema';
import { loadSessionUser } from '@/server/auth/session';
import { checkImport, runImport } from '@/server/services/imports';

const ROWS = 10_000;
const CODES = ['mk_local_hires_monitored', 'mk_coop_purchases_10k', 'mk_value_added_10k', 'mk_rd_investment_pct', 'mk_env_violations', 'mk_local_farmer_wages_10k', 'mk_contract_farming_payments_10k', 'mk_profit_shared_pct'];

export async function runImportBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const db = openDb(path.join(dir, 'bench.db'));
  try {
    migrateDb(db);
    await seedIfEmpty(db);
    const township = db.select().from(regions).where(eq(regions.level, 'township')).get()!;
    const codes = Array.from({ length: ROWS }, (_, i) => `BENCH-${String(i).padStart(5, '0')}`);
    db.transaction((tx) => {
      for (let i = 0; i < ROWS; i += 500)
        tx.insert(stakeholders).values(codes.slice(i, i + 500).map((code) => ({ code, name: code, type: 'market' as const, regionId: township.id }))).run();
    });
    const rows = codes.map((c, i) => [c, ...CODES.map((_, j) => (i * 7 + j * 13) % 9)] as const);
    const csv = ['stakeholder,' + CODES.join(','), ...rows.map((r) => r.join(','))].join('\n');
    const admin = loadSessionUser(db, db.select({ id: user.id }).from(user).where(eq(user.role, 'admin')).get()!.id)!;

    // Warm-up: the dry run an assessor does before importing (also warms the JIT and the page cache).
    const bytes = new TextEncoder().encode(csv);
    const warm = await checkImport(db, admin, { kpiSetCode: 'market', mode: 'draft', bytes });
    if (!warm.ok) throw new Error(`bench file refused: ${JSON.stringify(warm.problems.slice(0, 3))}`);

    // The same rows, plainly inserted into another period.
    const period = db.insert(periods).values({ code: 'BENCH', kind: 'quarter', startsOn: '2030-01-01', endsOn: '2030-03-31', status: 'closed' }).returning().get();
    const ids = new Map(db.select({ id: stakeholders.id, code: stakeholders.code }).from(stakeholders).all().map((s) => [s.code, s.id]));
    const indicatorIds = CODES.map((c) => db.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, c)).get()!.id);
    const versionId = warm.kpiSet!.versionId;
    const client = db.$client;
    const t1 = performance.now();
    client.transaction(() => {
      const insertEvaluation = client.prepare('insert into evaluations (stakeholder_id, period_id, kpi_set_version_id, status) values (?, ?, ?, ?) returning id');
      const insertValue = client.prepare('insert into evaluation_values (evaluation_id, indicator_id, value) values (?, ?, ?)');
      for (const r of rows) {
        const { id } = insertEvaluation.get(ids.get(r[0])!, period.id, versionId, 'draft') as { id: number };
        for (let j = 0; j < CODES.length; j++) insertValue.run(id, indicatorIds[j]!, r[j + 1]);
      }
    })();
    const plainMs = performance.now() - t1;

    // The import itself: parse, check every row, write in one transaction with audit rows.
    const t0 = performance.now();
    const result = await runImport(db, admin, { kpiSetCode: 'market', mode: 'draft', bytes });
    const importMs = performance.now() - t0;
    if (!result.imported) throw new Error(`bench import refused: ${JSON.stringify(result.report.problems.slice(0, 3))}`);

    const perSecond = (ms: number) => Math.round((ROWS / ms) * 1000).toLocaleString('en');
    console.log(`import (${ROWS.toLocaleString('en')} rows × ${CODES.length} values, file-backed SQLite)`);
    console.log(`  service import (parse + check + write + audit): ${importMs.toFixed(0)} ms  (${perSecond(importMs)} rows/s)`);
    console.log(`  plain better-sqlite3 insert of the same rows:   ${plainMs.toFixed(0)} ms  (${perSecond(plainMs)} rows/s)`);
    console.log(`  ratio: ${(importMs / plainMs).toFixed(2)}× (goal ≤ 3×) ${importMs / plainMs <= 3 ? 'OK' : 'MISSED'}`);
  } finally {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runImportBench();
