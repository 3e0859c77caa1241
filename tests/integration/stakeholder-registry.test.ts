// Stakeholder registry import: CSV (UTF-8, GB18030, UTF-16) and XLSX register stakeholders with
// generated codes, audited; the dry run names every problem by row and column (credit code check,
// township unknown / not a township / retired / out of scope, type, phone, duplicates in the file
// and in the database — one outside the caller's scope is not named); the import is all or
// nothing; `registerStakeholders` does the same for rows in hand. Its own world on smallWorld:
// an assessor of 屏边 (countyA, 玉屏镇 532523101), 金平 (countyB, 金河镇 532530101) outside it.
import { count, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, regions, stakeholders } from '@/db/schema';
import { registerStakeholders } from '@/server/services/stakeholder-registry';
import { registryUploadRoute, registryTemplateRoute } from '@/server/http';
import type { RegistryRowInput } from '@/core/schemas/stakeholder-registry';
import type { Db } from '@/db/client';
import { validCreditCode, waitForJob } from './helpers';
import { makeFactory, type SessionUser } from './factory';

type World = Awaited<ReturnType<typeof registryWorld>>;

async function registryWorld() {
  const f = makeFactory();
  const assessor = f.user('assessor', { regionIds: [f.w.countyA.id], username: 'assessor-pb' });
  // A township of 屏边 that was merged away: it keeps its code but takes no one new.
  const retired = f.db
    .insert(regions)
    .values({ code: '532523102', nameZh: '白河乡', nameEn: 'Baihe', level: 'township', parentId: f.w.countyA.id, path: '', retiredAt: new Date('2025-01-01') })
    .returning()
    .get();
  f.db.update(regions).set({ path: `${f.w.countyA.path}${retired.id}/` }).where(eq(regions.id, retired.id)).run();
  // Registered already, with credit codes: one in 屏边 (the assessor's), one in 金平 (not).
  const mine = await f.api.stakeholders.create({ name: '屏边已登记合作社', type: 'rural', regionId: f.w.townA.id, creditCode: validCreditCode('532523', 'MA6R00001') });
  const foreign = await f.api.stakeholders.create({ name: '金平保密企业', type: 'market', regionId: f.w.townB.id, creditCode: validCreditCode('532530', 'MA6R00002') });
  return { ...f, assessor, mine, foreign };
}

const ZH_HEADER = '统一社会信用代码,名称,英文名称,类型,乡镇代码,联系人,联系电话';
const EN_HEADER = 'credit_code,name_zh,name_en,type,township_code,contact_name,contact_phone';
const cc = (serial: number, division = '532523') => validCreditCode(division, `MA6N${String(serial).padStart(5, '0')}`);
const csv = (header: string, lines: string[]) => [header, ...lines].join('\r\n') + '\r\n';
const utf8 = (s: string) => new TextEncoder().encode(s);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const check = (w: World, me: SessionUser, bytes: Uint8Array) => w.caller(me).stakeholderRegistry.check({ contentBase64: b64(bytes) });
const run = async (w: World, me: SessionUser, bytes: Uint8Array, fileName?: string) =>
  waitForJob(w.caller(me), await w.caller(me).stakeholderRegistry.run({ contentBase64: b64(bytes), ...(fileName ? { fileName } : {}) }));

function snapshot(db: Db) {
  return {
    stakeholders: db.select({ n: count() }).from(stakeholders).get()!.n,
    audit: db.select({ n: count() }).from(auditLog).get()!.n,
  };
}

describe('stakeholder registry import', () => {
  let w: World;
  beforeEach(async () => {
    w = await registryWorld();
  });

  it('registers a clean UTF-8 CSV with Chinese headers: generated codes, names in both languages, audited', async () => {
    const file = utf8(csv(ZH_HEADER, [`${cc(1)},屏边茶叶合作社,Pingbian Tea Cooperative,rural,532523101,张三,13800000001`, `${cc(2).toLowerCase()},玉屏商贸有限公司,,市场主体,532523101,,0873-1234567`]));
    const report = await check(w, w.assessor, file);
    expect(report).toMatchObject({ ok: true, format: 'csv', encoding: 'utf-8', rows: 2, creates: 2, problems: [] });

    const before = snapshot(w.db);
    const result = await run(w, w.assessor, file, 'registry.csv');
    expect(result).toMatchObject({ imported: true, count: 2 });
    const rows = w.db.select().from(stakeholders).where(eq(stakeholders.regionId, w.w.townA.id)).orderBy(stakeholders.id).all().slice(-2);
    // smallWorld holds MK-0001/2 and the world one rural (RU-0001) and one more market (MK-0003).
    expect(rows.map((r) => [r.code, r.name, r.nameEn, r.type, r.creditCode, r.contactName, r.contactPhone])).toEqual([
      ['RU-0002', '屏边茶叶合作社', 'Pingbian Tea Cooperative', 'rural', cc(1), '张三', '13800000001'],
      ['MK-0004', '玉屏商贸有限公司', null, 'market', cc(2), null, '0873-1234567'],
    ]);
    // One audit row per stakeholder, one for the import.
    expect(snapshot(w.db)).toEqual({ stakeholders: before.stakeholders + 2, audit: before.audit + 3 });
    const audit = w.db.select().from(auditLog).where(eq(auditLog.action, 'stakeholder.import')).get()!;
    expect(audit.actorId).toBe(w.assessor.id);
    expect(audit.after).toMatchObject({ fileName: 'registry.csv', format: 'csv', encoding: 'utf-8', created: 2 });
  });

  it('reads GB18030 and UTF-16 CSV (English headers, any order) and XLSX from the template layout', async () => {
    const gb = new Uint8Array(iconv.encode(csv(EN_HEADER, [`${cc(3)},金平农业合作社,,乡村主体,532523101,李四,`]), 'gb18030'));
    expect(await check(w, w.admin, gb)).toMatchObject({ ok: true, encoding: 'gb18030', creates: 1 });

    const utf16 = new Uint8Array([0xff, 0xfe, ...iconv.encode(csv('township_code,type,name_zh,credit_code', [`532523101,county_town,屏边县城投公司,${cc(4)}`]), 'utf-16le')]);
    expect(await check(w, w.admin, utf16)).toMatchObject({ ok: true, encoding: 'utf-16le', creates: 1 });

    const template = await registryTemplateRoute.run({ db: w.db, user: w.admin }, new Request('http://localhost/api/stakeholders/import/template'));
    const header = new TextDecoder().decode(new Uint8Array(await template.arrayBuffer())).trim();
    expect(header).toContain('统一社会信用代码 (credit_code)');
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('registry');
    sheet.addRow(header.split(','));
    // A spreadsheet keeps a township code as a number.
    sheet.addRow(['', cc(5), '屏边电商企业', 'Pingbian E-commerce', 'Market entity', 532523101, '王五', 13900000002]);
    const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
    expect(await check(w, w.admin, xlsx)).toMatchObject({ ok: true, format: 'xlsx', creates: 1, problems: [] });
    expect(await run(w, w.admin, xlsx)).toMatchObject({ imported: true, count: 1 });
    expect(w.db.select().from(stakeholders).where(eq(stakeholders.creditCode, cc(5))).get()).toMatchObject({ nameEn: 'Pingbian E-commerce', type: 'market', contactPhone: '13900000002' });
  });

  it('reports every problem by row and column, never names a stakeholder outside the scope, and writes nothing', async () => {
    const badCheck = cc(6).slice(0, 17) + (cc(6).endsWith('0') ? '1' : '0');
    const lines = [
      `${cc(7)},正常企业,,market,532523101,,`, // row 2: fine
      `${badCheck},校验错误企业,,market,532523101,,`, // row 3
      `${cc(8)},未知乡镇企业,,market,532523999,,`, // row 4
      `${cc(9)},外县企业,,market,532530101,,`, // row 5: 金平 is not the assessor's
      `${cc(10)},撤销乡企业,,market,532523102,,`, // row 6
      `${cc(7)},重复企业,,market,532523101,,`, // row 7: same credit code as row 2
      `${w.mine.creditCode},已登记合作社,,rural,532523101,,`, // row 8: registered in scope
      `${w.foreign.creditCode},另一个企业,,market,532523101,,`, // row 9: registered outside the scope
      `${cc(11)},,,robot,532523,,12345`, // row 10: no name, unknown type, short township code, bad phone
      `${cc(12)},县级单位,,market,532523000,,`, // row 11: not 9 digits of a township… a county-like code
    ];
    w.db.insert(regions).values({ code: '532523000', nameZh: '屏边（县本级）', nameEn: 'Pingbian county level', level: 'county', parentId: w.w.prefecture.id, path: '/x/' }).run();
    const file = utf8(csv(ZH_HEADER, lines));
    const report = await check(w, w.assessor, file);
    expect(report.ok).toBe(false);
    const seen = report.problems.map((p) => `${p.row}:${p.code}:${p.column ?? ''}`);
    expect(seen).toEqual([
      '3:credit_code_check:"统一社会信用代码" (A)',
      '4:unknown_township:"乡镇代码" (E)',
      '5:township_out_of_scope:"乡镇代码" (E)',
      '6:township_retired:"乡镇代码" (E)',
      '7:duplicate_in_file:"统一社会信用代码" (A)',
      '8:credit_code_taken:"统一社会信用代码" (A)',
      '9:credit_code_taken_elsewhere:"统一社会信用代码" (A)',
      '10:required:"名称" (B)',
      '10:bad_phone:"联系电话" (G)',
      '10:unknown_type:"类型" (D)',
      '10:bad_township_code:"乡镇代码" (E)',
      '11:not_township:"乡镇代码" (E)',
    ]);
    expect(report.problems.find((p) => p.row === 7)!.params).toMatchObject({ first: 2 });
    expect(report.problems.find((p) => p.row === 8)!.params).toMatchObject({ code: w.mine.code });
    // The stakeholder in 金平 is neither named nor coded anywhere in the report.
    const text = JSON.stringify(report);
    expect(text).not.toContain(w.foreign.code);
    expect(text).not.toContain(w.foreign.name);
    // An administrator's scope is the province: the same row names the stakeholder.
    const asAdmin = await check(w, w.admin, file);
    expect(asAdmin.problems.find((p) => p.row === 9)).toMatchObject({ code: 'credit_code_taken', params: { code: w.foreign.code } });

    const before = snapshot(w.db);
    expect(await run(w, w.assessor, file)).toMatchObject({ imported: false, count: 0 });
    expect(snapshot(w.db)).toEqual(before);
  });

  it('refuses a file without the required columns, with a duplicate column, or with a header only', async () => {
    const missing = await check(w, w.admin, utf8(csv('name_zh,type', ['某企业,market'])));
    expect(missing.problems).toEqual([{ code: 'missing_columns', params: { columns: 'credit_code, township_code' }, row: 1 }]);
    const twice = await check(w, w.admin, utf8(csv(`${EN_HEADER},名称`, [])));
    expect(twice.problems.map((p) => p.code)).toEqual(['duplicate_column']);
    const empty = await check(w, w.admin, utf8(csv(EN_HEADER, [])));
    expect(empty.problems.map((p) => p.code)).toEqual(['no_rows']);
    const extra = await check(w, w.admin, utf8(csv(`${EN_HEADER},备注`, [`${cc(13)},某企业,,market,532523101,,,随便`])));
    expect(extra).toMatchObject({ ok: true, warnings: [{ code: 'unknown_column', params: { value: '备注' } }] });
  });

  it('the upload route checks a multipart file and starts the import as a job', async () => {
    const form = (dryRun: boolean) => {
      const data = new FormData();
      data.set('file', new File([csv(EN_HEADER, [`${cc(14)},上传企业,,market,532523101,,`])], 'up.csv', { type: 'text/csv' }));
      data.set('dryRun', dryRun ? '1' : '0');
      return new Request('http://localhost/api/stakeholders/import', { method: 'POST', body: data });
    };
    const dry = await registryUploadRoute.run({ db: w.db, user: w.assessor }, form(true));
    expect(await dry.json()).toMatchObject({ report: { ok: true, creates: 1 } });
    const started = (await (await registryUploadRoute.run({ db: w.db, user: w.assessor }, form(false))).json()) as { jobId: number; kind: 'stakeholders.import' };
    expect(await waitForJob(w.caller(w.assessor), started)).toMatchObject({ imported: true, count: 1 });
  });
});

describe('registerStakeholders (rows in hand)', () => {
  const rowsOf = (n: number, townshipCode: string, from = 0): RegistryRowInput[] =>
    Array.from({ length: n }, (_, i) => ({ row: i + 1, creditCode: cc(from + i), nameZh: `生成主体 ${from + i}`, type: i % 2 ? 'market' : 'rural', townshipCode }));

  it('registers thousands at once with consecutive codes per type', async () => {
    const w = await registryWorld();
    const registered = registerStakeholders(w.db, w.admin, rowsOf(3000, '532523101', 100));
    expect(registered).toHaveLength(3000);
    expect(registered[0]).toMatchObject({ code: 'RU-0002', row: 1 });
    expect(registered[1]).toMatchObject({ code: 'MK-0004', row: 2 });
    expect(registered.at(-1)).toMatchObject({ code: 'MK-1503', row: 3000 });
    expect(new Set(registered.map((r) => r.id)).size).toBe(3000);
  });

  it('is all or nothing: one bad row among thousands registers none and says which', async () => {
    const w = await registryWorld();
    const rows = rowsOf(2000, '532523101', 5000);
    rows[1500] = { ...rows[1500]!, townshipCode: '532530101' };
    const before = snapshot(w.db);
    expect(() => registerStakeholders(w.db, w.assessor, rows)).toThrow(/row 1501 township_code: township_out_of_scope/);
    expect(snapshot(w.db)).toEqual(before);
  });
});
