// Registers the province's stakeholders through the registry service (the same checks as an
// admin's file: credit codes, townships, duplicates), in parts so progress can be shown; each
// part is all or nothing. Returns their ids by planned code.
import type { Db } from '@/db/client';
import type { SessionUser } from '@/server/auth/session';
import { registerStakeholders as register } from '@/server/services/stakeholder-registry';
import type { PlannedStakeholder } from './plan-stakeholders';
import type { Progress } from './province-quarters';
import { idLookup } from './rows';

const PART = 20_000;

export function registerStakeholders(db: Db, admin: SessionUser, planned: readonly PlannedStakeholder[], progress: Progress): (code: string) => number {
  const ids = new Map<string, number>();
  for (let i = 0; i < planned.length; i += PART) {
    const rows = planned.slice(i, i + PART).map((s, j) => ({
      row: i + j + 1,
      code: s.code,
      creditCode: s.creditCode,
      nameZh: s.name,
      type: s.type,
      townshipCode: s.townshipCode,
      contactName: s.contactName,
      contactPhone: s.contactPhone,
    }));
    for (const r of register(db, admin, rows)) ids.set(r.code, r.id);
    progress('stakeholders registered', ids.size);
  }
  return idLookup(ids, 'stakeholder');
}
