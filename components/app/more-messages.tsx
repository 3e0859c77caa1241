'use client';
// A nested NextIntlClientProvider replaces its parent's messages (use-intl's IntlProvider takes
// `messages ?? parent.messages`), so the page's namespaces are merged onto the parent's here, in
// the browser: each namespace crosses the wire once.
import { NextIntlClientProvider, useLocale, useMessages } from 'next-intl';
import { useMemo, type ReactNode } from 'react';
import { mergeMessages } from '@/i18n/pick-messages';

type Tree = Parameters<typeof mergeMessages>[0];

export function MoreMessages({ messages, children }: { messages: Tree; children: ReactNode }) {
  const parent = useMessages() as unknown as Tree;
  const locale = useLocale();
  const merged = useMemo(() => mergeMessages(parent, messages), [parent, messages]);
  // Formats, time zone and `now` are inherited from the parent provider when not given.
  return (
    <NextIntlClientProvider locale={locale} messages={merged}>
      {children}
    </NextIntlClientProvider>
  );
}
