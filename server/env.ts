// The one place that reads process.env: validated once, typed everywhere else.
import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import net from 'node:net';
import { z } from 'zod';

function isAddressOrRange(entry: string): boolean {
  const [ip = '', bits, ...rest] = entry.split('/');
  const family = net.isIP(ip);
  if (!family || rest.length) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_PATH: z.string().min(1).default('data/scorecard.db'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.string().url().optional(),
  BETTER_AUTH_SECRET: z.string().min(32, 'BETTER_AUTH_SECRET must be at least 32 characters').optional(),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  // Worker threads for long jobs (publishing, eligibility runs, imports); 1 leaves a core to requests on 2 cores.
  JOB_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  // Ceiling of each job worker's JS heap (MB): V8 collects before growing past it instead of letting a
  // province's publish or eligibility run hold several times what it uses; a job needing more fails clearly.
  // The launchers give the request thread the same ceiling (scripts/lib/server-process.mjs, same default).
  JOB_WORKER_HEAP_MB: z.coerce.number().int().min(128).max(16384).default(512),
  // Every eligibility run gets a robustness check of this many weightings by itself, on a background
  // thread of lowest priority (server/jobs/automatic-checks.ts); 0 turns that off (checks by hand only).
  ROBUSTNESS_AUTO_DRAWS: z.coerce.number().int().min(0).max(10000).default(1000),
  // Scheduled online backups (scripts/backup.mjs): off unless BACKUP_DIR is set.
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  BACKUP_INTERVAL_HOURS: z.coerce.number().positive().max(500).default(24), // timers overflow past 24.8 days
  // Reverse proxies (IPs or CIDR ranges, comma-separated) whose X-Forwarded-For names the client;
  // empty: the socket's peer is the client (server/auth/client-address.ts).
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean))
    .refine((list) => list.every(isAddressOrRange), 'TRUSTED_PROXIES must list IP addresses or CIDR ranges, comma-separated'),
});

export type Env = z.infer<typeof schema> & { APP_URL: string; DATA_DIR: string };

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dbPath = e.DATABASE_PATH === ':memory:' ? e.DATABASE_PATH : path.resolve(e.DATABASE_PATH);
  return {
    ...e,
    DATABASE_PATH: dbPath,
    DATA_DIR: dbPath === ':memory:' ? path.resolve('data') : path.dirname(dbPath),
    APP_URL: e.APP_URL ?? `http://localhost:${e.PORT}`,
  };
}

export const env: Env = load();

/**
 * The auth secret: from the environment, else generated once into the data folder (never
 * committed; data/ is git-ignored) so sessions survive restarts.
 */
export function authSecret(): string {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  const file = path.join(env.DATA_DIR, 'auth-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(env.DATA_DIR, { recursive: true });
    const secret = crypto.randomBytes(32).toString('base64url');
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      // Another process won the race: use its secret.
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}
