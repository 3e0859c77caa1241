// The sentence a refusal shows its reader, from the catalogs in the reader's language: the precise
// detail if there is one (the engine's problem), else the sentence of the reason, else of the
// code. tRPC's error formatter and the route wrapper both answer with it; the English message of
// the error stays for the logs.
import 'server-only';
import { createTranslator } from 'use-intl/core';
import { errorMessageKeys, type ErrorParams } from '@/core/domain/error-reasons';
import { parseVmsg } from '@/core/domain/messages';
import type { Locale } from '@/i18n/config';
import { catalogs } from '@/i18n/messages';

export interface Refusal {
  reason?: string | null;
  code?: string | null;
  params?: ErrorParams | null;
  detail?: string | null;
}

type Translate = (key: string, params?: ErrorParams) => string;

export function readerMessage(locale: Locale, refusal: Refusal): string {
  let failed = false;
  const t = createTranslator({
    locale,
    messages: catalogs[locale],
    onError: () => {
      failed = true;
    },
  }) as unknown as Translate & { has(key: string): boolean };
  const attempt = (key: string, params: ErrorParams): string | null => {
    if (!t.has(key)) return null;
    failed = false;
    const text = t(key, params);
    return failed ? null : text;
  };
  const detail = refusal.detail ? parseVmsg(refusal.detail) : null;
  const fromDetail = detail ? attempt(detail.key, detail.params) : null;
  if (fromDetail) return fromDetail;
  for (const key of errorMessageKeys(refusal.reason, refusal.code)) {
    const text = attempt(key, refusal.params ?? {});
    if (text) return text;
  }
  return t('errors.code.INTERNAL_SERVER_ERROR');
}
