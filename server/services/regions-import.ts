// Loads a province's division tree into `regions`: used by the regions command, the demo and the
// province generator. It takes the tree as data (seed/divisions.ts reads the package), so nothing
// the web app loads at run time touches the large divisions package.
import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { regions } from '@/db/schema';
import type { RegionLevel } from '@/core/domain/enums';
import { writeAudit } from '@/server/queries/audit';

/** One administrative unit and the units directly below it. */
export interface DivisionUnit {
  code: string;
  nameZh: string;
  nameEn: string;
  level: Exclude<RegionLevel, 'village'>;
  children: readonly DivisionUnit[];
}

export type RegionCount = Record<Exclude<RegionLevel, 'village'>, number>;

export interface ImportRegionsResult {
  /** Units written for the first time, by level. */
  added: RegionCount;
  /** Units already present (by code): their ids, paths and names — perhaps renamed by an admin — are kept. */
  kept: RegionCount;
  /** Every unit of the tree, by code. */
  ids: Map<string, number>;
}

/** Rows per statement: well below SQLite's limit on bound parameters. */
const CHUNK = 500;

const CHILD_LEVEL = { province: 'prefecture', prefecture: 'county', county: 'township', township: null } as const;

function zero(): RegionCount {
  return { province: 0, prefecture: 0, county: 0, township: 0 };
}

/** Checks the tree's shape before anything is written: levels in order, each code once. */
function validate(root: DivisionUnit): void {
  if (root.level !== 'province') throw new Error(`A division tree starts at a province, not ${root.level} ${root.code}.`);
  const seen = new Set<string>();
  const walk = (u: DivisionUnit) => {
    if (seen.has(u.code)) throw new Error(`Division code ${u.code} appears twice.`);
    seen.add(u.code);
    for (const c of u.children) {
      if (c.level !== CHILD_LEVEL[u.level]) throw new Error(`${c.code} (${c.level}) cannot sit under ${u.code} (${u.level}).`);
      walk(c);
    }
  };
  walk(root);
}

/**
 * Upserts a province and everything below it, by code, in one transaction (on a transaction it
 * joins it). Existing units keep their id, path and names, so a re-run changes nothing and an
 * admin's renames survive; new units get the materialized path of their parent plus their id.
 */
export function importRegions(db: DbOrTx, options: { province: DivisionUnit; actorId?: string | null }): ImportRegionsResult {
  validate(options.province);
  return db.transaction((tx) => {
    const added = zero();
    const kept = zero();
    const ids = new Map<string, number>();
    // Level by level, parents first: chunked inserts, then each new unit's path from its parent's
    // in one UPDATE (a unit's path holds its own id, known only once it is inserted).
    let level: DivisionUnit[] = [options.province];
    let parentOf = new Map<string, string | null>([[options.province.code, null]]);
    while (level.length > 0) {
      const codes = level.map((u) => u.code);
      const existing = new Set<string>();
      for (let i = 0; i < codes.length; i += CHUNK) {
        for (const r of tx.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes.slice(i, i + CHUNK))).all()) existing.add(r.code);
      }
      const fresh = level.filter((u) => !existing.has(u.code));
      for (const u of level) (existing.has(u.code) ? kept : added)[u.level]++;
      for (let i = 0; i < fresh.length; i += CHUNK) {
        tx.insert(regions)
          .values(
            fresh.slice(i, i + CHUNK).map((u) => {
              const parentCode = parentOf.get(u.code) ?? null;
              return { code: u.code, nameZh: u.nameZh, nameEn: u.nameEn, level: u.level, parentId: parentCode === null ? null : (ids.get(parentCode) ?? null), path: '' };
            }),
          )
          .run();
      }
      if (fresh.length > 0) {
        tx.run(sql`update ${regions} set path = coalesce((select p.path from ${regions} p where p.id = ${regions}.parent_id), '/') || ${regions}.id || '/' where path = ''`);
      }
      for (let i = 0; i < codes.length; i += CHUNK) {
        for (const r of tx.select({ code: regions.code, id: regions.id }).from(regions).where(inArray(regions.code, codes.slice(i, i + CHUNK))).all()) ids.set(r.code, r.id);
      }
      const next: DivisionUnit[] = [];
      const nextParents = new Map<string, string | null>();
      for (const u of level) {
        for (const c of u.children) {
          next.push(c);
          nextParents.set(c.code, u.code);
        }
      }
      level = next;
      parentOf = nextParents;
    }

    const total = Object.values(added).reduce((a, b) => a + b, 0);
    if (total > 0) {
      writeAudit(tx, {
        actorId: options.actorId ?? null,
        action: 'regions.import',
        entity: 'region',
        entityId: ids.get(options.province.code) ?? null,
        after: { province: options.province.code, added, kept },
      });
    }
    return { added, kept, ids };
  });
}
