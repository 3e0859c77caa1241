// Unsaved input of the evaluation form kept in the browser (localStorage), so a closed tab or a
// crash can offer it back on the next open. One record per user and evaluation, its key naming the
// revision the edits were based on; each field keeps its own base so a restore merges like a save.
import type { FieldChange } from '@/core/domain/evaluation-merge';
import { ENTRY_FIELDS } from '@/core/domain/evaluation-merge';

export type StoredDraft = { at: number; revision: number; changes: FieldChange[] };

const PREFIX = 'evaluation-draft';

function prefixOf(userId: string, evaluationId: number): string {
  return `${PREFIX}:${userId}:${evaluationId}:`;
}

function keysOf(userId: string, evaluationId: number): string[] {
  const prefix = prefixOf(userId, evaluationId);
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k?.startsWith(prefix)) keys.push(k);
  }
  return keys;
}

function isChange(c: unknown): c is FieldChange {
  if (!c || typeof c !== 'object') return false;
  const o = c as Record<string, unknown>;
  const text = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number';
  return typeof o.code === 'string' && (ENTRY_FIELDS as readonly unknown[]).includes(o.field) && text(o.base) && text(o.value);
}

/** The newest kept draft of this user and evaluation, if any (a broken record is dropped). */
export function readDraft(userId: string, evaluationId: number): StoredDraft | null {
  let best: StoredDraft | null = null;
  try {
    for (const key of keysOf(userId, evaluationId)) {
      try {
        const d = JSON.parse(localStorage.getItem(key) ?? '') as Partial<StoredDraft>;
        if (typeof d.at === 'number' && typeof d.revision === 'number' && Array.isArray(d.changes) && d.changes.every(isChange)) {
          if (!best || d.at > best.at) best = d as StoredDraft;
          continue;
        }
      } catch {
        // Not JSON: dropped below.
      }
      localStorage.removeItem(key);
    }
  } catch {
    return null; // Storage disabled (private mode, policy): nothing kept, nothing to offer.
  }
  return best;
}

/** Keeps the unsaved changes (replacing earlier records), or forgets them when there are none. */
export function writeDraft(userId: string, evaluationId: number, revision: number, changes: FieldChange[]): void {
  try {
    for (const key of keysOf(userId, evaluationId)) localStorage.removeItem(key);
    if (changes.length === 0) return;
    const draft: StoredDraft = { at: Date.now(), revision, changes };
    localStorage.setItem(`${prefixOf(userId, evaluationId)}${revision}`, JSON.stringify(draft));
  } catch {
    // Full or disabled storage: the server copy and the leave prompt still protect the edits.
  }
}
