// Regions: importing a real province from the divisions package (idempotent, keeping renames), and
// the tree's administration — browsing with counts, renaming, retiring, refusing to delete what
// holds stakeholders — through the router, each change audited.
import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, regions } from '@/db/schema';
import { loadDivisions } from '@/seed/divisions';
import { importRegions } from '@/server/services/regions-import';
import { callerFor, freshDb, makeUser, smallWorld } from './helpers';

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    return { code: e.code, fields: (e.cause as { fields?: Record<string, string[]> } | undefined)?.fields ?? {} };
  }
  throw new Error('expected a refusal');
}

function setup() {
  const db = freshDb();
  const w = smallWorld(db);
  const admin = callerFor(db, makeUser(db, 'admin'));
  return { db, w, admin };
}

describe('importing a province', () => {
  // Ningxia: 5 prefectures, 22 counties, 259 townships in the package; small enough to load here.
  const ningxia = loadDivisions('640000');

  it('loads every level with official codes and materialized paths, and a re-run changes nothing', () => {
    const db = freshDb();
    const first = importRegions(db, { province: ningxia });
    expect(first.added).toEqual({ province: 1, prefecture: 5, county: 22, township: 259 });
    const rows = db.select().from(regions).all();
    expect(rows).toHaveLength(287);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of rows) {
      const parent = r.parentId === null ? null : byId.get(r.parentId);
      expect(r.path).toBe(`${parent?.path ?? '/'}${r.id}/`);
      if (r.level === 'township') expect(r.code).toMatch(/^64\d{7}$/);
      else expect(r.code).toMatch(/^64\d{4}$/);
      if (parent) expect(r.code.startsWith(parent.code.replace(/0+$/, ''))).toBe(true);
      expect(r.nameEn).not.toBe('');
    }
    expect(byId.get(first.ids.get('640000')!)).toMatchObject({ nameZh: '宁夏回族自治区', nameEn: 'Ningxia Hui Autonomous Region', level: 'province' });

    // An admin's rename survives a re-run; ids and paths stay; nothing new is written or audited.
    const township = rows.find((r) => r.level === 'township')!;
    db.update(regions).set({ nameEn: 'Renamed' }).where(eq(regions.id, township.id)).run();
    const audits = db.select().from(auditLog).all().length;
    const second = importRegions(db, { province: ningxia });
    expect(second.added).toEqual({ province: 0, prefecture: 0, county: 0, township: 0 });
    expect(second.kept).toEqual(first.added);
    expect([...second.ids]).toEqual([...first.ids]);
    expect(db.select().from(regions).all()).toEqual(rows.map((r) => (r.id === township.id ? { ...r, nameEn: 'Renamed' } : r)));
    expect(db.select().from(auditLog).all()).toHaveLength(audits);
  });

  it('adds the rest of a province around the units already there', () => {
    const { db, w } = setup();
    const yunnan = loadDivisions('53');
    const result = importRegions(db, { province: yunnan });
    // smallWorld holds the province, 红河州, two counties and a township of each, by official code.
    expect(result.kept).toEqual({ province: 1, prefecture: 1, county: 2, township: 2 });
    expect(result.ids.get('532523101')).toBe(w.townA.id);
    const counties = db.get<{ n: number }>(sql`select count(*) as n from regions where level = 'county' and path like ${w.province.path + '%'}`);
    expect(counties.n).toBe(129);
  });

  it('refuses a tree whose levels are out of order, writing nothing', () => {
    const db = freshDb();
    const bad = { ...ningxia, children: [{ ...ningxia.children[0]!, level: 'township' as const, children: [] }] };
    expect(() => importRegions(db, { province: bad })).toThrow(/cannot sit under/);
    expect(db.select().from(regions).all()).toEqual([]);
    expect(() => loadDivisions('990000')).toThrow(/Unknown province code "990000"/);
  });
});

describe('the region tree', () => {
  it('lists one unit’s children with the stakeholders held below each, and searches below a unit', async () => {
    const { w, admin } = setup();
    const top = await admin.regions.tree({});
    expect(top.items.map((r) => r.code)).toEqual(['530000']);
    expect(top.items[0]).toMatchObject({ stakeholders: 2, children: 1 });
    const counties = await admin.regions.tree({ parentId: w.prefecture.id });
    expect(counties.breadcrumb.map((r) => r.code)).toEqual(['530000', '532500']);
    expect(counties.items.map((r) => [r.code, r.stakeholders, r.children])).toEqual([
      ['532523', 1, 1],
      ['532530', 1, 1],
    ]);
    const paged = await admin.regions.tree({ parentId: w.prefecture.id, pageSize: 1, page: 2 });
    expect(paged).toMatchObject({ total: 2, pageCount: 2, items: [{ code: '532530' }] });
    const found = await admin.regions.tree({ parentId: w.prefecture.id, search: '金河' });
    expect(found.items.map((r) => r.code)).toEqual(['532530101']);
    expect((await admin.regions.tree({ parentId: w.countyA.id, search: '金河' })).total).toBe(0);
  });

  it('renames a unit in both languages and audits it', async () => {
    const { db, w, admin } = setup();
    await admin.regions.rename({ id: w.townA.id, nameZh: ' 玉屏街道 ', nameEn: 'Yuping Subdistrict' });
    expect(db.select().from(regions).where(eq(regions.id, w.townA.id)).get()).toMatchObject({ nameZh: '玉屏街道', nameEn: 'Yuping Subdistrict' });
    const audit = db.select().from(auditLog).where(eq(auditLog.action, 'region.rename')).get();
    expect(audit).toMatchObject({ entity: 'region', entityId: String(w.townA.id), before: { nameZh: '玉屏镇' }, after: { nameZh: '玉屏街道' } });
    const empty = await refusal(admin.regions.rename({ id: w.townA.id, nameZh: '', nameEn: 'x' }));
    expect(empty.code).toBe('BAD_REQUEST');
  });

  it('a retired unit, or one below it, takes no new stakeholders; reinstating opens it again', async () => {
    const { db, w, admin } = setup();
    await admin.regions.setRetired({ id: w.countyA.id, retired: true });
    const input = { name: '屏边新公司', type: 'market' as const, regionId: w.townA.id };
    const refused = await refusal(admin.stakeholders.create(input));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', fields: { regionId: ['validation.region.retired'] } });
    // A stakeholder already there can still be edited; moving one in is refused.
    await admin.stakeholders.update({ id: w.shA.id, data: { ...input, name: '屏边茶业有限公司（更名）' } });
    const moved = await refusal(admin.stakeholders.update({ id: w.shB.id, data: { name: w.shB.name, type: 'market', regionId: w.townA.id } }));
    expect(moved.fields.regionId).toEqual(['validation.region.retired']);
    expect((await admin.regions.tree({ parentId: w.prefecture.id })).items[0]).toMatchObject({ code: '532523', retired: true });

    await admin.regions.setRetired({ id: w.countyA.id, retired: false });
    await admin.stakeholders.create(input);
    const actions = db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entity, 'region')).orderBy(auditLog.id).all().map((a) => a.action);
    expect(actions).toEqual(['region.retire', 'region.reinstate']);
  });

  it('refuses to delete a unit holding stakeholders (itself or below) or named in a scope; deletes an empty one with its units', async () => {
    const { db, w, admin } = setup();
    const held = await refusal(admin.regions.delete({ id: w.countyA.id }));
    expect(held).toMatchObject({ code: 'BAD_REQUEST', fields: { _: ['validation.region.holdsStakeholders::{"count":1}'] } });
    expect(db.select().from(regions).where(eq(regions.id, w.countyA.id)).get()).toBeDefined();

    const empty = db.insert(regions).values({ code: '532529', nameZh: '红河县', nameEn: 'Honghe County', level: 'county', parentId: w.prefecture.id, path: '' }).returning().get();
    db.update(regions).set({ path: `${w.prefecture.path}${empty.id}/` }).where(eq(regions.id, empty.id)).run();
    const town = db.insert(regions).values({ code: '532529101', nameZh: '迤萨镇', nameEn: 'Yisa Town', level: 'township', parentId: empty.id, path: '' }).returning().get();
    db.update(regions).set({ path: `${w.prefecture.path}${empty.id}/${town.id}/` }).where(eq(regions.id, town.id)).run();

    makeUser(db, 'assessor', { regionIds: [town.id] });
    const scoped = await refusal(admin.regions.delete({ id: empty.id }));
    expect(scoped.fields._?.[0]).toMatch(/^validation\.region\.inScope::/);
    db.run(sql`delete from user_region_scopes where region_id = ${town.id}`);

    expect(await admin.regions.delete({ id: empty.id })).toEqual({ deleted: 2 });
    expect(db.select().from(regions).where(eq(regions.parentId, w.prefecture.id)).all().map((r) => r.code)).toEqual(['532523', '532530']);
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, 'region.delete'), eq(auditLog.entityId, String(empty.id)))).get()).toMatchObject({
      after: { deletedUnits: 2 },
    });
  });

  it('is for admins only: assessors are refused the tree and its changes', async () => {
    const { db, w } = setup();
    const assessor = callerFor(db, makeUser(db, 'assessor', { regionIds: [w.countyA.id] }));
    expect((await refusal(assessor.regions.tree({}))).code).toBe('FORBIDDEN');
    expect((await refusal(assessor.regions.rename({ id: w.townA.id, nameZh: 'x', nameEn: 'x' }))).code).toBe('FORBIDDEN');
    expect((await refusal(assessor.regions.setRetired({ id: w.townA.id, retired: true }))).code).toBe('FORBIDDEN');
    expect((await refusal(assessor.regions.delete({ id: w.townA.id }))).code).toBe('FORBIDDEN');
  });
});
