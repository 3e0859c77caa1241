// The dry run of an upload runs in its own thread on a read-only connection: its report is the
// one the check gives on the request's own thread (CSV and XLSX, evaluations and the registry), a
// refusal keeps its status and reason, and while a 15 MB file is checked the request thread's
// event loop keeps turning.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDb, openDb, type Db } from '@/db/client';
import { setDb } from '@/server/db';
import { HTTP_STATUS, DomainError } from '@/server/errors';
import { importUploadRoute, registryUploadRoute } from '@/server/http';
import { checkFile, closeCheckPool } from '@/server/jobs/file-checks';
import { checkImport } from '@/server/services/imports';
import { checkRegistryImport } from '@/server/services/stakeholder-registry';
import { makeFactory, type IndicatorSpec } from './factory';
import { validCreditCode } from './helpers';
import { readerMessage } from '@/server/error-text';

const MARKET = ['mk_local_hires_monitored', 'mk_coop_purchases_10k', 'mk_value_added_10k', 'mk_rd_investment_pct', 'mk_env_violations', 'mk_local_farmer_wages_10k', 'mk_contract_farming_payments_10k', 'mk_profit_shared_pct'];
const INDICATORS: IndicatorSpec[] = MARKET.map((code) => ({ code, max: 100_000 }));
const HEADER = ['stakeholder', 'name', ...MARKET];
// A clean row, one of an unknown stakeholder, one with a value out of range and one not a number.
const ROWS: (string | number)[][] = [
  ['MK-0001', '', 12, 230, 900, 1.8, 0, 120, 300, 6],
  ['MK-X0000001', '', 12, 230, 900, 1.8, 0, 120, 300, 6],
  ['MK-0002', '', 12, 230, 900_000, 1.8, 0, 120, 300, 6],
  ['MK-0002', '', 'many', 230, 900, 1.8, 0, 120, 300, 6],
];
const REGISTRY_HEADER = 'credit_code,name_zh,name_en,type,township_code,contact_name,contact_phone';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-checks-'));
let db: Db;
let world: Awaited<ReturnType<typeof checkWorld>>;

async function checkWorld() {
  const file = path.join(dir, 'checks.db');
  db = openDb(file);
  migrateDb(db);
  setDb(db);
  const f = makeFactory(db);
  const q3 = await f.period(2026, 3);
  await f.kpiSet('market', [{ code: 'market', indicators: INDICATORS }], { effectiveFromPeriodId: q3.id });
  return { ...f, assessor: f.user('assessor', { regionIds: [f.w.countyA.id], username: 'checker' }) };
}

beforeAll(async () => {
  world = await checkWorld();
});
afterAll(async () => {
  await closeCheckPool();
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const csvOf = (rows: (string | number)[][]) => new TextEncoder().encode([HEADER, ...rows].map((r) => r.join(',')).join('\n') + '\n');

async function xlsxOf(rows: (string | number)[][]): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('values');
  for (const r of [HEADER, ...rows]) sheet.addRow(r);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

function upload(url: string, name: string, bytes: Uint8Array, fields: Record<string, string>): Request {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('dryRun', '1');
  return new Request(`http://localhost${url}`, { method: 'POST', body: form });
}

describe('file checks off the request thread', () => {
  it('answers an evaluations CSV and XLSX with the report of the in-thread check, from another thread', async () => {
    const me = world.assessor;
    for (const [name, bytes] of [['values.csv', csvOf(ROWS)], ['values.xlsx', await xlsxOf(ROWS)]] as const) {
      const input = { kpiSetCode: 'market', mode: 'draft' as const, fileName: name, bytes };
      const here = await checkImport(db, me, input);
      expect(here.problems.length).toBeGreaterThan(0);
      const res = await importUploadRoute.run({ db, user: me }, upload('/api/imports', name, bytes, { kpiSet: 'market', mode: 'draft' }));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ report: JSON.parse(JSON.stringify(here)) });
      const checked = await checkFile(db, me, 'evaluations.import', input);
      expect(checked.report).toEqual(here);
      expect(checked.threadId).not.toBe(threadId);
    }
  });

  it('answers a registry CSV with the report of the in-thread check', async () => {
    const cc = (n: number) => validCreditCode('532523', `MA6C${String(n).padStart(5, '0')}`);
    const text = [REGISTRY_HEADER, `${cc(1)},屏边茶叶合作社,,rural,532523101,,`, `${cc(1)},重复企业,,market,532523101,,`, `bad,无效企业,,market,999,,`].join('\r\n');
    const bytes = new TextEncoder().encode(text);
    const here = await checkRegistryImport(db, world.assessor, { fileName: 'r.csv', bytes });
    expect(here.problems.length).toBeGreaterThan(0);
    const res = await registryUploadRoute.run({ db, user: world.assessor }, upload('/api/stakeholders/import', 'r.csv', bytes, {}));
    expect(await res.json()).toEqual({ report: JSON.parse(JSON.stringify(here)) });
  });

  it('keeps the status, reason and message of a refusal thrown in the check thread', async () => {
    const input = { kpiSetCode: 'no-such-set', mode: 'draft' as const, bytes: csvOf(ROWS) };
    const thrown = await checkImport(db, world.assessor, input).then(() => null, (e: unknown) => e);
    expect(thrown).toBeInstanceOf(DomainError);
    const e = thrown as DomainError;
    const res = await importUploadRoute.run({ db, user: world.assessor }, upload('/api/imports', 'v.csv', input.bytes, { kpiSet: 'no-such-set', mode: 'draft' }));
    expect(res.status).toBe(HTTP_STATUS[e.code]);
    // The message is the reason's sentence in the reader's language (no cookie: the default, Chinese).
    expect(await res.json()).toEqual({ error: { message: readerMessage('zh-CN', { reason: e.reason, code: e.code }), reason: e.reason, code: e.code } });
    expect(readerMessage('zh-CN', { reason: e.reason, code: e.code })).toBe('该条目不存在（可能已被删除，或链接已过期）。');
  });

  it('keeps the request thread turning while a 15 MB file is checked', async () => {
    const rows: (string | number)[][] = [];
    // Stakeholders that don't exist: every row is read, looked up and reported.
    for (let size = 0; size < 15 * 1024 * 1024; size += rows.at(-1)!.join(',').length + 1) rows.push([`MK-X${String(rows.length).padStart(7, '0')}`, '', 12, 230, 900, 1.8, 0, 120, 300, 6]);
    const bytes = csvOf(rows);
    expect(bytes.length).toBeGreaterThan(15 * 1024 * 1024);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    // The histogram records gaps between its timer's ticks: it needs a first tick before the check.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const checked = await checkFile(db, world.assessor, 'evaluations.import', { kpiSetCode: 'market', mode: 'draft', bytes });
    // A stalled loop is recorded when its timer finally fires: let it fire before reading.
    await new Promise((resolve) => setTimeout(resolve, 50));
    delay.disable();
    expect(checked.report.rows).toBe(rows.length);
    // Checked here, the loop stands still for the whole check (0.8 s here); off it, about 25 ms.
    expect(delay.max / 1e6).toBeLessThan(400);
    expect(checked.threadId).not.toBe(threadId);
  });
});
