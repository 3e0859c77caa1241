// better-auth on the drizzle adapter: username + password, sessions in httpOnly cookies.
// Accounts are created by admins (server/services/users.ts), never by self sign-up.
import 'server-only';
import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import { username } from 'better-auth/plugins';
import { eq } from 'drizzle-orm';
import { getDb } from '@/server/db';
import { account, session, user, verification } from '@/db/schema';
import { authSecret, env } from '@/server/env';
import { PASSWORD_MIN } from '@/core/schemas/org';
import { resetSignInThrottle } from './sign-in-throttle';

function createAuth() {
  const db = getDb();
  return betterAuth({
    appName: 'County Scorecard',
    baseURL: env.APP_URL,
    secret: authSecret(),
    database: drizzleAdapter(db, { provider: 'sqlite', schema: { user, session, account, verification } }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: PASSWORD_MIN, maxPasswordLength: 128 },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    advanced: {
      useSecureCookies: env.APP_URL.startsWith('https://'),
      cookiePrefix: 'scorecard',
    },
    // Sign-in goes through our own action (server/auth/sign-in.ts), throttled per address and per
    // (username, address) with growing delays; better-auth's limiter is off: it counts requests per
    // address and path in fixed windows, and reads the address from headers any client can send.
    rateLimit: { enabled: false },
    logger: { disabled: env.NODE_ENV === 'test' },
    databaseHooks: {
      session: {
        create: {
          // A disabled account cannot obtain a session, whatever path the sign-in took.
          before: async (s) => {
            const row = db.select({ disabled: user.disabled }).from(user).where(eq(user.id, s.userId)).get();
            if (!row || row.disabled) throw new APIError('FORBIDDEN', { message: 'ACCOUNT_DISABLED' });
            return { data: s };
          },
        },
      },
    },
    plugins: [username({ minUsernameLength: 3, maxUsernameLength: 32 }), nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { __scorecardAuth?: Auth };

export function getAuth(): Auth {
  if (!globalForAuth.__scorecardAuth) globalForAuth.__scorecardAuth = createAuth();
  return globalForAuth.__scorecardAuth;
}

/** Tests rebuild auth against their fresh database, with no sign-in failures counted. */
export function resetAuth(): void {
  globalForAuth.__scorecardAuth = undefined;
  resetSignInThrottle();
}
