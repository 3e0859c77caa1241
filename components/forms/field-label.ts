// A field's dotted path (`objectives.0.weight`, as the schemas and the server's field errors name
// it) as the reader knows the field: "Objective 1 · weight" / 「目标 1 · 权重」. For nested forms
// that list their problems in one place (the KPI-set editor, a rule builder).

type Translate = ((key: string, params?: Record<string, string | number>) => string) & { has(key: string): boolean };

/** The catalog key of an entry of a list, by the list's name. */
const ENTRY: Record<string, string> = {
  objectives: 'errors.field.objective',
  indicators: 'errors.field.indicator',
  grades: 'errors.field.grade',
};

export function fieldLabel(t: Translate, path: string): string {
  if (!path || path === '_') return '';
  const segments = path.split('.');
  const parts: string[] = [];
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    if (/^\d+$/.test(segment)) {
      const list = segments[i - 1] ?? '';
      parts.push(t(ENTRY[list] ?? 'errors.field.item', { n: Number(segment) + 1 }));
      return;
    }
    // A list's name is said by its entry ("Objective 1"), not twice.
    if (next !== undefined && /^\d+$/.test(next)) return;
    const key = `errors.field.names.${segment}`;
    parts.push(t.has(key) ? t(key) : segment);
  });
  return parts.join(t('errors.field.separator'));
}
