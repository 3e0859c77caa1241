// The message catalogs, one file per area and language. Add a namespace here in both languages;
// tests/unit/i18n checks that both catalogs have exactly the same keys.
import type { Locale } from './config';
import enCommon from '@/messages/en/common.json';
import zhCommon from '@/messages/zh-CN/common.json';
import enAuth from '@/messages/en/auth.json';
import zhAuth from '@/messages/zh-CN/auth.json';
import enValidation from '@/messages/en/validation.json';
import zhValidation from '@/messages/zh-CN/validation.json';
import enAdmin from '@/messages/en/admin.json';
import zhAdmin from '@/messages/zh-CN/admin.json';
import enStakeholders from '@/messages/en/stakeholders.json';
import zhStakeholders from '@/messages/zh-CN/stakeholders.json';

export const catalogs = {
  en: { common: enCommon, auth: enAuth, validation: enValidation, admin: enAdmin, stakeholders: enStakeholders },
  'zh-CN': { common: zhCommon, auth: zhAuth, validation: zhValidation, admin: zhAdmin, stakeholders: zhStakeholders },
} as const;

export type Messages = (typeof catalogs)['en'];

export function messagesFor(locale: Locale) {
  return catalogs[locale];
}
