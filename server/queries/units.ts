// The units catalogue: read once per request, and the one way to turn a stored unit (a code, or
// the free text an older published KPI-set document carries) into the catalogue row.
import 'server-only';
import { asc } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { units } from '@/db/schema';
import { legacyUnitCode, type Unit } from '@/core/i18n/units';

export function listUnits(db: DbOrTx): Unit[] {
  return db.select({ code: units.code, nameEn: units.nameEn, nameZh: units.nameZh, attached: units.attached }).from(units).orderBy(asc(units.code)).all();
}

/** Unit text → catalogue row; text the catalogue doesn't know shows as itself in both languages. */
export type UnitLookup = (text: string | null | undefined) => Unit | null;

export function unitLookup(db: DbOrTx): UnitLookup {
  const all = listUnits(db);
  const byCode = new Map(all.map((u) => [u.code, u]));
  const byName = new Map(all.map((u) => [u.nameEn.toLowerCase(), u]));
  return (text) => {
    const t = text?.trim();
    if (!t) return null;
    // A document carries the English name; a form or file may carry the code or an old spelling.
    return byCode.get(t) ?? byName.get(t.toLowerCase()) ?? byCode.get(legacyUnitCode(t) ?? '') ?? { code: t, nameEn: t, nameZh: t, attached: false };
  };
}

/** The catalogue code for a unit text, adding a row named after the text when it is new (file imports). */
export function ensureUnit(db: DbOrTx, text: string): string | null {
  const code = unitLookup(db)(text)?.code ?? null;
  if (!code) return null;
  db.insert(units).values({ code, nameEn: code, nameZh: code }).onConflictDoNothing().run();
  return code;
}
