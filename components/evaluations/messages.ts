// Messages that travel as catalog keys ("evaluations.validation.x::{params}", built with vmsg):
// translated with the root translator; other text passes through unchanged.
import type { Locale } from '@/i18n/config';
import { localParams } from '@/core/i18n/units';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** `locale`: the reader's, so a parameter given in both languages (a limit with its unit) reads in theirs. */
export function translateKeyed(t: Translate, message: string | undefined, locale?: Locale): string | undefined {
  if (!message) return undefined;
  const i = message.indexOf('::');
  const key = i < 0 ? message : message.slice(0, i);
  if (!/^[a-zA-Z]+\.[\w.]+$/.test(key)) return message;
  let params: Record<string, string | number> = {};
  if (i >= 0) {
    try {
      params = JSON.parse(message.slice(i + 2)) as Record<string, string | number>;
    } catch {
      return message;
    }
  }
  try {
    return t(key, locale ? localParams(params, locale) : params);
  } catch {
    return message;
  }
}
