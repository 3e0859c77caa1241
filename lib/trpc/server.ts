// Server components call procedures directly through a caller: same permissions, no HTTP.
import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { contextFromHeaders } from '@/server/trpc/context';
import { createCaller } from '@/server/trpc/root';

export const getContext = cache(async () => contextFromHeaders(await headers()));

export const api = cache(async () => createCaller(await getContext()));
