// Input schemas of a period's revisions, shared by the revision page and its procedures.
import { z } from 'zod';
import { reasonText } from './reason';

export const revisionPeriodSchema = z.object({ periodId: z.number().int().positive() });

/** Publishing confirms the preview the administrator saw (its job), with a note every reader of the revision sees. */
export const revisionPublishSchema = z.object({
  periodId: z.number().int().positive(),
  previewJobId: z.number().int().positive(),
  note: reasonText,
});

export type RevisionPublishInput = z.infer<typeof revisionPublishSchema>;
