// The units catalogue: the migration turns every free-text unit into a catalogue code (nothing
// lost), the indicator library takes codes (and the old spellings), an administrator adds units,
// and the stored text of older documents still finds its unit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { MIGRATIONS_DIR, migrateDb, openDb, type Db } from '@/db/client';
import { indicators, units } from '@/db/schema';
import { legacyUnitCode } from '@/core/i18n/units';
import { ValidationError } from '@/server/errors';
import { zodFieldErrors } from '@/server/trpc/init';
import { unitLookup } from '@/server/queries/units';
import { callerFor, freshDb, makeUser } from './helpers';

const UNITS_MIGRATION = '0021_units';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A database at the schema just before the units catalogue: the migrations up to it, no further. */
function dbBeforeUnits(): Db {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'units-migration-'));
  dirs.push(dir);
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const upTo = journal.entries.findIndex((e) => e.tag === UNITS_MIGRATION);
  expect(upTo).toBeGreaterThan(0);
  const before = journal.entries.slice(0, upTo);
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: before }));
  for (const e of before) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  const db = openDb(':memory:');
  migrateDb(db, dir);
  return db;
}

async function fieldsOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    const c = e.cause;
    return { code: e.code, fields: c instanceof ZodError ? zodFieldErrors(c) : c instanceof ValidationError ? c.fields : {} };
  }
  throw new Error('expected a rejection');
}

describe('the units migration', () => {
  it('maps the known English and Chinese spellings to codes and keeps unknown text as a new unit', () => {
    const db = dbBeforeUnits();
    const texts = ['persons', '10k yuan', '万元', '%', 'households', 'count', 'sessions', 'ratio', 'yuan', '人次', 'kWh', ' kWh ', ''];
    const insert = db.$client.prepare("insert into indicators (code, name_zh, name_en, unit, direction) values (?, ?, ?, ?, 'higher')");
    texts.forEach((t, i) => insert.run(`i${i}`, `指标${i}`, `Indicator ${i}`, t));
    migrateDb(db);

    const rows = db.select({ code: indicators.code, unitCode: indicators.unitCode }).from(indicators).all();
    const catalogue = new Set(db.select({ code: units.code }).from(units).all().map((u) => u.code));
    texts.forEach((t, i) => {
      const row = rows.find((r) => r.code === `i${i}`)!;
      expect(row.unitCode, t).toBe(legacyUnitCode(t));
      if (row.unitCode !== null) expect(catalogue.has(row.unitCode), t).toBe(true);
    });
    expect(rows.find((r) => r.code === 'i0')!.unitCode).toBe('person');
    expect(rows.find((r) => r.code === 'i2')!.unitCode).toBe('yuan_10k');
    // Unknown text became a catalogue row named after it, in both languages.
    expect(db.select().from(units).all().find((u) => u.code === 'kWh')).toMatchObject({ nameEn: 'kWh', nameZh: 'kWh', attached: false });
    expect(db.$client.pragma('foreign_key_check(indicators)')).toEqual([]);
    // The old column is gone: the code is the one place a unit is stored.
    expect((db.$client.pragma('table_info(indicators)') as { name: string }[]).map((c) => c.name)).not.toContain('unit');
  });

  it('seeds the catalogue with both names', () => {
    const db = freshDb();
    const u = unitLookup(db);
    expect(u('yuan_10k')).toMatchObject({ nameEn: '10k yuan', nameZh: '万元' });
    expect(u('persons')).toMatchObject({ code: 'person', nameZh: '人' });
    expect(u('%')).toMatchObject({ code: 'percent', attached: true });
    expect(u('')).toBeNull();
    expect(u('furlongs')).toEqual({ code: 'furlongs', nameEn: 'furlongs', nameZh: 'furlongs', attached: false });
  });
});

describe('indicators and the units catalogue', () => {
  const base = { code: 'rr_staff', nameZh: '员工人数', nameEn: 'Staff', unit: 'person', direction: 'higher' as const, valueType: 'integer' as const, minValue: 0, maxValue: 1000, evidenceRequired: false };

  it('stores a unit code, accepts the old spellings and refuses a unit the catalogue lacks', async () => {
    const db = freshDb();
    const api = callerFor(db, makeUser(db, 'admin'));
    expect(await api.indicators.create(base)).toMatchObject({ unitCode: 'person' });
    expect(await api.indicators.create({ ...base, code: 'rr_income', unit: '10k yuan' })).toMatchObject({ unitCode: 'yuan_10k' });
    expect(await api.indicators.create({ ...base, code: 'rr_index', unit: '' })).toMatchObject({ unitCode: null });
    expect(await fieldsOf(api.indicators.create({ ...base, code: 'rr_x', unit: 'furlongs' }))).toMatchObject({ code: 'BAD_REQUEST', fields: { unit: ['validation.method.unitUnknown'] } });
  });

  it('lets an administrator add a unit with both names, once per code', async () => {
    const db = freshDb();
    const api = callerFor(db, makeUser(db, 'admin'));
    await api.indicators.createUnit({ code: 'furlong', nameZh: '弗隆', nameEn: 'furlongs', attached: false });
    expect((await api.indicators.units()).find((u) => u.code === 'furlong')).toEqual({ code: 'furlong', nameZh: '弗隆', nameEn: 'furlongs', attached: false });
    expect(await api.indicators.create({ ...base, unit: 'furlong' })).toMatchObject({ unitCode: 'furlong' });
    expect(await fieldsOf(api.indicators.createUnit({ code: 'furlong', nameZh: '弗隆', nameEn: 'furlongs', attached: false }))).toMatchObject({ fields: { code: ['validation.method.unitCodeTaken'] } });
    expect(await fieldsOf(api.indicators.createUnit({ code: 'Bad Code', nameZh: '坏', nameEn: 'bad', attached: false }))).toMatchObject({ code: 'BAD_REQUEST', fields: { code: ['validation.method.unitCode'] } });
    const assessor = callerFor(db, makeUser(db, 'assessor'));
    await expect(assessor.indicators.createUnit({ code: 'x', nameZh: 'x', nameEn: 'x', attached: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
