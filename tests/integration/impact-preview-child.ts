// A server process cut off in the middle of an impact preview: impact-preview-job.test.ts starts
// this with a database file, the draft, the period and the admin's id, reads the steps it prints,
// and kills it with SIGKILL while the worker is storing the preview.
import { openDb } from '@/db/client';
import { liveProgress } from '@/server/jobs/live';
import { requestImpactPreview } from '@/server/jobs/impact-preview';
import { checkImpactPreview } from '@/server/services/impact-preview';

const [file, versionId, periodId, userId] = process.argv.slice(2);
const db = openDb(file!);
const { jobId } = requestImpactPreview(db, checkImpactPreview(db, { versionId: Number(versionId), periodId: Number(periodId) }), userId!);
let last = '';
// Never ends by itself: the test kills it (and the safety timer ends it should the test not).
setTimeout(() => process.exit(1), 60_000);
setInterval(() => {
  const p = liveProgress(jobId);
  const said = p ? `${jobId} ${p.step} ${p.progress.toFixed(3)}` : '';
  if (said && said !== last) process.stdout.write(`${(last = said)}\n`);
}, 1);
