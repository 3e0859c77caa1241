// The demo's stakeholder types and its 300 stakeholders, each in its township.
import type { Tx } from '@/db/client';
import { stakeholders, stakeholderTypes } from '@/db/schema';
import { STAKEHOLDER_TYPE_SEEDS } from './catalogue';
import type { PlannedStakeholder } from './plan-stakeholders';
import { chunks, idLookup } from './rows';

export function insertStakeholderTypes(tx: Tx): void {
  tx.insert(stakeholderTypes).values([...STAKEHOLDER_TYPE_SEEDS]).run();
}

/** Inserts the planned stakeholders; returns their ids by code. */
export function insertStakeholders(tx: Tx, planned: readonly PlannedStakeholder[], regionId: (code: string) => number): (code: string) => number {
  const ids = new Map<string, number>();
  for (const rows of chunks(planned)) {
    const inserted = tx
      .insert(stakeholders)
      .values(
        rows.map((s) => ({
          code: s.code,
          name: s.name,
          type: s.type,
          regionId: regionId(s.townshipCode),
          creditCode: s.creditCode,
          contactName: s.contactName,
          contactPhone: s.contactPhone,
          active: s.active,
        })),
      )
      .returning({ id: stakeholders.id, code: stakeholders.code })
      .all();
    for (const r of inserted) ids.set(r.code, r.id);
  }
  return idLookup(ids, 'stakeholder');
}
