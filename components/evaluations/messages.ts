// Messages that travel as catalog keys ("evaluations.validation.x::{params}", built with vmsg):
// translated with the root translator; other text passes through unchanged.
type Translate = (key: string, params?: Record<string, string | number>) => string;

export function translateKeyed(t: Translate, message: string | undefined): string | undefined {
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
    return t(key, params);
  } catch {
    return message;
  }
}
