import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Toaster } from '@/components/ui/toast';
import { pickMessages, SHELL_NAMESPACES } from '@/i18n/pick-messages';
import { HydrationMark } from '@/components/app/hydration-mark';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: t('appName'), template: `%s · ${t('appName')}` }, description: t('tagline') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('common');
  // Only the app shell's messages: pages add their client components' with <ClientMessages>.
  // No tRPC client here: the public pages (sign-in) don't need one, app/(app)/layout.tsx has it.
  const messages = pickMessages(await getMessages(), SHELL_NAMESPACES);
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider messages={messages}>
          {children}
          <Toaster dismissLabel={t('dismiss')} regionLabel={t('notifications')} />
        </NextIntlClientProvider>
        <HydrationMark />
      </body>
    </html>
  );
}
