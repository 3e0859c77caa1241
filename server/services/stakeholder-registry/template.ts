// The registry template: a CSV whose header names each column in Chinese and English (either is
// recognized on import), UTF-8 with a byte-order mark so that Excel opens it as UTF-8.
import 'server-only';
import { REGISTRY_COLUMNS, REGISTRY_HEADERS_ZH } from '@/core/schemas/stakeholder-registry';

export function registryTemplate(): { fileName: string; bytes: Uint8Array } {
  const header = REGISTRY_COLUMNS.map((c) => `${REGISTRY_HEADERS_ZH[c]} (${c})`).join(',');
  return { fileName: 'stakeholder-registry-template.csv', bytes: new TextEncoder().encode(`\ufeff${header}\r\n`) };
}
