// The impact preview runs as a job and is read from its stored result: tests start it, wait for
// it, and read a page (or read a page of what is already stored).
import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import { waitForJob, type callerFor } from './helpers';

type Caller = ReturnType<typeof callerFor>;
type PreviewInput = inferRouterInputs<AppRouter>['tuning']['preview'];

/** A page of the stored preview; throws when none is stored for the current data. */
export async function storedPreview(api: Caller, input: PreviewInput) {
  const page = await api.tuning.preview(input);
  if (!page.ready) throw new Error(`No preview is stored for version ${input.versionId} in period ${input.periodId}.`);
  return page;
}

/** Starts the preview's job (or joins the one running), waits for it, and reads a page. */
export async function computedPreview(api: Caller, input: PreviewInput) {
  await waitForJob(api, await api.tuning.startPreview({ versionId: input.versionId, periodId: input.periodId }));
  return storedPreview(api, input);
}
