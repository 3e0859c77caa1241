// Fresh databases, users and callers for integration tests.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { openDb, migrateDb, type Db } from '@/db/client';
import { setDb } from '@/server/db';
import { regions, stakeholders, stakeholderTypes, user, userRegionScopes } from '@/db/schema';
import { loadSessionUser } from '@/server/auth/session';
import { createCaller } from '@/server/trpc/root';
import { creditCodeCheckChar } from '@/core/domain/credit-code';
import { type Role } from '@/core/domain/enums';
import type { HandledKind, JobResultOf } from '@/server/jobs/handlers';
import type { JobHandle } from '@/server/jobs/runner';
import type { JobError } from '@/server/queries/jobs';

export function freshDb(): Db {
  const db = openDb(':memory:');
  migrateDb(db);
  setDb(db);
  return db;
}

/** A small world: one province, one prefecture, two counties with a township each. */
export function smallWorld(db: Db) {
  db.insert(stakeholderTypes)
    .values([
      { code: 'county_town', nameZh: '县/镇主体', nameEn: 'County/town entity' },
      { code: 'rural', nameZh: '乡村主体', nameEn: 'Rural entity' },
      { code: 'market', nameZh: '市场主体', nameEn: 'Market entity' },
    ])
    .run();
  const region = (code: string, nameZh: string, level: 'province' | 'prefecture' | 'county' | 'township', parent?: { id: number; path: string }) => {
    const row = db.insert(regions).values({ code, nameZh, nameEn: nameZh, level, parentId: parent?.id ?? null, path: '' }).returning().get();
    const path = `${parent?.path ?? '/'}${row.id}/`;
    db.$client.prepare('update regions set path = ? where id = ?').run(path, row.id);
    return { ...row, path };
  };
  const province = region('530000', '云南省', 'province');
  const prefecture = region('532500', '红河州', 'prefecture', province);
  const countyA = region('532523', '屏边县', 'county', prefecture);
  const countyB = region('532530', '金平县', 'county', prefecture);
  const townA = region('532523101', '玉屏镇', 'township', countyA);
  const townB = region('532530101', '金河镇', 'township', countyB);
  const stakeholder = (code: string, name: string, type: 'county_town' | 'rural' | 'market', regionId: number) =>
    db.insert(stakeholders).values({ code, name, type, regionId }).returning().get();
  const shA = stakeholder('MK-0001', '屏边茶业有限公司', 'market', townA.id);
  const shB = stakeholder('MK-0002', '金平香蕉有限公司', 'market', townB.id);
  return { province, prefecture, countyA, countyB, townA, townB, shA, shB };
}

export function makeUser(db: Db, role: Role, opts: { regionIds?: number[]; stakeholderId?: number; username?: string } = {}) {
  const id = crypto.randomUUID();
  const username = opts.username ?? `${role}-${id.slice(0, 8)}`;
  db.insert(user)
    .values({ id, username, name: username, email: `${username}@test.invalid`, role, stakeholderId: role === 'stakeholder' ? (opts.stakeholderId ?? null) : null })
    .run();
  for (const regionId of opts.regionIds ?? []) db.insert(userRegionScopes).values({ userId: id, regionId }).run();
  return loadSessionUser(db, id)!;
}

export function callerFor(db: Db, u: ReturnType<typeof makeUser> | null) {
  return createCaller({ db, user: u });
}

/** A valid unified social credit code with the given division code and serial. */
export function validCreditCode(division = '532523', serial = 'MA6K00001'): string {
  const first17 = `91${division}${serial}`.slice(0, 17);
  return first17 + creditCodeCheckChar(first17);
}

export class JobFailedError extends Error {
  constructor(
    readonly jobId: number,
    readonly error: JobError | null,
  ) {
    super(`Job ${jobId} failed: ${JSON.stringify(error)}`);
  }
}

/**
 * Waits for a job a procedure started and returns its result, typed by the job's kind; a failed
 * job throws its error code and parameters.
 */
export async function waitForJob<K extends HandledKind>(caller: ReturnType<typeof callerFor>, handle: JobHandle<K>, timeoutMs = 20_000): Promise<JobResultOf<K>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await caller.jobs.get({ id: handle.jobId });
    if (job.status === 'succeeded') return job.result as JobResultOf<K>;
    if (job.status === 'failed') throw new JobFailedError(handle.jobId, job.error);
    if (Date.now() > until) throw new Error(`Job ${handle.jobId} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Starts a job in a server process of its own (killable-job-child.ts: `args` say which job) and
 * kills it with SIGKILL as soon as `killWhen` holds for the steps it has printed. Resolves with
 * those steps once the process is dead; rejects if it ended any other way.
 */
export async function killJobWhen(file: string, args: string[], killWhen: (steps: string) => boolean): Promise<string> {
  // Node itself with tsx's loader (not the tsx command, whose own child would outlive the kill).
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'tests/integration/killable-job-child.ts', args[0]!, file, ...args.slice(1)], {
    env: { ...process.env, DATABASE_PATH: file },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let steps = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      steps += d.toString();
      if (killWhen(steps)) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`the job's process ended before the moment to kill it:\n${steps}\n${stderr}`)));
  });
  const signal = await exited;
  if (signal !== 'SIGKILL') throw new Error(`the job's process ended by ${signal ?? 'itself'}, not by SIGKILL`);
  return steps;
}
