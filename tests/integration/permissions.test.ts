// Table-driven from the permission matrix: every procedure, called as every role and anonymously,
// is allowed exactly when the matrix says so — UNAUTHORIZED without a session, FORBIDDEN out of role.
import { TRPCError } from '@trpc/server';
import { beforeEach, describe, expect, it } from 'vitest';

import { PERMISSIONS, type Action } from '@/server/auth/permissions';
import { appRouter } from '@/server/trpc/root';
import { callerFor, freshDb, makeUser, smallWorld } from './helpers';
import type { Db } from '@/db/client';
import { ROLES, type Role } from '@/core/domain/enums';

type AnyProcedure = { _def: { type: 'query' | 'mutation'; meta?: { action?: Action } } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);

async function outcome(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'OK';
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

function invoke(caller: ReturnType<typeof callerFor>, path: string, input: unknown) {
  const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (i: unknown) => Promise<unknown>;
  return fn(input);
}

describe('permission matrix', () => {
  let db: Db;
  let world: ReturnType<typeof smallWorld>;
  const users = {} as Record<Role, ReturnType<typeof makeUser>>;

  beforeEach(() => {
    db = freshDb();
    world = smallWorld(db);
    users.admin = makeUser(db, 'admin');
    users.assessor = makeUser(db, 'assessor', { regionIds: [world.countyA.id] });
    users.stakeholder = makeUser(db, 'stakeholder', { stakeholderId: world.shA.id });
  });

  it('every procedure declares an action of the matrix', () => {
    expect(procedures.length).toBeGreaterThan(10);
    for (const [path, p] of procedures) {
      expect(p._def.meta?.action, path).toBeDefined();
      expect(PERMISSIONS).toHaveProperty(p._def.meta!.action!);
    }
  });

  for (const [path, p] of procedures) {
    const action = p._def.meta!.action!;
    it(`${path} (${action}) — anonymous is UNAUTHORIZED`, async () => {
      expect(await outcome(() => invoke(callerFor(db, null), path, undefined))).toBe('UNAUTHORIZED');
    });
    for (const role of ROLES) {
      const allowed = (PERMISSIONS[action] as readonly Role[]).includes(role);
      it(`${path} (${action}) — ${role} is ${allowed ? 'allowed' : 'FORBIDDEN'}`, async () => {
        // An empty input: allowed roles get past the permission check and then fail validation
        // (or succeed); refused roles are stopped before the input is even looked at.
        const result = await outcome(() => invoke(callerFor(db, users[role]), path, undefined));
        if (allowed) expect(['OK', 'BAD_REQUEST']).toContain(result);
        else expect(result).toBe('FORBIDDEN');
      });
    }
  }
});

describe('scope is enforced in the queries', () => {
  it('an assessor cannot read, edit or create a stakeholder outside their county', async () => {
    const db = freshDb();
    const w = smallWorld(db);
    const assessor = callerFor(db, makeUser(db, 'assessor', { regionIds: [w.countyA.id] }));
    await expect(assessor.stakeholders.get({ id: w.shA.id })).resolves.toMatchObject({ id: w.shA.id });
    await expect(assessor.stakeholders.get({ id: w.shB.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const data = { name: '改名', type: 'market' as const, regionId: w.townB.id };
    await expect(assessor.stakeholders.update({ id: w.shB.id, data })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(assessor.stakeholders.setActive({ id: w.shB.id, active: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(assessor.stakeholders.create(data)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Moving an own stakeholder into another county is just as out of scope.
    await expect(assessor.stakeholders.update({ id: w.shA.id, data })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const list = await assessor.stakeholders.list({ page: 1, pageSize: 50 });
    expect(list.items.map((s) => s.id)).toEqual([w.shA.id]);
    const regions = await assessor.regions.list({});
    expect(regions.map((r) => r.code).sort()).toEqual(['532523', '532523101']);
  });

  it('a stakeholder user reads only its own stakeholder', async () => {
    const db = freshDb();
    const w = smallWorld(db);
    const me = callerFor(db, makeUser(db, 'stakeholder', { stakeholderId: w.shA.id }));
    await expect(me.stakeholders.get({ id: w.shA.id })).resolves.toMatchObject({ name: w.shA.name });
    await expect(me.stakeholders.get({ id: w.shB.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('an assessor without regions sees nothing', async () => {
    const db = freshDb();
    smallWorld(db);
    const lonely = callerFor(db, makeUser(db, 'assessor'));
    expect((await lonely.stakeholders.list({ page: 1, pageSize: 10 })).total).toBe(0);
    expect(await lonely.regions.list({})).toEqual([]);
  });
});
