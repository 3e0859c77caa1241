// Tells next-intl the app's locales, so useLocale()/getLocale() return a Locale that pickName and
// formatNumber accept without a cast.
import type { Locale } from '@/i18n/config';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
  }
}
