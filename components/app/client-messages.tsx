// Hands the client components below it the message namespaces they use, on top of those already
// provided above (the root layout's shell namespaces, a segment layout's). Server component: it
// picks from the request's catalogue, so only the picked part is serialized into the page.
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import { pickMessages } from '@/i18n/pick-messages';
import { MoreMessages } from './more-messages';

/**
 * `namespaces`: literal strings ("evaluations", "admin.audit", "errors.field"), as the check in
 * tests/unit/i18n/client-messages.test.ts reads them from the source.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly string[]; children: ReactNode }) {
  const messages = pickMessages(await getMessages(), namespaces);
  return <MoreMessages messages={messages}>{children}</MoreMessages>;
}
