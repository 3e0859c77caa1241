// Stakeholder use cases through the router: validation field by field, credit codes, audit.
import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { auditLog } from '@/db/schema';
import { callerFor, freshDb, makeUser, smallWorld, validCreditCode } from './helpers';

function setup() {
  const db = freshDb();
  const w = smallWorld(db);
  const assessor = callerFor(db, makeUser(db, 'assessor', { regionIds: [w.countyA.id] }));
  return { db, w, assessor };
}

async function fieldsOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    return { code: e.code, cause: e.cause as unknown };
  }
  throw new Error('expected a rejection');
}

describe('stakeholders', () => {
  it('creates a stakeholder in scope with a generated code, and audits it', async () => {
    const { db, w, assessor } = setup();
    const created = await assessor.stakeholders.create({
      name: '  屏边县玉屏镇人民政府 ',
      type: 'county_town',
      regionId: w.townA.id,
      creditCode: validCreditCode().toLowerCase(),
      contactPhone: '13812345678',
    });
    expect(created).toMatchObject({ name: '屏边县玉屏镇人民政府', code: 'CT-0001', creditCode: validCreditCode() });
    const audit = db.select().from(auditLog).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'stakeholder.create', entity: 'stakeholder', entityId: String(created.id) });
  });

  it('refuses an invalid credit code, saying why, at the field', async () => {
    const { w, assessor } = setup();
    const good = validCreditCode();
    const typo = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const r = await fieldsOf(assessor.stakeholders.create({ name: 'X 公司', type: 'market', regionId: w.townA.id, creditCode: typo }));
    expect(r.code).toBe('BAD_REQUEST');
    const issues = (r.cause as { issues: { path: string[]; message: string }[] }).issues;
    expect(issues[0]!.path).toEqual(['creditCode']);
    expect(issues[0]!.message).toMatch(/^validation\.creditCode\.check::/);
    expect(issues[0]!.message).toContain(`"expected":"${good[17]}"`);

    const short = await fieldsOf(assessor.stakeholders.create({ name: 'X', type: 'market', regionId: w.townA.id, creditCode: '91532523MA6K' }));
    expect((short.cause as { issues: { message: string }[] }).issues[0]!.message).toMatch(/creditCode\.length/);
    const banned = await fieldsOf(assessor.stakeholders.create({ name: 'X', type: 'market', regionId: w.townA.id, creditCode: 'I1532523MA6K00001X' }));
    expect((banned.cause as { issues: { message: string }[] }).issues[0]!.message).toMatch(/creditCode\.character/);
  });

  it('refuses a duplicate credit code and missing fields', async () => {
    const { w, assessor } = setup();
    await assessor.stakeholders.create({ name: 'A', type: 'market', regionId: w.townA.id, creditCode: validCreditCode() });
    const dup = await fieldsOf(assessor.stakeholders.create({ name: 'B', type: 'market', regionId: w.townA.id, creditCode: validCreditCode() }));
    expect(dup.code).toBe('BAD_REQUEST');
    expect((dup.cause as { fields: Record<string, string[]> }).fields.creditCode![0]).toBe('validation.creditCode.taken');
    const empty = await fieldsOf(assessor.stakeholders.create({ name: '', type: 'market', regionId: w.townA.id } as never));
    expect((empty.cause as { issues: { path: string[] }[] }).issues.map((i) => i.path.join('.'))).toContain('name');
  });

  it('a stakeholder belongs to a county, township or village', async () => {
    const db = freshDb();
    const w = smallWorld(db);
    const admin = callerFor(db, makeUser(db, 'admin'));
    const r = await fieldsOf(admin.stakeholders.create({ name: 'X', type: 'market', regionId: w.prefecture.id }));
    expect(r.code).toBe('BAD_REQUEST');
    expect((r.cause as { fields: Record<string, string[]> }).fields.regionId).toEqual(['validation.region.level']);
  });

  it('lists with search, type and township filters and pagination', async () => {
    const { w, assessor } = setup();
    for (let i = 0; i < 25; i++) {
      await assessor.stakeholders.create({ name: `合作社${i}`, type: 'rural', regionId: w.townA.id });
    }
    const page1 = await assessor.stakeholders.list({ page: 1, pageSize: 10, type: 'rural' });
    expect(page1).toMatchObject({ total: 25, pageCount: 3 });
    expect(page1.items).toHaveLength(10);
    const page3 = await assessor.stakeholders.list({ page: 3, pageSize: 10, type: 'rural' });
    expect(page3.items).toHaveLength(5);
    expect((await assessor.stakeholders.list({ page: 1, pageSize: 10, search: '合作社1' })).total).toBe(11);
    expect((await assessor.stakeholders.list({ page: 1, pageSize: 10, search: '100%' })).total).toBe(0);
    expect((await assessor.stakeholders.list({ page: 1, pageSize: 50, regionId: w.townA.id })).total).toBe(26);
  });

  it('deactivates and reactivates, hiding deactivated ones by default', async () => {
    const { w, assessor } = setup();
    await assessor.stakeholders.setActive({ id: w.shA.id, active: false });
    expect((await assessor.stakeholders.list({ page: 1, pageSize: 10 })).total).toBe(0);
    expect((await assessor.stakeholders.list({ page: 1, pageSize: 10, includeInactive: true })).total).toBe(1);
    await assessor.stakeholders.setActive({ id: w.shA.id, active: true });
    expect((await assessor.stakeholders.list({ page: 1, pageSize: 10 })).total).toBe(1);
  });
});

describe('users', () => {
  it('validates role scope and unique usernames', async () => {
    const db = freshDb();
    const w = smallWorld(db);
    const admin = callerFor(db, makeUser(db, 'admin'));
    const noScope = await fieldsOf(admin.users.create({ username: 'ann', name: 'Ann', password: 'ann-password-1', role: 'assessor', regionIds: [] }));
    expect(noScope.code).toBe('BAD_REQUEST');
    await admin.users.create({ username: 'ann', name: 'Ann', password: 'ann-password-1', role: 'assessor', regionIds: [w.countyA.id] });
    const taken = await fieldsOf(admin.users.create({ username: 'ANN', name: 'Ann 2', password: 'ann-password-1', role: 'admin', regionIds: [] }));
    expect((taken.cause as { fields: Record<string, string[]> }).fields.username).toEqual(['validation.usernameTaken']);
    const noStakeholder = await fieldsOf(admin.users.create({ username: 'sh', name: 'S', password: 'ann-password-1', role: 'stakeholder', regionIds: [] }));
    expect(noStakeholder.code).toBe('BAD_REQUEST');
    const list = await admin.users.list({ page: 1, pageSize: 20, role: 'assessor' });
    expect(list.items.map((u) => [u.username, u.regions.map((r) => r.regionId)])).toEqual([['ann', [w.countyA.id]]]);
  });

  it('an admin cannot disable or demote themselves', async () => {
    const db = freshDb();
    smallWorld(db);
    const me = makeUser(db, 'admin');
    const admin = callerFor(db, me);
    await expect(admin.users.setDisabled({ id: me.id, disabled: true })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(admin.users.update({ id: me.id, name: 'x', role: 'assessor', regionIds: [1] })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });
});

describe('audit log', () => {
  it('is append-only in the database itself', () => {
    const { db } = setup();
    db.insert(auditLog).values({ action: 'x', entity: 'y' }).run();
    expect(() => db.$client.exec("update audit_log set action = 'z'")).toThrow(/append-only/);
    expect(() => db.$client.exec('delete from audit_log')).toThrow(/append-only/);
  });
});
