// Bilingual names: the one shape every layer passes around, and the one way to pick the reader's.
import type { Locale } from '@/i18n/config';

/** A name in both languages of the app, as stored (name_en / name_zh columns). */
export interface Label {
  en: string;
  'zh-CN': string;
}

/** The label from a row's two name columns. */
export function labelOf(row: { nameEn: string; nameZh: string }): Label {
  return { en: row.nameEn, 'zh-CN': row.nameZh };
}

/** The reader's name; an empty English name falls back to the Chinese one (and the reverse). */
export function pickName(label: Label, locale: Locale): string {
  const own = label[locale];
  if (own) return own;
  return locale === 'en' ? label['zh-CN'] : label.en;
}
