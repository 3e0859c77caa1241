// Validation messages travel as catalog keys (with JSON params) so the same zod schema speaks
// both languages: the client translates them with next-intl, on its own checks and on the
// field errors the server returns. Format: "validation.key" or "validation.key::{json params}"
// ("errors.…" and "jobs.…" keys too: the engine's and the refusals' sentences).

/** Params as vmsg writes them: an object of strings and numbers (checked by hand: no zod in the browser for this). */
function isParams(value: unknown): value is Record<string, string | number> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');
}

export function vmsg(key: string, params?: Record<string, string | number>): string {
  return params ? `${key}::${JSON.stringify(params)}` : key;
}

/** The namespaces whose keys travel as messages; any other text is shown as it is. */
const KEYED = ['validation.', 'errors.', 'jobs.'];

export function parseVmsg(message: string): { key: string; params: Record<string, string | number> } | null {
  if (!KEYED.some((prefix) => message.startsWith(prefix))) return null;
  const i = message.indexOf('::');
  if (i < 0) return { key: message, params: {} };
  const key = message.slice(0, i);
  try {
    const params: unknown = JSON.parse(message.slice(i + 2));
    return { key, params: isParams(params) ? params : {} };
  } catch {
    return { key, params: {} };
  }
}
