// The tRPC endpoint: the wrapper has loaded the session once; each procedure checks its action.
import 'server-only';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { requestLocale } from '@/server/auth/locale';
import { appRouter } from '@/server/trpc/root';
import { defineRoute } from '../define-route';

function trpcRoute(method: 'GET' | 'POST') {
  return defineRoute({
    method,
    path: '/api/trpc/[trpc]',
    action: 'trpc.call',
    handler: ({ db, user, request }) =>
      fetchRequestHandler({
        endpoint: '/api/trpc',
        req: request,
        router: appRouter,
        // The reader's language: refusals answer in it (server/error-text.ts).
        createContext: ({ resHeaders }) => ({ db, user, resHeaders, locale: requestLocale(request.headers) }),
        onError({ error, path }) {
          if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'} failed:`, error.cause ?? error);
        },
      }),
  });
}

export const trpcGetRoute = trpcRoute('GET');
export const trpcPostRoute = trpcRoute('POST');
