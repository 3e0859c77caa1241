// A server process cut off in the middle of a job: killJobWhen (helpers.ts) starts this with what
// to start, prints the job's steps as the worker reports them, and kills it with SIGKILL.
//   publish <db file> <period id> <user id>
//   preview <db file> <draft version id> <period id> <user id>
//   revise <db file> <period id> <preview job id> <user id>
import { openDb } from '@/db/client';
import { requestImpactPreview } from '@/server/jobs/impact-preview';
import { liveProgress } from '@/server/jobs/live';
import { startJob } from '@/server/jobs/runner';
import { checkImpactPreview } from '@/server/services/impact-preview';

const [what, file, ...args] = process.argv.slice(2);
const db = openDb(file!);
const { jobId } =
  what === 'publish'
    ? startJob(db, { kind: 'period.publish', input: { id: Number(args[0]) }, startedBy: args[1]! })
    : what === 'preview'
      ? requestImpactPreview(db, checkImpactPreview(db, { versionId: Number(args[0]), periodId: Number(args[1]) }), args[2]!)
      : what === 'revise'
        ? startJob(db, { kind: 'revision.publish', input: { periodId: Number(args[0]), previewJobId: Number(args[1]), note: '复核后更正收入数据' }, startedBy: args[2]! })
        : (() => {
            throw new Error(`killable-job-child: unknown job "${what}"`);
          })();
let last = '';
// Never ends by itself: the test kills it (and the safety timer ends it should the test not).
setTimeout(() => process.exit(1), 60_000);
setInterval(() => {
  const p = liveProgress(jobId);
  const said = p ? `${jobId} ${p.step} ${p.progress.toFixed(3)}` : '';
  if (said && said !== last) process.stdout.write(`${(last = said)}\n`);
}, 1);
