// A server process cut off in the middle of a publish: jobs.test.ts starts this with a database
// file, a closed period and the admin's id, reads the steps it prints, and kills it with SIGKILL
// while the worker is inside the publish's transaction.
import { openDb } from '@/db/client';
import { liveProgress } from '@/server/jobs/live';
import { startJob } from '@/server/jobs/runner';

const [file, periodId, userId] = process.argv.slice(2);
const db = openDb(file!);
const { jobId } = startJob(db, { kind: 'period.publish', input: { id: Number(periodId) }, startedBy: userId! });
let last = '';
// Never ends by itself: the test kills it (and the safety timer ends it should the test not).
setTimeout(() => process.exit(1), 60_000);
setInterval(() => {
  const p = liveProgress(jobId);
  const said = p ? `${jobId} ${p.step} ${p.progress.toFixed(3)}` : '';
  if (said && said !== last) process.stdout.write(`${(last = said)}\n`);
}, 1);
