'use client';
// The browser side of tRPC: TanStack Query with the tRPC options proxy, superjson on the wire.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, loggerLink, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useState, type ReactNode } from 'react';
import superjson from 'superjson';
import type { AppRouter } from '@/server/trpc/root';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, err) => {
          const code = (err as { data?: { code?: string } }).data?.code;
          // Permission and input errors will not fix themselves.
          if (code && ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST'].includes(code)) return false;
          return count < 2;
        },
      },
    },
  });
}

/** The reader's sentence for a call without an answer, set by the provider in the reader's language. */
let unansweredText = '';

/**
 * A call that never got an answer (offline, a dropped connection) says so in the reader's language
 * instead of the browser's "Failed to fetch"; the server's answers carry their own sentence, and a
 * call cancelled on purpose stays as it is.
 */
const unansweredLink: TRPCLink<AppRouter> = () =>
  ({ next, op }) =>
    observable((observer) =>
      next(op).subscribe({
        next: (value) => observer.next(value),
        error: (err) => {
          const unanswered = err.shape === undefined && err.data === undefined && err.cause?.name !== 'AbortError';
          observer.error(unanswered && unansweredText ? new TRPCClientError<AppRouter>(unansweredText, { cause: err }) : err);
        },
        complete: () => observer.complete(),
      }),
    );

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const t = useTranslations('errors');
  // Read when a call fails, so a change of language applies without a new client.
  useEffect(() => {
    unansweredText = t('network');
  }, [t]);
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Development only, decided at build time so a production bundle leaves the logger out.
        ...(process.env.NODE_ENV === 'development' ? [loggerLink<AppRouter>({ enabled: (op) => op.direction === 'down' && op.result instanceof Error })] : []),
        unansweredLink,
        httpBatchLink({ url: '/api/trpc', transformer: superjson }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
