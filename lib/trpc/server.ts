// Server components call procedures directly through a caller: same permissions, no HTTP.
import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { can, type Action } from '@/server/auth/permissions';
import { contextFromHeaders } from '@/server/trpc/context';
import { createCaller } from '@/server/trpc/root';

export const getContext = cache(async () => contextFromHeaders(await headers()));

export const api = cache(async () => createCaller(await getContext()));

/** Whether the caller may take an action: pages hide what the procedures would refuse. */
export async function allowed(action: Action): Promise<boolean> {
  return can((await getContext()).user?.role ?? null, action);
}
