// A reviewer's comments on single indicators, stored with the return that carried them.
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { evaluationReturnComments, indicators } from '@/db/schema';

export type ReturnComment = { revision: number; code: string; comment: string };

export function writeReturnComments(tx: DbOrTx, evaluationId: number, revision: number, authorId: string, comments: readonly { indicatorId: number; comment: string }[]): void {
  if (comments.length === 0) return;
  tx.insert(evaluationReturnComments)
    .values(comments.map((c) => ({ evaluationId, revision, indicatorId: c.indicatorId, comment: c.comment, authorId })))
    .run();
}

/** Every return comment of an evaluation (a handful per return), by revision and indicator code. */
export function returnComments(db: DbOrTx, evaluationId: number): ReturnComment[] {
  return db
    .select({ revision: evaluationReturnComments.revision, code: indicators.code, comment: evaluationReturnComments.comment })
    .from(evaluationReturnComments)
    .innerJoin(indicators, eq(indicators.id, evaluationReturnComments.indicatorId))
    .where(eq(evaluationReturnComments.evaluationId, evaluationId))
    .orderBy(asc(evaluationReturnComments.revision), asc(evaluationReturnComments.indicatorId))
    .all();
}
