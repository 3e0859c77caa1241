// Server components call procedures directly through a caller: same permissions, no HTTP.
import 'server-only';
import { headers } from 'next/headers';
import { forbidden, notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { can, type Action } from '@/server/auth/permissions';
import type { Role } from '@/core/domain/enums';
import { DomainError } from '@/server/errors';
import { contextFromHeaders } from '@/server/trpc/context';
import { createCaller } from '@/server/trpc/root';

export const getContext = cache(async () => contextFromHeaders(await headers()));

/**
 * A page's refusals become pages, as the procedures' HTTP answers are statuses: a role that may not
 * act gets the 403 page, something missing (or outside the user's scope, which reads the same) the
 * 404 page — never an error page.
 */
export const api = cache(async () =>
  createCaller(await getContext(), {
    onError: ({ error }) => {
      if (error.code === 'NOT_FOUND') notFound();
      if (error.code === 'FORBIDDEN') {
        if (error.cause instanceof DomainError && error.cause.reason === 'out_of_scope') notFound();
        forbidden();
      }
    },
  }),
);

/** Whether the caller may take an action: pages hide what the procedures would refuse. */
export async function allowed(action: Action): Promise<boolean> {
  return can((await getContext()).user?.role ?? null, action);
}

/** A section of pages for some roles only: others get the 403 page, the signed-out the sign-in. */
export async function requireRole(...roles: Role[]): Promise<void> {
  const user = (await getContext()).user;
  if (!user) redirect('/sign-in');
  if (!roles.includes(user.role)) forbidden();
}
